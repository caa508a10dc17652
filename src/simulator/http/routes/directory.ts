import { graphErrors } from '../graph-errors.ts';
import type { GraphContext } from '../graph-request.ts';
import { rawContext } from '../odata-context.ts';
import { jsonReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { getSubscribedSku, listSubscribedSkus } from './subscribed-skus.ts';

function organizationResource(ctx: GraphContext): Record<string, unknown> {
  const org = ctx.tenant.organization();
  return {
    id: org.id,
    displayName: org.displayName,
    countryLetterCode: org.countryLetterCode,
    verifiedDomains: org.verifiedDomains,
  };
}

/** Tenant-wide endpoints: SKUs and the organization. */
export const directoryRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/subscribedSkus', handle: (ctx) => listSubscribedSkus(ctx) },
  {
    method: 'GET',
    pattern: '/subscribedSkus/{id}',
    handle: (ctx, p) => getSubscribedSku(ctx, p['id'] ?? ''),
  },
  {
    method: 'GET',
    pattern: '/organization',
    handle: (ctx) =>
      jsonReply(200, {
        '@odata.context': rawContext('organization'),
        value: [organizationResource(ctx)],
      }),
  },
  {
    method: 'GET',
    pattern: '/organization/{id}',
    handle: (ctx, p) =>
      p['id'] === ctx.tenant.organization().id
        ? jsonReply(200, {
            '@odata.context': rawContext('organization/$entity'),
            ...organizationResource(ctx),
          })
        : graphErrors.resourceNotFound(p['id'] ?? ''),
  },
];
