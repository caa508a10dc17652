import type { Container, SqlQuerySpec } from '@azure/cosmos';
import type { Page, PageRequest } from '../app/ports/paging.ts';

// The ports' paging types: the app pages through stores without knowing Cosmos.
export type { Page, PageRequest } from '../app/ports/paging.ts';

/**
 * Runs one page of a query inside one logical partition. The partition key is both in the
 * query's WHERE (the local stand-in ignores the option) and in the options (so production Cosmos
 * sends the query to one partition instead of fanning out).
 */
export async function queryPage<T>(
  container: Container,
  query: SqlQuerySpec,
  partitionKey: string,
  request: PageRequest = {},
): Promise<Page<T>> {
  const iterator = container.items.query<T>(query, {
    partitionKey,
    maxItemCount: request.pageSize ?? 100,
    ...(request.continuationToken !== undefined && {
      continuationToken: request.continuationToken,
    }),
  });
  const response = await iterator.fetchNext();
  return {
    items: response.resources,
    ...(response.hasMoreResults &&
      response.continuationToken !== undefined && {
        continuationToken: response.continuationToken,
      }),
  };
}

/** Every item of a query, read page by page (for lists that stay small per tenant). */
export async function queryAll<T>(
  container: Container,
  query: SqlQuerySpec,
  partitionKey: string,
  pageSize = 100,
): Promise<T[]> {
  const items: T[] = [];
  let continuationToken: string | undefined;
  do {
    const page: Page<T> = await queryPage<T>(container, query, partitionKey, {
      pageSize,
      ...(continuationToken !== undefined && { continuationToken }),
    });
    items.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return items;
}
