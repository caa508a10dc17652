import { z } from 'zod';
import type { ChangeNotice } from '../app/ports/change-notice-store.ts';

/** A change notice as stored (see `ChangeNotice`); checked on every read. */
export const changeNoticeSchema = z.object({
  tenantId: z.string(),
  operationId: z.string(),
  told: z.number().int().min(0),
  due: z.number().int().min(0),
  notified: z.number().int().min(0).optional(),
  redrawnUpTo: z.number().int().min(0).optional(),
  approvalsDue: z.boolean().optional(),
  approvalsRound: z.number().int().min(0).optional(),
  claim: z.object({ by: z.string(), at: z.string() }).optional(),
  updatedAt: z.string(),
}) satisfies z.ZodType<ChangeNotice>;

/** The notice of an operation not told before: its earlier events were told by the old way. */
export function firstNotice(
  tenantId: string,
  operationId: string,
  due: number,
  at: string,
): ChangeNotice {
  return { tenantId, operationId, told: Math.max(0, due - 1), due, updatedAt: at };
}

/** The notice of a new pending request: nothing happened yet, its approvers' cards are due. */
export function approvalsNotice(tenantId: string, operationId: string, at: string): ChangeNotice {
  return { tenantId, operationId, told: 0, due: 0, approvalsDue: true, updatedAt: at };
}

/**
 * The notice with the approvers' copies due again in a new round (kept: what was told), or a
 * new one for an operation without a notice, its `told` events told. The round moves on even
 * when the copies were due already: a teller posting them now posts into the channel that was
 * just forgotten, so its posts must not count for this mark.
 */
export function approvalsAgainNotice(
  current: ChangeNotice | null,
  identity: { tenantId: string; operationId: string },
  told: number,
  at: string,
): ChangeNotice {
  const approvalsRound = (current?.approvalsRound ?? 0) + 1;
  return current === null
    ? { ...identity, told, due: told, approvalsDue: true, approvalsRound, updatedAt: at }
    : { ...current, approvalsDue: true, approvalsRound, updatedAt: at };
}

/** Whether the notice has anything left to tell (what the job looks for). */
export const isUntold = (notice: ChangeNotice): boolean =>
  notice.told < notice.due || notice.approvalsDue === true;

/** `due` raised to at least `due`; null when it is there already (nothing to write). */
export function raisedNotice(notice: ChangeNotice, due: number, at: string): ChangeNotice | null {
  return notice.due >= due ? null : { ...notice, due, updatedAt: at };
}
