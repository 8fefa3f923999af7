import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvent } from '../../lib/events';
import { CONSENTS_KEY, SUBMISSIONS_KEY } from './api';

/**
 * Keeps the submissions pages current: a submission written, released or
 * consented to refreshes what shows it. The server sends each event only to
 * the owner party and the coordinator. Mounted once, in the shell.
 */
export function useLiveSubmissions(): void {
  const client = useQueryClient();
  useLiveEvent('submission.', () => void client.invalidateQueries({ queryKey: SUBMISSIONS_KEY }));
  useLiveEvent('consent.', () => {
    void client.invalidateQueries({ queryKey: CONSENTS_KEY });
    void client.invalidateQueries({ queryKey: SUBMISSIONS_KEY });
  });
}
