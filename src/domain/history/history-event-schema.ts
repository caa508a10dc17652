import { z } from 'zod';
import type { HistoryEvent } from './history-event.ts';

const person = z.object({ userId: z.string(), displayName: z.string() });

/** A history line as stored and as the REST API shows it (without the tenant and Graph's id). */
export const historyEventSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  operationId: z.string(),
  at: z.string(),
  change: z.enum([
    'added',
    'removed',
    'plansChanged',
    'usageLocationSet',
    'refused',
    'rejected',
    'expired',
    'reprocessed',
  ]),
  userId: z.string(),
  userPrincipalName: z.string(),
  skuId: z.string().optional(),
  disabledPlans: z.array(z.string()).optional(),
  usageLocation: z.string().optional(),
  requester: person,
  approver: person.optional(),
  result: z.enum(['succeeded', 'failed', 'skipped']),
  failureCode: z.string().optional(),
  message: z.string().optional(),
  graphRequestId: z.string().optional(),
  group: z.object({ id: z.string(), displayName: z.string() }).optional(),
}) satisfies z.ZodType<HistoryEvent>;
