import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { ApiSettings, ApiUseCases } from '../api-use-cases.ts';
import {
  askChange,
  assignCommand,
  changeContext,
  assignFields,
  changeResponses,
  idempotencyHeader,
  justification,
  ONE_LICENSE,
  oneLicense,
  userKey,
} from './change-request.ts';

const ASSIGN = '/api/identity/users/:id/licenses';
const REMOVE = '/api/identity/users/:id/licenses/:sku';
const BULK_ASSIGN = '/api/identity/licenses/bulk-assign';

/** The most users one bulk-assign body may name; a larger selection is a group or a filter. */
export const MAX_NAMED_USERS = 1000;

/** `POST /api/identity/users/:id/licenses`: assign one SKU to one user. */
export const assignLicenseBody = z.strictObject(assignFields).refine(oneLicense, ONE_LICENSE);

const bulkAssignBody = z
  .strictObject({
    users: z
      .array(userKey)
      .min(1)
      .max(MAX_NAMED_USERS)
      .describe('Object ids or user principal names.'),
    ...assignFields,
  })
  .refine(oneLicense, ONE_LICENSE);

/** The routes that ask for changes to named users' licenses. */
export function userLicenseRoutes(uses: ApiUseCases, settings: ApiSettings): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: ASSIGN,
      operationId: 'assignUserLicense',
      summary:
        'Ask for a license for one user: planned, previewed and sent for approval in Teams like a chat request.',
      permission: 'request',
      params: z.object({ id: userKey }),
      body: assignLicenseBody,
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) =>
        askChange(
          changeContext(uses, settings, ASSIGN, input),
          assignCommand([input.params.id], input.body),
        ),
    }),
    defineRoute({
      method: 'delete',
      path: REMOVE,
      operationId: 'removeUserLicense',
      summary:
        "Ask for a user's license to be removed (a group's license cannot be, and is named).",
      permission: 'request',
      params: z.object({
        id: userKey,
        sku: z.string().min(1).max(120).describe('The SKU id, part number or product name.'),
      }),
      query: z.object({ justification }),
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) =>
        askChange(changeContext(uses, settings, REMOVE, input), {
          kind: 'remove',
          license: { scope: 'sku', sku: input.params.sku },
          users: [input.params.id],
          justification: input.query.justification,
        }),
    }),
    defineRoute({
      method: 'post',
      path: BULK_ASSIGN,
      operationId: 'bulkAssignLicense',
      summary: 'Ask for a license for a list of users: one operation, one approval card.',
      permission: 'request',
      body: bulkAssignBody,
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) => {
        const { users, ...license } = input.body;
        return askChange(
          changeContext(uses, settings, BULK_ASSIGN, input),
          assignCommand(users, license),
        );
      },
    }),
  ];
}
