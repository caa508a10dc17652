import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { ApiUseCases } from '../api-use-cases.ts';
import { pageOf } from './paging-schemas.ts';
import { historyEventSchema } from '../../domain/history/history-event-schema.ts';

// The stored line without the tenant (the caller's) and Graph's request id (support's, not users').
const historyLine = historyEventSchema.omit({ tenantId: true, graphRequestId: true });

/** `GET /api/identity/licenses/assignment-history`: the history use case's filters, paged. */
export function historyRoutes(uses: ApiUseCases): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/identity/licenses/assignment-history',
      operationId: 'listAssignmentHistory',
      summary: "The tenant's license changes, newest first; the filters combine with AND.",
      permission: 'read',
      query: z.object({
        userId: z.string().min(1).max(256).optional().describe("The target user's object id."),
        adminId: z.string().min(1).max(256).optional().describe('Requested or approved by.'),
        skuId: z.string().min(1).max(100).optional(),
        operationId: z.string().min(1).max(200).optional(),
        since: z.iso.datetime({ offset: true }).optional().describe('Events at or after.'),
        continuationToken: z.string().min(1).max(4000).optional(),
      }),
      responses: {
        200: { description: 'A page of history events.', schema: pageOf(historyLine) },
      },
      handle: async ({ who, query }) => {
        const { continuationToken, since, ...filter } = query;
        const page = await uses.history.read(
          who.caller.tenantId,
          {
            ...Object.fromEntries(
              Object.entries(filter).filter(([, value]) => value !== undefined),
            ),
            ...(since === undefined ? {} : { since: new Date(since).toISOString() }),
          },
          continuationToken,
        );
        return {
          status: 200,
          body: {
            items: page.items.map(
              ({ tenantId: _tenant, graphRequestId: _request, ...event }) => event,
            ),
            ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
          },
        };
      },
    }),
  ];
}
