import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvent } from '../../lib/events';
import { RELEASES_KEY, REPORTS_KEY } from './keys';

/**
 * Keeps the reports pages current without a reload: a report written,
 * edited, submitted or reviewed, and a release made to the reader's party,
 * refresh what shows them. The server sends each only to those who may read
 * it. Mounted once, in the shell.
 */
export function useLiveReports(): void {
  const client = useQueryClient();
  useLiveEvent('report.', () => void client.invalidateQueries({ queryKey: REPORTS_KEY }));
  useLiveEvent('release.', () => void client.invalidateQueries({ queryKey: RELEASES_KEY }));
}
