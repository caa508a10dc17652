import { graphErrors } from '../graph-errors.ts';
import type { GraphContext } from '../graph-request.ts';
import { rawContext } from '../odata-context.ts';
import { jsonReply, type GraphReply } from '../reply.ts';
import type { Route } from '../router.ts';

/** `GET /subscribedSkus`: every SKU, unpaged, as Graph lists them (`$select` honoured). */
function subscribedSkus(ctx: GraphContext): GraphReply {
  const select = ctx.request.query.get('$select');
  const names = select
    ? select
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '')
    : undefined;
  const skus = ctx.tenant.subscribedSkus() as unknown as Record<string, unknown>[];
  if (names) {
    const known = new Set(Object.keys(skus[0] ?? { skuId: null }));
    const unknown = names.find((n) => !known.has(n));
    if (unknown !== undefined) {
      return graphErrors.unknownProperty(unknown, 'subscribedSku');
    }
  }
  const value = names ? skus.map((sku) => Object.fromEntries(names.map((n) => [n, sku[n]]))) : skus;
  const context = names ? `subscribedSkus(${names.join(',')})` : 'subscribedSkus';
  return jsonReply(200, { '@odata.context': rawContext(context), value });
}

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
  { method: 'GET', pattern: '/subscribedSkus', handle: (ctx) => subscribedSkus(ctx) },
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
