/** Kept for the modules that name requests through notifications; the definition lives in core. */
export { requestReference } from '../../../core/requests/reference';
