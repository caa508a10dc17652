import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RequestCardCopy } from '../app/ports/request-card-store.ts';

/** What the `requestCards` container holds, checked on every read (see `documents.ts`). */
export const requestCardCopySchema = z.object({
  tenantId: z.string(),
  operationId: z.string(),
  conversationId: z.string(),
  activityId: z.string(),
  reference: z.record(z.string(), z.unknown()),
  audience: z.enum(['approvers', 'requester']),
  refreshUserIds: z.array(z.string()).optional(),
  viewerUserId: z.string().optional(),
  postedAt: z.string(),
}) satisfies z.ZodType<RequestCardCopy>;

/**
 * A copy's id: one per message. Conversation ids hold characters Cosmos ids may not (`/`, `#`…),
 * and the same message recorded twice (a click on a copy already known) must be the same item.
 */
export function requestCardCopyId(
  copy: Pick<RequestCardCopy, 'tenantId' | 'conversationId' | 'activityId'>,
): string {
  return createHash('sha256')
    .update(`${copy.tenantId}\n${copy.conversationId}\n${copy.activityId}`)
    .digest('base64url');
}

/** Copies in the order they were posted (ties: by message id, so the order is stable). */
export const byPostedAt = (a: RequestCardCopy, b: RequestCardCopy): number =>
  a.postedAt.localeCompare(b.postedAt) || a.activityId.localeCompare(b.activityId);
