import { createHash } from 'node:crypto';
import type { ApiCaller } from '../auth/api-caller.ts';

/**
 * The operation id a request with an `Idempotency-Key` asks for: the same for the same caller,
 * route and key, so a retried POST finds the operation the first one made (as the bot keys a
 * request by the message it came in), and nobody else's key can reach it. UUID-shaped.
 */
export function idempotentOperationId(who: ApiCaller, route: string, key: string): string {
  const hex = createHash('sha256')
    .update(['api', who.caller.tenantId, who.kind, who.caller.userId, route, key].join('\n'))
    .digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}
