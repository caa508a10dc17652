/** One page of a longer list, numbered from 1, with whether more follow. */
export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
  hasNext: boolean;
  hasPrevious: boolean;
}

/**
 * Cuts a list into pages so a card never grows past what Teams accepts; a page number past the
 * end gives the last page rather than an empty card.
 */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (current - 1) * pageSize;
  return {
    items: items.slice(start, start + pageSize),
    page: current,
    pageCount,
    total: items.length,
    hasNext: current < pageCount,
    hasPrevious: current > 1,
  };
}
