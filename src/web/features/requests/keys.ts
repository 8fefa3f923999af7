/** Everything about requests that changes as people act on them (lists and pages). */
export const REQUESTS_KEY = ['requests'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;
