import { graphErrors } from '../graph-errors.ts';
import type { GraphContext } from '../graph-request.ts';
import { rawContext } from '../odata-context.ts';
import { unsupportedQueryOption } from '../query-options.ts';
import { jsonReply, type GraphReply } from '../reply.ts';

/**
 * The subscribedSku resource as Graph lists it: the tenant's SKU view plus the billing account
 * (`accountId`, `accountName`) and the ids of the subscriptions behind it (`subscriptionIds`, as
 * `GET /directory/subscriptions` lists them).
 */
function skuResources(ctx: GraphContext): Record<string, unknown>[] {
  const org = ctx.tenant.organization();
  return ctx.tenant.subscribedSkus().map((sku) => ({
    accountName: org.displayName,
    accountId: org.id,
    ...sku,
    subscriptionIds: ctx.tenant.subscriptionIdsOf(sku.skuId),
  }));
}

/** `$select` names resolved against the resource, or Graph's 400 for an unknown one. */
function selection(
  ctx: GraphContext,
  sample: Record<string, unknown>,
): { ok: true; names: string[] | undefined } | { ok: false; reply: GraphReply } {
  const raw = ctx.request.query.get('$select');
  if (!raw) {
    return { ok: true, names: undefined };
  }
  const known = Object.keys(sample);
  const names: string[] = [];
  for (const wanted of raw.split(',').map((n) => n.trim())) {
    if (wanted === '') {
      continue;
    }
    const name = known.find((k) => k.toLowerCase() === wanted.toLowerCase());
    if (name === undefined) {
      return { ok: false, reply: graphErrors.unknownProperty(wanted, 'subscribedSku') };
    }
    names.push(name);
  }
  return { ok: true, names: names.length > 0 ? names : undefined };
}

function pick(resource: Record<string, unknown>, names: string[] | undefined) {
  return names ? Object.fromEntries(names.map((n) => [n, resource[n]])) : resource;
}

/**
 * `GET /subscribedSkus`: every SKU, unpaged. Only `$select` is supported: Microsoft documents
 * that `$filter` is not, so it is refused rather than ignored.
 */
export function listSubscribedSkus(ctx: GraphContext): GraphReply {
  const refused = unsupportedQueryOption(ctx.request.query, ['$select']);
  if (refused) {
    return ctx.request.query.has('$filter') ? graphErrors.filterNotSupportedHere() : refused;
  }
  const skus = skuResources(ctx);
  const selected = selection(ctx, skus[0] ?? { id: null, skuId: null });
  if (!selected.ok) {
    return selected.reply;
  }
  const names = selected.names;
  return jsonReply(200, {
    '@odata.context': rawContext(names ? `subscribedSkus(${names.join(',')})` : 'subscribedSkus'),
    value: skus.map((sku) => pick(sku, names)),
  });
}

/** `GET /subscribedSkus/{id}` where the id is `{tenantId}_{skuId}`. */
export function getSubscribedSku(ctx: GraphContext, id: string): GraphReply {
  const refused = unsupportedQueryOption(ctx.request.query, ['$select']);
  if (refused) {
    return refused;
  }
  const sku = skuResources(ctx).find((s) => String(s['id']).toLowerCase() === id.toLowerCase());
  if (!sku) {
    return graphErrors.resourceNotFound(id);
  }
  const selected = selection(ctx, sku);
  if (!selected.ok) {
    return selected.reply;
  }
  const names = selected.names;
  return jsonReply(200, {
    '@odata.context': rawContext(
      names ? `subscribedSkus(${names.join(',')})/$entity` : 'subscribedSkus/$entity',
    ),
    ...pick(sku, names),
  });
}
