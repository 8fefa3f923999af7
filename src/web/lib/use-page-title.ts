import { useEffect } from 'react';

/** "Profile · Concord": the tab, the history and screen readers name the page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Concord`;
  }, [title]);
}
