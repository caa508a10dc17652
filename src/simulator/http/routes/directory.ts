import type { Route } from '../router.ts';
import { getOrganization } from './organization.ts';
import { getSubscribedSku, listSubscribedSkus } from './subscribed-skus.ts';

/** Tenant-wide endpoints: SKUs and the organization. */
export const directoryRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/subscribedSkus', handle: (ctx) => listSubscribedSkus(ctx) },
  {
    method: 'GET',
    pattern: '/subscribedSkus/{id}',
    handle: (ctx, p) => getSubscribedSku(ctx, p['id'] ?? ''),
  },
  { method: 'GET', pattern: '/organization', handle: (ctx) => getOrganization(ctx) },
  {
    method: 'GET',
    pattern: '/organization/{id}',
    handle: (ctx, p) => getOrganization(ctx, p['id'] ?? ''),
  },
];
