import { ConcurrencyConflictError } from '../app/ports/stores.ts';

/** The HTTP status of a Cosmos SDK error (`ErrorResponse.code`), if it has one. */
export function cosmosStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

/** 412: the item changed since it was read (ETag `IfMatch` failed). */
export const isPreconditionFailed = (error: unknown): boolean => cosmosStatus(error) === 412;
/** 409: an item with this id already exists in the partition. */
export const isAlreadyExists = (error: unknown): boolean => cosmosStatus(error) === 409;
export const isNotFound = (error: unknown): boolean => cosmosStatus(error) === 404;

/** The store cannot be reached or refused us; the detail is for logs, not for users. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';
}

/**
 * Maps a lost race to `ConcurrencyConflictError`: by default a stale ETag (412) or an item that
 * vanished under a guarded write (404); a create passes `[409]` (someone created it first). Any
 * other error passes through unchanged.
 */
export function toConcurrencyError(
  error: unknown,
  what: string,
  raceStatuses: readonly number[] = [412, 404],
): unknown {
  const status = cosmosStatus(error);
  if (status !== undefined && raceStatuses.includes(status)) {
    return new ConcurrencyConflictError(`${what} was changed by someone else; read it again.`, {
      cause: error,
    });
  }
  return error;
}
