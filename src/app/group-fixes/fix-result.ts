import type { ObjectId } from '../../domain/licensing.ts';
import type { GroupErrorReason, ReasonMember } from './group-error-reasons.ts';

/** What a fix did and what Entra made of it. */
export interface FixResult {
  groupId?: ObjectId;
  groupName?: string;
  /** The usage location set first, for a location fix. */
  usageLocation?: string;
  /** Members Graph took the reprocess for. */
  reprocessed: ReasonMember[];
  /** Members Graph refused a write for, with why in an admin's words. */
  refused: { member: ReasonMember; message: string }[];
  /** Reprocessed members no longer in error. */
  fixed: ReasonMember[];
  /** Reprocessed members still in error, by reason. */
  stillInError: GroupErrorReason[];
  /** False when Entra was still processing when the wait ended. */
  settled: boolean;
  /** True when the group had more members in error than one fix reads (the first were fixed). */
  capped: boolean;
}

/** A fix's result, or why it was not tried, in an admin's words. */
export type GroupFixOutcome = { ok: true; result: FixResult } | { ok: false; message: string };
