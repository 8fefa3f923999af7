import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvent } from '../../lib/events';
import { COMMITMENTS_KEY } from './api';

/**
 * Keeps the commitments pages current: a commitment raised, moved or noted
 * refreshes what shows it. The server sends each event only to whoever the
 * access rule admits to the commitment (its group's members). Mounted once, in the shell.
 */
export function useLiveCommitments(): void {
  const client = useQueryClient();
  useLiveEvent('commitment.', () => void client.invalidateQueries({ queryKey: COMMITMENTS_KEY }));
}
