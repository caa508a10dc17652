import { createHash } from 'node:crypto';

/** JSON with every object's keys sorted: the same request hashes the same whatever its order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * The fingerprint of a request as validated (path, query, body or CSV text), as the IETF
 * `Idempotency-Key` draft asks: a retry with the same key must carry the same request.
 */
export function requestFingerprint(parts: Record<string, unknown>): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(parts)) ?? '')
    .digest('base64url')}`;
}
