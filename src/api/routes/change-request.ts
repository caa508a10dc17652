import { z } from 'zod';
import type { ChangeCommand } from '../../app/requests/request-outcome.ts';
import { isObjectId } from '../../domain/object-ids.ts';
import type { ApiAnswer, ApiRoute, RouteResponse } from '../api-route.ts';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { RequestOutcome } from '../../app/requests/request-outcome.ts';
import type { SentCsv } from '../../app/selection/selected-users.ts';
import type { ApiSettings, ApiUseCases } from '../api-use-cases.ts';
import { ApiProblem } from '../problem.ts';
import { autoApprovalReason } from './auto-approve.ts';
import type { ApiCaller } from '../auth/api-caller.ts';
import { idempotentOperationId } from './operation-id.ts';
import { operationSchema } from './operation-view.ts';
import { accepted, requestAnswer } from './request-answer.ts';

/** A user as a path or a list names one: an object id or a user principal name. */
export const userKey = z
  .string()
  .max(256)
  .refine((id) => id.includes('@') || isObjectId(id, 'testTool'), {
    message: 'must be a user object id or a user principal name',
  });

export const justification = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe('Why: approvers read it and the history keeps it.');

/** The fields of a body that assigns a license: one of skuId or sku, and its options. */
export const assignFields = {
  skuId: z.uuid().optional().describe('The SKU id (a GUID).'),
  sku: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .describe('A SKU part number (SPE_E3) or product name, or a template name.'),
  disabledPlans: z
    .array(z.string().trim().min(1).max(120))
    .max(50)
    .optional()
    .describe('Service plans to leave off, by name or id.'),
  usageLocation: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
    .optional()
    .describe('Set first for users who have none.'),
  justification,
};

/** Exactly one of `skuId` and `sku`. */
export const oneLicense = (body: { skuId?: string | undefined; sku?: string | undefined }) =>
  (body.skuId === undefined) !== (body.sku === undefined);

export const ONE_LICENSE = { message: 'give exactly one of skuId or sku', path: ['skuId'] };

/** The assign command a body with `assignFields` asks for. */
export const assignCommand = (
  users: string[],
  body: {
    skuId?: string | undefined;
    sku?: string | undefined;
    disabledPlans?: string[] | undefined;
    usageLocation?: string | undefined;
    justification: string;
  },
): ChangeCommand => ({
  kind: 'assign',
  license: body.skuId ?? body.sku ?? '',
  users,
  withoutPlans: body.disabledPlans ?? [],
  ...(body.usageLocation ? { usageLocation: body.usageLocation.toUpperCase() } : {}),
  justification: body.justification,
});

/** The `Idempotency-Key` header every change request takes. */
export const idempotencyHeader: NonNullable<ApiRoute['headers']> = {
  'Idempotency-Key': {
    schema: z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters')
      .optional(),
    description: 'A retried request with the same key answers with the same operation.',
  },
};

/** What every change request may answer. */
export const changeResponses: Record<number, RouteResponse> = {
  202: {
    description:
      'The operation, stored: pending approval in Teams, or approved and running when policy (or API_AUTO_APPROVE_APPS for an app) allows.',
    schema: operationSchema,
    headers: { Location: 'The operation’s URL.' },
  },
  409: { description: '`NOTHING_TO_DO`: the users are already as asked.' },
  413: { description: '`BODY_TOO_LARGE`: JSON over 64 KiB, or a CSV over 8 MiB.' },
  415: {
    description:
      '`UNSUPPORTED_MEDIA_TYPE`: not application/json (nor text/csv, on the bulk routes that take one).',
  },
  422: {
    description:
      'The request cannot be planned (`REQUEST_REFUSED`, `USER_AMBIGUOUS`, `LICENSE_AMBIGUOUS`, `CONFIRMATION_NEEDED`…); `CSV_ROWS_INVALID`: rows of a CSV body are wrong (`rows` lists the first, nothing is stored); `IDEMPOTENCY_KEY_REUSED`: the key was used with another request.',
  },
};

/** How a change is asked for, besides what: the request's fingerprint and the settings. */
export interface ChangeContext {
  uses: ApiUseCases;
  settings: ApiSettings;
  who: ApiCaller;
  /** The route's path template: keys are per caller and route. */
  route: string;
  key: string | undefined;
  fingerprint: string;
}

const keyReused = (key: string) =>
  new ApiProblem(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'Idempotency-Key reused',
    `The Idempotency-Key "${key}" was sent before with another request: use a new key for a new request.`,
  );

/** The operation made under the key, answered as it is now, if this is the same request. */
export function sameRequest(context: ChangeContext, operation: StoredOperation): ApiAnswer {
  // Operations made before fingerprints were kept carry none: they are taken as the same.
  if (
    context.key !== undefined &&
    operation.requestFingerprint !== undefined &&
    operation.requestFingerprint !== context.fingerprint
  ) {
    throw keyReused(context.key);
  }
  return accepted(operation);
}

/**
 * Runs `ask` under an `Idempotency-Key`: the operation id comes from the caller, the route and
 * the key, and an operation already made under it is answered as it is now instead of being
 * planned again (a pending request for the same users would otherwise be nothing to do), as
 * long as the request is the same (its fingerprint is kept on the operation).
 */
export async function idempotent(
  context: ChangeContext,
  ask: (ids: { operationId?: string; requestFingerprint?: string }) => Promise<ApiAnswer>,
): Promise<ApiAnswer> {
  const { uses, who, route, key } = context;
  if (key === undefined) {
    return ask({});
  }
  const operationId = idempotentOperationId(who, route, key);
  const earlier = await uses.operations.get(who.caller.tenantId, operationId);
  if (earlier !== undefined) {
    return sameRequest(context, earlier.operation);
  }
  return ask({ operationId, requestFingerprint: context.fingerprint });
}

/**
 * What a stored request answers once it is stored: started at once when it may run (as the bot
 * starts it), approved by License Desk itself when a setting lets the calling app skip approval
 * (through the same decision path as an approver's click, with the system as actor).
 */
async function settle(context: ChangeContext, outcome: RequestOutcome): Promise<ApiAnswer> {
  const { uses, who } = context;
  if (outcome.kind === 'alreadyAsked') {
    return sameRequest(context, outcome.operation.value);
  }
  if (outcome.kind === 'runNow') {
    uses.runs.start(who.caller.tenantId, outcome.operation.value.id);
  }
  if (outcome.kind === 'pending') {
    const reason = autoApprovalReason(who, outcome.operation.value, context.settings.autoApprove);
    if (reason !== undefined) {
      const decided = await uses.requests.decide(who.caller, outcome.operation.value.id, {
        kind: 'autoApprove',
        reason,
      });
      if (decided.ok) {
        uses.runs.start(who.caller.tenantId, decided.operation.value.id);
        return accepted(decided.operation.value);
      }
    }
  }
  return requestAnswer(outcome);
}

/** Asks for a change as the chat does (`requests.ask`), idempotent under a key. */
export function askChange(
  context: ChangeContext,
  command: ChangeCommand,
  options: { confirmed?: boolean; file?: SentCsv } = {},
): Promise<ApiAnswer> {
  return idempotent(context, async (ids) =>
    settle(
      context,
      await context.uses.requests.ask(context.who.caller, command, command.justification, {
        ...options,
        ...ids,
      }),
    ),
  );
}

/** The context of a change request from its route input. */
export const changeContext = (
  uses: ApiUseCases,
  settings: ApiSettings,
  route: string,
  input: {
    who: ApiCaller;
    headers: Readonly<Record<string, string | undefined>>;
    fingerprint: string;
  },
): ChangeContext => ({
  uses,
  settings,
  who: input.who,
  route,
  key: input.headers['idempotency-key'],
  fingerprint: input.fingerprint,
});
