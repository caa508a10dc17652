import type { CommandTurn } from '../routing/command.ts';

// Refusals that mean someone tried what they may not, or sent an id that is not theirs.
const SUSPICIOUS = new Set(['NOT_FOUND', 'SELF_APPROVAL', 'NOT_AN_APPROVER']);

/**
 * Keeps a refused card decision on record: who tried what on which request. Forged ids and
 * decisions by people who may not decide are warnings; a late click on a decided card is info.
 */
export function recordRefusal({ caller, deps }: CommandTurn, operationId: string, code: string) {
  const fields = { operationId, userId: caller.userId, tenantId: caller.tenantId, refusal: code };
  if (SUSPICIOUS.has(code)) {
    deps.logger.warn(fields, 'card decision refused');
  } else {
    deps.logger.info(fields, 'card decision refused');
  }
}
