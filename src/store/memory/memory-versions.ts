import { ConcurrencyConflictError } from '../../app/ports/stores.ts';
import type { Versioned } from '../../app/ports/stores.ts';

/**
 * Values by key with ETags that change on every write, failing the same way Cosmos does: a
 * create over an existing key, or a replace or delete with a stale ETag, is a
 * `ConcurrencyConflictError`. Values are copied in and out, as a store would.
 */
export class VersionedMap<T> {
  readonly #items = new Map<string, Versioned<T>>();
  #version = 0;

  get(key: string): Versioned<T> | null {
    const found = this.#items.get(key);
    return found === undefined ? null : structuredClone(found);
  }

  values(): Versioned<T>[] {
    return [...this.#items.values()].map((item) => structuredClone(item));
  }

  has(key: string): boolean {
    return this.#items.has(key);
  }

  create(key: string, value: T): Versioned<T> {
    if (this.#items.has(key)) {
      throw new ConcurrencyConflictError(`Item ${key} was changed by someone else; read it again.`);
    }
    return this.#write(key, value);
  }

  replace(key: string, value: T, etag: string): Versioned<T> {
    if (this.#items.get(key)?.etag !== etag) {
      throw new ConcurrencyConflictError(`Item ${key} was changed by someone else; read it again.`);
    }
    return this.#write(key, value);
  }

  /** False when already gone; a stale ETag is a `ConcurrencyConflictError`. */
  delete(key: string, etag: string): boolean {
    const found = this.#items.get(key);
    if (found === undefined) {
      return false;
    }
    if (found.etag !== etag) {
      throw new ConcurrencyConflictError(`Item ${key} was changed by someone else; read it again.`);
    }
    return this.#items.delete(key);
  }

  #write(key: string, value: T): Versioned<T> {
    this.#version += 1;
    const saved = { value: structuredClone(value), etag: `"m${this.#version}"` };
    this.#items.set(key, saved);
    return structuredClone(saved);
  }
}

/** Runs a synchronous store step as a promise, turning a throw into a rejection. */
export function settle<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
