import type { Container, SqlQuerySpec } from '@azure/cosmos';
import type { OperationState } from '../domain/operations/operation.ts';
import type {
  OperationCheckpoint,
  OperationStore,
  StoredOperation,
  SweepQuery,
} from '../app/ports/operation-store.ts';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { parseDocument } from './documents.ts';
import { isNotFound } from './cosmos-errors.ts';
import { createVersioned, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { storedOperationSchema } from './operation-documents.ts';

const checkpointSchema = storedOperationSchema.shape.checkpoint.unwrap();
import { queryPage } from './paging.ts';
import type { Page, PageRequest } from './paging.ts';

const parse = (document: unknown): StoredOperation =>
  parseDocument(storedOperationSchema, document, 'operations');

const versioned = (found: Versioned<StoredOperation>): Versioned<StoredOperation> => ({
  value: parse(found.value),
  etag: found.etag,
});

/**
 * Operations in the `operations` container (partition: tenant, id: the operation id, which the
 * app makes from a UUID so it is a valid Cosmos id). A transition is one `IfMatch` replace: the
 * loser of a race gets `ConcurrencyConflictError`.
 */
export class CosmosOperationStore implements OperationStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async create(operation: StoredOperation): Promise<Versioned<StoredOperation>> {
    return versioned(
      await createVersioned(this.#container, storedOperationSchema.parse(operation)),
    );
  }

  async get(tenantId: string, id: string): Promise<Versioned<StoredOperation> | null> {
    const found = await readVersioned<StoredOperation>(this.#container, id, tenantId);
    // A point read is per partition, but an id is checked too: never hand out another tenant's.
    return found === null || found.value.tenantId !== tenantId ? null : versioned(found);
  }

  async transition(
    tenantId: string,
    id: string,
    expectedEtag: string,
    next: StoredOperation,
  ): Promise<Versioned<StoredOperation>> {
    if (next.id !== id || next.tenantId !== tenantId) {
      throw new Error(`transition: operation ${next.id} is not ${tenantId}/${id}.`);
    }
    const document = storedOperationSchema.parse(next);
    return versioned(await replaceIfMatch(this.#container, document, tenantId, expectedEtag));
  }

  async saveCheckpoint(
    tenantId: string,
    id: string,
    checkpoint: OperationCheckpoint,
  ): Promise<Versioned<StoredOperation>> {
    const value = checkpointSchema.parse(checkpoint);
    // One small patch of `/checkpoint`, not a read and a replace of the whole operation (all its
    // items): a checkpoint goes in whatever else changed meanwhile, and moves the ETag as any
    // write does, so a transition guarded by an older ETag still loses.
    try {
      const response = await this.#container
        .item(id, tenantId)
        .patch<StoredOperation>([{ op: 'set', path: '/checkpoint', value }]);
      if (response.resource === undefined) {
        throw new ConcurrencyConflictError(`Operation ${id} does not exist (any more).`);
      }
      return versioned({ value: response.resource, etag: response.etag });
    } catch (error) {
      if (isNotFound(error)) {
        throw new ConcurrencyConflictError(`Operation ${id} does not exist (any more).`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  listByTenant(tenantId: string, page: PageRequest = {}): Promise<Page<StoredOperation>> {
    return this.#list(tenantId, undefined, '', page);
  }

  listByRequester(
    tenantId: string,
    requesterId: string,
    page: PageRequest = {},
  ): Promise<Page<StoredOperation>> {
    return this.#list(tenantId, 'c.requester.userId = @value', requesterId, page);
  }

  listByState(
    tenantId: string,
    state: OperationState,
    page: PageRequest = {},
  ): Promise<Page<StoredOperation>> {
    return this.#list(tenantId, 'c.state = @value', state, page);
  }

  async listForSweep(query: SweepQuery, request: PageRequest = {}): Promise<Page<StoredOperation>> {
    // One partition and no ORDER BY: Cosmos pages such a query to the end with continuation
    // tokens (a cross-partition ORDER BY without query control stops after its first page).
    const sql: SqlQuerySpec = {
      query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.state = @state${
        query.expiredBy !== undefined ? ' AND c.expiresAt <= @expiredBy' : ''
      }`,
      parameters: [
        { name: '@tenantId', value: query.tenantId },
        { name: '@state', value: query.state },
        ...(query.expiredBy !== undefined
          ? [{ name: '@expiredBy', value: query.expiredBy.toISOString() }]
          : []),
      ],
    };
    const page = await queryPage<StoredOperation>(this.#container, sql, query.tenantId, request);
    return { ...page, items: page.items.map(parse) };
  }

  async #list(
    tenantId: string,
    condition: string | undefined,
    value: string,
    request: PageRequest,
  ): Promise<Page<StoredOperation>> {
    const query: SqlQuerySpec = {
      query: `SELECT * FROM c WHERE c.tenantId = @tenantId${
        condition === undefined ? '' : ` AND ${condition}`
      } ORDER BY c.createdAt DESC`,
      parameters: [
        { name: '@tenantId', value: tenantId },
        ...(condition === undefined ? [] : [{ name: '@value', value }]),
      ],
    };
    const page = await queryPage<StoredOperation>(this.#container, query, tenantId, request);
    return { ...page, items: page.items.map(parse) };
  }
}
