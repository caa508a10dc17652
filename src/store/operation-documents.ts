/**
 * Schemas of what the operation, item, history, template and approval-channel containers hold,
 * checked on every read (see `documents.ts` for why).
 */
import { historyEventSchema } from '../domain/history/history-event-schema.ts';
import { z } from 'zod';
import { OPERATION_STATES } from '../domain/operations/operation-states.ts';
import { licensingFailureCodes } from '../domain/errors.ts';
import type { LicensingFailure } from '../domain/errors.ts';
import type { OperationItem } from '../domain/operations/operation.ts';
import type { OperationOutcome } from '../domain/operations/outcome.ts';
import type { ImpactRecord } from '../domain/planning/impact-record.ts';
import { licenseTemplateSchema } from '../domain/templates/license-template.ts';
import type { ApprovalChannel } from '../app/ports/approval-channel-store.ts';
import type { StoredOperation } from '../app/ports/operation-store.ts';
import type { StoredOperationItem } from '../app/ports/operation-item-store.ts';
import type { StoredTemplate } from '../app/ports/template-store.ts';

/** A person as stored on operations and schedules. */
export const person = z.object({ userId: z.string(), displayName: z.string() });
/** Every state an operation can be in, as stored (schedules keep their runs' too). */
export const operationState = z.enum(OPERATION_STATES);
const itemState = z.enum(['planned', 'sent', 'done', 'failed', 'skipped', 'cancelled']);

const licensingFailure = z.object({
  code: z.enum(licensingFailureCodes),
  message: z.string(),
  retryable: z.boolean(),
  graphCode: z.string().optional(),
  graphMessage: z.string().optional(),
  httpStatus: z.number().optional(),
}) satisfies z.ZodType<Pick<LicensingFailure, 'code' | 'message' | 'retryable'>>;

export const operationItemSchema = z.object({
  itemId: z.string(),
  userId: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string(),
  body: z.object({
    addLicenses: z.array(z.object({ skuId: z.string(), disabledPlans: z.array(z.string()) })),
    removeLicenses: z.array(z.string()),
  }),
  setUsageLocation: z.string().optional(),
  state: itemState,
  note: z.string().optional(),
  // Kept whole: a failure carries fields for logs that this version may not know yet.
  failure: licensingFailure.loose().optional(),
}) satisfies z.ZodType<OperationItem>;

export const storedOperationItemSchema = operationItemSchema.extend({
  operationId: z.string(),
  tenantId: z.string(),
}) satisfies z.ZodType<StoredOperationItem>;

const seatImpact = z.object({
  skuId: z.string(),
  name: z.string(),
  total: z.number(),
  usedBefore: z.number(),
  usedAfter: z.number(),
  availableAfter: z.number(),
  shortfall: z.number(),
});

/** The impact as planned; optional, so requests saved before it was kept still read. */
const impactRecord = z.object({
  seats: z.array(seatImpact),
  moreSeats: z.number(),
  cost: z.array(
    z.object({ currency: z.string(), before: z.number(), after: z.number(), delta: z.number() }),
  ),
  unpriced: z.array(z.string()),
  noopCount: z.number(),
  blockedCount: z.number(),
  usageLocationsToSet: z.number(),
  conflictCount: z.number(),
  conflicts: z.array(z.string()),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()).optional(),
}) satisfies z.ZodType<ImpactRecord>;

const countByState = z.object({
  planned: z.number(),
  sent: z.number(),
  done: z.number(),
  failed: z.number(),
  skipped: z.number(),
  // Checkpoints saved before a stop could cancel users have no count of them.
  cancelled: z.number().default(0),
});

const operationUser = z.object({
  userId: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string(),
});

const operationOutcome = z.object({
  counts: countByState,
  notReached: z.number(),
  failures: z.array(
    z.object({
      code: z.enum(licensingFailureCodes),
      reason: z.string(),
      skuId: z.string().optional(),
      count: z.number(),
      names: z.array(z.string()),
      first: operationItemSchema,
      sameChange: z.array(z.string()),
      sameChangeIsAll: z.boolean(),
    }),
  ),
  skips: z.array(z.object({ reason: z.string(), count: z.number() })),
  otherFailures: z.number(),
  unreadable: z.string().optional(),
  firstResults: z.array(
    z.object({ userId: z.string(), state: itemState, note: z.string().optional() }),
  ),
  directAlso: z
    .array(
      z.object({
        skuId: z.string(),
        skuPartNumber: z.string(),
        count: z.number(),
        addresses: z.array(z.string()),
      }),
    )
    .optional(),
  groupErrors: z
    .array(
      z.object({
        error: z.string(),
        reason: z.string(),
        count: z.number(),
        names: z.array(z.string()),
      }),
    )
    .optional(),
}) satisfies z.ZodType<OperationOutcome>;

const licenseBody = z.object({
  addLicenses: z.array(z.object({ skuId: z.string(), disabledPlans: z.array(z.string()) })),
  removeLicenses: z.array(z.string()),
});

export const storedOperationSchema = z.object({
  // The operation id is the Cosmos id as is (item ids live under it): it may not hold these.
  id: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^/\\?#]+$/, 'may not contain /, \\, ? or #'),
  tenantId: z.string(),
  kind: z.enum(['assign', 'remove', 'modify', 'transfer']),
  state: operationState,
  requester: person,
  justification: z.string().optional(),
  summary: z.string(),
  userCount: z.number().int().nonnegative(),
  firstUsers: z.array(operationUser),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: person.optional(),
  decidedAt: z.string().optional(),
  rejectionReason: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  autoApproved: z.boolean().optional(),
  requestFingerprint: z.string().max(100).optional(),
  cancelRequested: z.object({ by: person, at: z.string() }).optional(),
  impact: impactRecord.optional(),
  outcome: operationOutcome.optional(),
  selection: z.object({ label: z.string(), counted: z.string() }).optional(),
  approversNeeded: z.number().int().min(1).optional(),
  pilot: z
    .object({
      size: z.number().int().min(1),
      continuedBy: person.optional(),
      continuedAt: z.string().optional(),
    })
    .optional(),
  approvals: z.array(z.object({ by: person, at: z.string() })).optional(),
  startAt: z.string().optional(),
  schedule: z
    .object({
      scheduleId: z.string(),
      timing: z.string(),
      timeZone: z.string(),
      dueAt: z.string(),
      late: z.boolean().optional(),
      ruleApprovedBy: person.optional(),
    })
    .optional(),
  group: z
    .object({
      id: z.string(),
      displayName: z.string(),
      body: licenseBody,
      after: z.array(z.object({ skuId: z.string(), disabledPlans: z.array(z.string()) })),
      create: z
        .object({
          displayName: z.string(),
          mailEnabled: z.literal(false),
          mailNickname: z.string(),
          securityEnabled: z.literal(true),
          groupTypes: z.tuple([z.literal('DynamicMembership')]),
          membershipRule: z.string(),
          membershipRuleProcessingState: z.literal('On'),
        })
        .optional(),
    })
    .optional(),
  events: z.array(
    z.object({
      type: z.enum([
        'approve',
        'autoApprove',
        'reject',
        'cancel',
        'expire',
        'start',
        'finish',
        'pause',
        'continue',
      ]),
      from: operationState,
      to: operationState,
      by: z.union([person, z.literal('system')]),
      at: z.string(),
      reason: z.string().optional(),
    }),
  ),
  checkpoint: z
    .object({
      counts: countByState,
      runner: z.string().optional(),
      failedAttempts: z.number().optional(),
      failingSince: z.string().optional(),
      group: z
        .object({
          createdId: z.string().optional(),
          sentAt: z.string().optional(),
          processing: z.string().optional(),
          checks: z.number(),
        })
        .optional(),
      at: z.string(),
    })
    .optional(),
}) satisfies z.ZodType<StoredOperation>;

export const storedTemplateSchema = licenseTemplateSchema.extend({
  tenantId: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<StoredTemplate>;

export const approvalChannelSchema = z.object({
  tenantId: z.string(),
  conversationId: z.string(),
  setBy: person,
  setAt: z.string(),
}) satisfies z.ZodType<ApprovalChannel>;

// Stores read and write history through the domain's schema (the REST API shows the same).
export { historyEventSchema };
