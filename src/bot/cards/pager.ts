import type { Page } from '../../app/views/paging.ts';
import type { Pager } from './card-data.ts';

/** The page buttons and "Page 2 of 5 (87 items)" line for a paged list. */
export function pagerOf(page: Page<unknown>, noun: string): Pager {
  return {
    label:
      page.pageCount > 1
        ? `Page ${page.page} of ${page.pageCount} (${page.total} ${noun})`
        : `${page.total} ${noun}`,
    hasNext: page.hasNext,
    hasPrevious: page.hasPrevious,
    next: page.page + 1,
    previous: page.page - 1,
  };
}
