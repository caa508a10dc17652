import type { Client } from '@microsoft/microsoft-graph-client';
import type { ListOptions } from '../app/ports/directory.ts';
import type { SkuHolders } from '../app/ports/sku-holders.ts';
import type { DirectoryUser, SkuId } from '../domain/licensing.ts';
import { toUser, UnexpectedGraphResponseError } from './directory-records.ts';
import type { GraphCall } from './graph-call.ts';
import { readCollection, readGraph } from './graph-read.ts';

const MAX_PAGE_SIZE = 999;
/** What a holders list shows: who, whether the account is on, and where the license comes from. */
const HOLDER_FIELDS = 'id,displayName,userPrincipalName,accountEnabled,licenseAssignmentStates';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Filtering on accountEnabled together with a lambda over assignedLicenses, and counting, are
// served as advanced queries: both the header and $count=true are sent every time.
const eventual = { ConsistencyLevel: 'eventual' };

/** A SKU id is written into the filter unquoted, as Graph reads GUIDs: it must be one. */
export class InvalidSkuIdError extends Error {
  override readonly name = 'InvalidSkuIdError';
  readonly code = 'INVALID_SKU_ID';
}

function holdersFilter(skuId: SkuId, accountEnabled: boolean): string {
  if (!GUID.test(skuId)) {
    throw new InvalidSkuIdError(`"${skuId}" is not a SKU id`);
  }
  return `assignedLicenses/any(x:x/skuId eq ${skuId}) and accountEnabled eq ${accountEnabled}`;
}

/**
 * The `SkuHolders` port over Microsoft Graph v1.0:
 * `GET /users?$filter=assignedLicenses/any(x:x/skuId eq …) and accountEnabled eq …&$count=true`
 * with `ConsistencyLevel: eventual`, selecting only what the holders card shows.
 */
export class GraphSkuHolders implements SkuHolders {
  readonly #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  async *listHolders(
    skuId: SkuId,
    accountEnabled: boolean,
    options?: ListOptions,
  ): AsyncIterable<DirectoryUser> {
    const size = Math.min(options?.pageSize ?? MAX_PAGE_SIZE, options?.limit ?? MAX_PAGE_SIZE);
    const call: GraphCall = {
      method: 'GET',
      path: '/users',
      query: {
        $filter: holdersFilter(skuId, accountEnabled),
        $select: HOLDER_FIELDS,
        $count: 'true',
        $top: String(Math.max(1, Math.min(MAX_PAGE_SIZE, size))),
      },
      headers: eventual,
    };
    for await (const item of readCollection(this.#client, call, { kind: 'user' }, options?.limit)) {
      yield toUser(item);
    }
  }

  async countHolders(skuId: SkuId, accountEnabled: boolean): Promise<number> {
    const body = await readGraph(
      this.#client,
      {
        method: 'GET',
        path: '/users/$count',
        query: { $filter: holdersFilter(skuId, accountEnabled) },
        headers: eventual,
      },
      { kind: 'user' },
    );
    const count = typeof body === 'number' ? body : Number(String(body).trim());
    if (!Number.isInteger(count) || count < 0) {
      throw new UnexpectedGraphResponseError('Graph answered a count that is not a number');
    }
    return count;
  }
}
