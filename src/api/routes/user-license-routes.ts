import { z } from 'zod';
import { isObjectId } from '../../domain/object-ids.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { ApiUseCases } from '../api-use-cases.ts';
import { idempotentOperationId } from './operation-id.ts';
import { operationSchema } from './operation-view.ts';
import { accepted, requestAnswer } from './request-answer.ts';

const PATH = '/api/identity/users/:id/licenses';

const userParams = z.object({
  id: z
    .string()
    .max(256)
    .refine((id) => id.includes('@') || isObjectId(id, 'testTool'), {
      message: 'must be a user object id or a user principal name',
    }),
});

/** `POST /api/identity/users/:id/licenses`: assign one SKU to one user. */
export const assignLicenseBody = z
  .strictObject({
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
      .describe('Set first when the user has none.'),
    justification: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .describe('Why: approvers read it and the history keeps it.'),
  })
  .refine((body) => (body.skuId === undefined) !== (body.sku === undefined), {
    message: 'give exactly one of skuId or sku',
    path: ['skuId'],
  });

export const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters')
  .optional();

/** The routes that ask for changes to one user's licenses. */
export function userLicenseRoutes(uses: ApiUseCases): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: PATH,
      operationId: 'assignUserLicense',
      summary:
        'Ask for a license for one user: planned, previewed and sent for approval in Teams like a chat request.',
      permission: 'request',
      params: userParams,
      body: assignLicenseBody,
      headers: {
        'Idempotency-Key': {
          schema: idempotencyKey,
          description: 'A retried POST with the same key answers with the same operation.',
        },
      },
      responses: {
        202: {
          description: 'The operation, stored: pending approval, or running when policy allows.',
          schema: operationSchema,
          headers: { Location: 'The operation’s URL.' },
        },
        409: { description: 'The user already has the license as asked.' },
        422: { description: 'The request cannot be planned (unknown SKU, no seats…).' },
      },
      handle: async ({ who, params, body, headers }) => {
        const key = headers['idempotency-key'];
        const operationId = key === undefined ? undefined : idempotentOperationId(who, PATH, key);
        if (operationId !== undefined) {
          // Asked before: that operation as it is now, not planned again (a pending request for
          // the same user would otherwise be answered as nothing to do).
          const earlier = await uses.operations.get(who.caller.tenantId, operationId);
          if (earlier !== undefined) {
            return accepted(earlier.operation);
          }
        }
        const outcome = await uses.requests.ask(
          who.caller,
          {
            kind: 'assign',
            license: body.skuId ?? body.sku ?? '',
            users: [params.id],
            withoutPlans: body.disabledPlans ?? [],
            ...(body.usageLocation ? { usageLocation: body.usageLocation.toUpperCase() } : {}),
            justification: body.justification,
          },
          body.justification,
          operationId === undefined ? {} : { operationId },
        );
        return requestAnswer(outcome);
      },
    }),
  ];
}
