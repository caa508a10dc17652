import type { Page, PageRequest } from '../paging.ts';

/**
 * One page of an already sorted list, with an opaque token like Cosmos': the memory stores page
 * the same way the Cosmos ones do, so callers that forget the token fail in unit tests too.
 */
export function pageOf<T>(items: readonly T[], request: PageRequest = {}): Page<T> {
  const size = request.pageSize ?? 100;
  const start =
    request.continuationToken === undefined
      ? 0
      : Number(Buffer.from(request.continuationToken, 'base64url').toString('utf8'));
  const end = start + size;
  return {
    items: items.slice(start, end).map((item) => structuredClone(item)),
    ...(end < items.length && {
      continuationToken: Buffer.from(String(end), 'utf8').toString('base64url'),
    }),
  };
}
