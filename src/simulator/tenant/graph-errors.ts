import type { GraphError, Outcome } from './types.ts';

/** A 400 as Graph's directory answers it (`Request_BadRequest`). */
export function badRequest(message: string): GraphError {
  return { status: 400, code: 'Request_BadRequest', message };
}

/** Graph's 404 for a user, group or SKU that is not in the directory. */
export function resourceNotFound(id: string): GraphError {
  return {
    status: 404,
    code: 'Request_ResourceNotFound',
    message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  };
}

/** Wraps an error as a failed outcome. */
export function failure<T>(error: GraphError): Outcome<T> {
  return { ok: false, error };
}

/** Wraps a value as a successful outcome. */
export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}
