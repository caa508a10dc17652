import type { Container } from '@azure/cosmos';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { cosmosStatus, isAlreadyExists, isNotFound, toConcurrencyError } from './cosmos-errors.ts';

/** Any document the guarded helpers write: Cosmos needs an `id`. */
export interface Document {
  id: string;
}

const SYSTEM_PROPERTIES = ['_rid', '_self', '_etag', '_attachments', '_ts'];

const withoutSystemProperties = <T>(resource: T): T => {
  const copy = { ...resource } as Record<string, unknown>;
  for (const property of SYSTEM_PROPERTIES) {
    delete copy[property];
  }
  return copy as T;
};

/** A point read with the ETag to guard the next write; null when there is no such item. */
export async function readVersioned<T extends Document>(
  container: Container,
  id: string,
  partitionKey: string,
): Promise<Versioned<T> | null> {
  try {
    const { resource, etag } = await container.item(id, partitionKey).read<T>();
    return resource === undefined ? null : { value: withoutSystemProperties(resource), etag };
  } catch (error) {
    // The SDK answers a missing item with resource undefined, but older paths throw 404.
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

/** Creates the item; someone else having created it first is a `ConcurrencyConflictError`. */
export async function createVersioned<T extends Document>(
  container: Container,
  value: T,
): Promise<Versioned<T>> {
  try {
    const { resource, etag } = await container.items.create<T>(value);
    return { value: withoutSystemProperties(resource ?? value), etag };
  } catch (error) {
    throw toConcurrencyError(error, `Item ${value.id}`, [409]);
  }
}

/**
 * Creates the item unless one with its id exists, and says which happened. For records whose id
 * is derived from what they record (a history event: operation + user + change), so writing the
 * same one again after a retry or a restart is a no-op, not a duplicate.
 */
export async function createOnce<T extends Document>(
  container: Container,
  value: T,
): Promise<'created' | 'alreadyThere'> {
  try {
    await container.items.create<T>(value);
    return 'created';
  } catch (error) {
    if (isAlreadyExists(error)) {
      return 'alreadyThere';
    }
    throw error;
  }
}

/**
 * Replaces the item only if it still has `etag` (`IfMatch`). A stale ETag (412) or an item
 * deleted meanwhile (404) is a `ConcurrencyConflictError`: re-read and decide again.
 */
export async function replaceIfMatch<T extends Document>(
  container: Container,
  value: T,
  partitionKey: string,
  etag: string,
): Promise<Versioned<T>> {
  try {
    const response = await container
      .item(value.id, partitionKey)
      .replace<T>(value, { accessCondition: { type: 'IfMatch', condition: etag } });
    return { value: withoutSystemProperties(response.resource ?? value), etag: response.etag };
  } catch (error) {
    throw toConcurrencyError(error, `Item ${value.id}`);
  }
}

/** Deletes the item only if it still has `etag`; false when it was already gone. */
export async function deleteIfMatch(
  container: Container,
  id: string,
  partitionKey: string,
  etag: string,
): Promise<boolean> {
  try {
    await container
      .item(id, partitionKey)
      .delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    return true;
  } catch (error) {
    if (cosmosStatus(error) === 404) {
      return false;
    }
    throw toConcurrencyError(error, `Item ${id}`, [412]);
  }
}

export interface UpdateOptions {
  /** Reads and tries again this many times in all before giving up (default 5). */
  maxAttempts?: number;
}

/**
 * Read-modify-write guarded by the ETag, retried when another writer got there first. `change`
 * gets the current item (null when absent) and returns the next one, or null to write nothing
 * (for instance when the current state already forbids the change). It must be a pure function of
 * its input: it may run once per attempt. Gives up with `ConcurrencyConflictError`.
 */
export async function updateWithETag<T extends Document>(
  container: Container,
  id: string,
  partitionKey: string,
  change: (current: T | null) => T | null | Promise<T | null>,
  options: UpdateOptions = {},
): Promise<Versioned<T> | null> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const current = await readVersioned<T>(container, id, partitionKey);
    const next = await change(current === null ? null : structuredClone(current.value));
    if (next === null) {
      return current;
    }
    if (next.id !== id) {
      throw new Error(`updateWithETag: the change returned item ${next.id}, not ${id}.`);
    }
    try {
      return current === null
        ? await createVersioned(container, next)
        : await replaceIfMatch(container, next, partitionKey, current.etag);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt === maxAttempts) {
        throw error;
      }
    }
  }
  throw new ConcurrencyConflictError(`Item ${id} kept changing; gave up.`);
}
