/**
 * How the requests pages and the notifications bell stay current without a
 * reload. Everything live about requests goes through this file, so that the
 * transport changes in one place.
 *
 * wired to useLiveEvent once src/web/lib/events.tsx lands: subscribe to
 * 'request.' (invalidate REQUESTS_KEY) and 'notification.' (invalidate
 * NOTIFICATIONS_KEY) from the signed-in shell, and drop the polling below.
 */

/**
 * Until then, the inbox, the request page and the notifications ask again
 * every few seconds, also in a tab that is not in front: a duty officer keeps
 * Concord open beside other work and must still hear a critical arrival.
 */
export const liveQuery = { refetchInterval: 5_000, refetchIntervalInBackground: true } as const;
