import { useEffect, useRef, useState } from 'react';

/**
 * Items in `items` that were not among those seen before. The first list seen
 * brings no arrivals: what was there when the page opened is not news.
 */
export function newArrivals<T extends { id: string }>(seen: ReadonlySet<string> | null, items: T[]): T[] {
  if (seen === null) return [];
  return items.filter((item) => !seen.has(item.id));
}

/**
 * The items that arrived with the latest refresh of a list, for an
 * announcement or a sound; `items` undefined while the list loads.
 */
export function useArrivals<T extends { id: string }>(items: T[] | undefined): T[] {
  const seen = useRef<Set<string> | null>(null);
  const [arrived, setArrived] = useState<T[]>([]);
  useEffect(() => {
    if (!items) return;
    const fresh = newArrivals(seen.current, items);
    seen.current = new Set([...(seen.current ?? []), ...items.map((item) => item.id)]);
    if (fresh.length > 0) setArrived(fresh);
  }, [items]);
  return arrived;
}
