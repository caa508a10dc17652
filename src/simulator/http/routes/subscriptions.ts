import type { SimSubscription } from '../../tenant/types.ts';
import { graphErrors } from '../graph-errors.ts';
import type { GraphContext } from '../graph-request.ts';
import { collectionContext, entityContext } from '../odata-context.ts';
import { project, resolveSelect, type ResourceShape } from '../projection.ts';
import { unsupportedQueryOption } from '../query-options.ts';
import { jsonReply, type GraphReply } from '../reply.ts';

/** Graph v1.0 companySubscription: every property is returned by default. */
const subscriptionShape: ResourceShape = {
  type: 'companySubscription',
  properties: {
    id: null,
    commerceSubscriptionId: null,
    createdDateTime: null,
    isTrial: null,
    nextLifecycleDateTime: null,
    ownerId: null,
    ownerTenantId: null,
    ownerType: null,
    serviceStatus: [],
    skuId: null,
    skuPartNumber: null,
    status: null,
    totalLicenses: null,
  },
  defaults: [
    'id',
    'commerceSubscriptionId',
    'createdDateTime',
    'isTrial',
    'nextLifecycleDateTime',
    'ownerId',
    'ownerTenantId',
    'ownerType',
    'serviceStatus',
    'skuId',
    'skuPartNumber',
    'status',
    'totalLicenses',
  ],
};

const entitySet = 'directory/subscriptions';

/** The subscription with its SKU's part number and plans (bought directly: no owner partner). */
function resource(ctx: GraphContext, subscription: SimSubscription): Record<string, unknown> {
  const sku = ctx.tenant.subscribedSkus().find((s) => s.skuId === subscription.skuId);
  return {
    ...subscription,
    skuPartNumber: sku?.skuPartNumber ?? null,
    ownerId: null,
    ownerTenantId: null,
    ownerType: null,
    serviceStatus: (sku?.servicePlans ?? []).map((plan) => ({ ...plan })),
  };
}

/** `GET /directory/subscriptions`: every subscription, `$select` allowed. */
export function listSubscriptions(ctx: GraphContext): GraphReply {
  const refused = unsupportedQueryOption(ctx.request.query, ['$select']);
  if (refused) {
    return refused;
  }
  const selected = resolveSelect(ctx.request.query.get('$select') ?? undefined, [
    subscriptionShape,
  ]);
  if (!selected.ok) {
    return graphErrors.unknownProperty(selected.unknown, selected.type);
  }
  return jsonReply(200, {
    '@odata.context': collectionContext(entitySet, selected.selection),
    value: ctx.tenant
      .subscriptions()
      .map((s) => project(resource(ctx, s), subscriptionShape, selected.selection)),
  });
}

/**
 * `GET /directory/subscriptions/{id}` and by the alternate key,
 * `GET /directory/subscriptions(commerceSubscriptionId='{id}')`.
 */
export function getSubscription(ctx: GraphContext, id: string): GraphReply {
  const refused = unsupportedQueryOption(ctx.request.query, ['$select']);
  if (refused) {
    return refused;
  }
  const subscription = ctx.tenant.findSubscription(id);
  if (!subscription) {
    return graphErrors.resourceNotFound(id);
  }
  const selected = resolveSelect(ctx.request.query.get('$select') ?? undefined, [
    subscriptionShape,
  ]);
  if (!selected.ok) {
    return graphErrors.unknownProperty(selected.unknown, selected.type);
  }
  return jsonReply(200, {
    '@odata.context': entityContext(entitySet, selected.selection),
    ...project(resource(ctx, subscription), subscriptionShape, selected.selection),
  });
}

/** `subscriptions(commerceSubscriptionId='…')` under `/directory`, or Graph's unknown segment. */
export function directorySegment(ctx: GraphContext, segment: string): GraphReply {
  const key = /^subscriptions\(commerceSubscriptionId='([^']+)'\)$/i.exec(segment);
  return key ? getSubscription(ctx, key[1]!) : graphErrors.segmentNotFound(segment);
}
