import type { Outcome } from '../../tenant/types.ts';
import { errorReply, type GraphReply } from '../reply.ts';

/** The tenant's expected failure as Graph's error reply. */
export function failureReply(outcome: Extract<Outcome<unknown>, { ok: false }>): GraphReply {
  return errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
}
