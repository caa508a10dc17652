/** The `alerts` container's documents, checked when read back (see `documents.ts`). */
import { z } from 'zod';
import type { AlertSnapshot } from '../domain/alerts/alert.ts';
import type { AlertSubscription } from '../app/ports/alert-subscription-store.ts';

export const alertSubscriptionSchema = z.object({
  tenantId: z.string(),
  conversationId: z.string(),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  teamId: z.string().optional(),
  subscribedBy: z.object({ userId: z.string(), displayName: z.string() }),
  subscribedAt: z.string(),
}) satisfies z.ZodType<AlertSubscription>;

const fixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), groupId: z.string() }),
  z.object({ kind: z.literal('sku-holders'), skuId: z.string(), shortfall: z.number() }),
  z.object({ kind: z.literal('admin-center'), steps: z.string() }),
  z.object({ kind: z.literal('operation'), operationId: z.string() }),
]);

export const alertSnapshotSchema = z.object({
  tenantId: z.string(),
  checkedAt: z.string(),
  alerts: z.array(
    z.object({
      finding: z.object({
        id: z.string(),
        kind: z.enum(['group-errors', 'sku-low', 'subscription', 'operation-failed']),
        fingerprint: z.string(),
        title: z.string(),
        users: z.number(),
        reason: z.string(),
        fix: fixSchema,
      }),
      openedAt: z.string(),
      changedAt: z.string(),
      solvedAt: z.string().optional(),
      deliveries: z.array(
        z.object({
          conversationId: z.string(),
          activityId: z.string().optional(),
          summary: z.boolean(),
          fingerprint: z.string(),
          solved: z.boolean(),
          at: z.string(),
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<AlertSnapshot>;
