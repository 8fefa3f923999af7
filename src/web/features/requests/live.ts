import { useQueryClient } from '@tanstack/react-query';
import { useConnectionState, useLiveEvent } from '../../lib/events';
import { NOTIFICATIONS_KEY, REQUESTS_KEY } from './keys';

/**
 * How the requests pages and the notifications bell stay current without a
 * reload. Everything live about requests goes through this file, so that the
 * transport changes in one place.
 */

/**
 * Subscribes the signed-in app to request and notification events: each one
 * refreshes what shows it. Mounted once, in the shell.
 */
export function useLiveRequests(): void {
  const client = useQueryClient();
  useLiveEvent('request.', () => void client.invalidateQueries({ queryKey: REQUESTS_KEY }));
  useLiveEvent('notification.', () => void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }));
}

/**
 * Polling is the fallback while the live connection is down: the inbox, the
 * request page and the notifications ask again every few seconds, also in a
 * tab that is not in front (a duty officer keeps Concord open beside other
 * work and must still hear a critical arrival).
 */
export function useLiveQueryOptions() {
  const live = useConnectionState() === 'live';
  return { refetchInterval: live ? false : 5_000, refetchIntervalInBackground: true } as const;
}
