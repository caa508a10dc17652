import { z } from 'zod';
import type { ChangeNotice } from '../app/ports/change-notice-store.ts';

/** A change notice as stored (see `ChangeNotice`); checked on every read. */
export const changeNoticeSchema = z.object({
  tenantId: z.string(),
  operationId: z.string(),
  told: z.number().int().min(0),
  due: z.number().int().min(0),
  claim: z.object({ by: z.string(), at: z.string(), upTo: z.number().int() }).optional(),
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

/** `due` raised to at least `due`; null when it is there already (nothing to write). */
export function raisedNotice(notice: ChangeNotice, due: number, at: string): ChangeNotice | null {
  return notice.due >= due ? null : { ...notice, due, updatedAt: at };
}
