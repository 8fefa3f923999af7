/** How people name a request: REQ- and its number in six digits (REQ-000123). */
export const requestReference = (number: string | number) => `REQ-${String(number).padStart(6, '0')}`;
