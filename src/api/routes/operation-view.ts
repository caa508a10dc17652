import { z } from 'zod';
import type { OperationWithCounts } from '../../app/requests/operation-read-use-cases.ts';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { ItemCounts } from '../../domain/operations/operation.ts';

/** Where an operation is read: the `Location` of a request's answer. */
export const operationUrl = (id: string): string =>
  `/api/automation/bulk-licenses/operations/${encodeURIComponent(id)}`;

export { OPERATION_STATES } from '../../domain/operations/operation-states.ts';
import { OPERATION_STATES } from '../../domain/operations/operation-states.ts';

export const ITEM_STATES = ['planned', 'sent', 'done', 'failed', 'skipped', 'cancelled'] as const;

const person = z.object({ userId: z.string(), displayName: z.string() });

const countsSchema = z.object(
  Object.fromEntries(ITEM_STATES.map((state) => [state, z.number().int()])) as Record<
    (typeof ITEM_STATES)[number],
    z.ZodNumber
  >,
);

/** The impact preview as planned when the request was made (seats, cost, conflicts, reasons). */
const previewSchema = z
  .object({
    seats: z.array(z.record(z.string(), z.unknown())),
    cost: z.array(z.record(z.string(), z.unknown())),
    noopCount: z.number().int(),
    blockedCount: z.number().int(),
    usageLocationsToSet: z.number().int(),
    conflictCount: z.number().int(),
    conflicts: z.array(z.string()),
    reasons: z.array(z.string()).describe('Why the policy asks an approver; empty when none.'),
  })
  .loose();

export const operationSchema = z.object({
  id: z.string(),
  kind: z.enum(['assign', 'remove', 'modify', 'transfer']),
  state: z.enum(OPERATION_STATES),
  summary: z.string(),
  requester: person,
  justification: z.string().optional(),
  userCount: z.number().int(),
  counts: countsSchema.describe("The operation's users by item state, counted now."),
  approversNeeded: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: person.optional(),
  decidedAt: z.string().optional(),
  rejectionReason: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  autoApproved: z.boolean().optional(),
  preview: previewSchema.optional(),
  failures: z
    .array(z.object({ code: z.string(), reason: z.string(), count: z.number().int() }))
    .describe('Failed users grouped by reason, once a run ended.'),
  skips: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  links: z.object({ self: z.string(), items: z.string() }),
});

export type OperationBody = z.infer<typeof operationSchema>;

/** An operation as the API shows it; `counts` from its items when read, else as last saved. */
export function operationBody(operation: StoredOperation, counts?: ItemCounts): OperationBody {
  const self = operationUrl(operation.id);
  const outcome = operation.outcome;
  const optional = <K extends keyof StoredOperation>(key: K) =>
    operation[key] === undefined ? {} : { [key]: operation[key] };
  return {
    id: operation.id,
    kind: operation.kind,
    state: operation.state,
    summary: operation.summary,
    requester: { userId: operation.requester.userId, displayName: operation.requester.displayName },
    ...optional('justification'),
    userCount: operation.userCount,
    counts: counts ??
      outcome?.counts ??
      operation.checkpoint?.counts ?? {
        planned: operation.userCount,
        sent: 0,
        done: 0,
        failed: 0,
        skipped: 0,
        cancelled: 0,
      },
    approversNeeded: operation.approversNeeded ?? 1,
    createdAt: operation.createdAt,
    updatedAt: operation.updatedAt,
    expiresAt: operation.expiresAt,
    ...optional('decidedBy'),
    ...optional('decidedAt'),
    ...optional('rejectionReason'),
    ...optional('startedAt'),
    ...optional('finishedAt'),
    ...optional('autoApproved'),
    ...(operation.impact ? { preview: { ...operation.impact } } : {}),
    failures: (outcome?.failures ?? []).map(({ code, reason, count }) => ({ code, reason, count })),
    skips: (outcome?.skips ?? []).map(({ reason, count }) => ({ reason, count })),
    links: { self, items: `${self}/items` },
  } as OperationBody;
}

/** An operation read with its live counts. */
export const operationWithCounts = ({ operation, counts }: OperationWithCounts): OperationBody =>
  operationBody(operation, counts);
