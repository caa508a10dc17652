import { z } from 'zod';
import type { ChangeCommand } from '../../app/requests/request-outcome.ts';
import { isObjectId } from '../../domain/object-ids.ts';
import type { ApiAnswer, ApiRoute, RouteResponse } from '../api-route.ts';
import type { ApiUseCases } from '../api-use-cases.ts';
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
    description: 'The operation, stored: pending approval in Teams, or running when policy allows.',
    schema: operationSchema,
    headers: { Location: 'The operation’s URL.' },
  },
  409: { description: 'Nothing to do: the users are already as asked.' },
  422: { description: 'The request cannot be planned (unknown SKU or user, no seats…).' },
};

/**
 * Runs `ask` under an `Idempotency-Key`: the operation id comes from the caller, the route and
 * the key, and an operation already made under it is answered as it is now instead of being
 * planned again (a pending request for the same users would otherwise be nothing to do).
 */
export async function idempotent(
  uses: ApiUseCases,
  who: ApiCaller,
  route: string,
  key: string | undefined,
  ask: (ids: { operationId?: string }) => Promise<ApiAnswer>,
): Promise<ApiAnswer> {
  const operationId = key === undefined ? undefined : idempotentOperationId(who, route, key);
  if (operationId !== undefined) {
    const earlier = await uses.operations.get(who.caller.tenantId, operationId);
    if (earlier !== undefined) {
      return accepted(earlier.operation);
    }
  }
  return ask(operationId === undefined ? {} : { operationId });
}

/** Asks for a change as the chat does (`requests.ask`), idempotent under a key. */
export function askChange(
  uses: ApiUseCases,
  who: ApiCaller,
  route: string,
  key: string | undefined,
  command: ChangeCommand,
  options: { confirmed?: boolean } = {},
): Promise<ApiAnswer> {
  return idempotent(uses, who, route, key, async (ids) =>
    requestAnswer(
      await uses.requests.ask(who.caller, command, command.justification, { ...options, ...ids }),
    ),
  );
}
