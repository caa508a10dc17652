import type { Route } from '../router.ts';
import { getOrganization } from './organization.ts';
import { getSubscribedSku, listSubscribedSkus } from './subscribed-skus.ts';
import { directorySegment, getSubscription, listSubscriptions } from './subscriptions.ts';

/** Tenant-wide endpoints: SKUs, the subscriptions behind them and the organization. */
export const directoryRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/subscribedSkus', handle: (ctx) => listSubscribedSkus(ctx) },
  {
    method: 'GET',
    pattern: '/subscribedSkus/{id}',
    handle: (ctx, p) => getSubscribedSku(ctx, p['id'] ?? ''),
  },
  {
    method: 'GET',
    pattern: '/directory/subscriptions',
    handle: (ctx) => listSubscriptions(ctx),
  },
  {
    method: 'GET',
    pattern: '/directory/subscriptions/{id}',
    handle: (ctx, p) => getSubscription(ctx, p['id'] ?? ''),
  },
  {
    method: 'GET',
    pattern: '/directory/{segment}',
    handle: (ctx, p) => directorySegment(ctx, p['segment'] ?? ''),
  },
  { method: 'GET', pattern: '/organization', handle: (ctx) => getOrganization(ctx) },
  {
    method: 'GET',
    pattern: '/organization/{id}',
    handle: (ctx, p) => getOrganization(ctx, p['id'] ?? ''),
  },
];
