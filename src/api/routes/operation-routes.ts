import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { ApiUseCases } from '../api-use-cases.ts';
import type { ApiCaller } from '../auth/api-caller.ts';
import { readsWholeTenant } from '../auth/api-roles.ts';
import { ApiProblem } from '../problem.ts';
import {
  ITEM_STATES,
  OPERATION_STATES,
  operationBody,
  operationSchema,
  operationWithCounts,
} from './operation-view.ts';
import { pageOf, pageQuery } from './paging-schemas.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });

const notFound = (id: string) =>
  new ApiProblem(404, 'OPERATION_NOT_FOUND', 'Not found', `No operation ${id} in your tenant.`);

const itemSchema = z.object({
  userId: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string(),
  state: z.enum(ITEM_STATES),
  note: z.string().optional(),
  failureCode: z.string().optional(),
  setUsageLocation: z.string().optional(),
});

/** An operation the caller may see: any of the tenant's with a read role, else their own. */
async function visible(uses: ApiUseCases, who: ApiCaller, id: string) {
  const found = await uses.operations.get(who.caller.tenantId, id);
  if (
    found === undefined ||
    (!readsWholeTenant(who.roles) && found.operation.requester.userId !== who.caller.userId)
  ) {
    throw notFound(id);
  }
  return found;
}

/** `GET …/operations/:id`, `…/operations/:id/items` and `…/operations`. */
export function operationRoutes(uses: ApiUseCases): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/automation/bulk-licenses/operations/:id',
      operationId: 'getOperation',
      summary: 'An operation: state, users counted by item state, summary, impact preview.',
      permission: 'read',
      params: idParams,
      responses: {
        200: { description: 'The operation.', schema: operationSchema },
        404: { description: 'No such operation in the caller’s tenant.' },
      },
      handle: async ({ who, params }) => ({
        status: 200,
        body: operationWithCounts(await visible(uses, who, params.id)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/automation/bulk-licenses/operations/:id/items',
      operationId: 'listOperationItems',
      summary: "An operation's per-user results in one item state, paged.",
      permission: 'read',
      params: idParams,
      query: z.object({ state: z.enum(ITEM_STATES).default('failed'), ...pageQuery }),
      responses: {
        200: { description: 'A page of items.', schema: pageOf(itemSchema) },
        404: { description: 'No such operation in the caller’s tenant.' },
      },
      handle: async ({ who, params, query }) => {
        await visible(uses, who, params.id);
        const page = await uses.operations.items(who.caller.tenantId, params.id, query.state, {
          pageSize: query.pageSize,
          ...(query.continuationToken ? { continuationToken: query.continuationToken } : {}),
        });
        if (page === undefined) {
          throw notFound(params.id);
        }
        return {
          status: 200,
          body: {
            items: page.items.map((item) => ({
              userId: item.userId,
              userPrincipalName: item.userPrincipalName,
              displayName: item.displayName,
              state: item.state,
              ...(item.note === undefined ? {} : { note: item.note }),
              ...(item.failure ? { failureCode: item.failure.code } : {}),
              ...(item.setUsageLocation ? { setUsageLocation: item.setUsageLocation } : {}),
            })),
            ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/automation/bulk-licenses/operations',
      operationId: 'listOperations',
      summary:
        "The tenant's operations, newest first, paged: every one, or those in one state; a caller without a read role sees only their own.",
      permission: 'read',
      query: z.object({
        state: z.enum(OPERATION_STATES).optional(),
        requester: z.enum(['me', 'anyone']).default('anyone'),
        ...pageQuery,
      }),
      responses: {
        200: { description: 'A page of operations.', schema: pageOf(operationSchema) },
      },
      handle: async ({ who, query }) => {
        // Without a read role, a requester lists only what they asked for.
        const mine = query.requester === 'me' || !readsWholeTenant(who.roles);
        const page = await uses.operations.list(
          who.caller.tenantId,
          {
            ...(query.state === undefined ? {} : { state: query.state }),
            ...(mine ? { requesterId: who.caller.userId } : {}),
          },
          {
            pageSize: query.pageSize,
            ...(query.continuationToken ? { continuationToken: query.continuationToken } : {}),
          },
        );
        return {
          status: 200,
          body: {
            items: page.items.map((operation) => operationBody(operation)),
            ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
          },
        };
      },
    }),
  ];
}
