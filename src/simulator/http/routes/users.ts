import { groupFilterSchema, userFilterSchema } from '../../odata/filter.ts';
import { userSortSchema } from '../../odata/orderby.ts';
import { userSearchSchema } from '../../odata/search.ts';
import type { Tenant } from '../../tenant/tenant.ts';
import type { SimGroup, SimUser } from '../../tenant/types.ts';
import { listCollection } from '../collection.ts';
import { graphErrors } from '../graph-errors.ts';
import type { GraphContext } from '../graph-request.ts';
import { entityContext, rawContext } from '../odata-context.ts';
import {
  groupShape,
  licenseDetailsShape,
  project,
  resolveSelect,
  userShape,
} from '../projection.ts';
import { entityOptions, unsupportedQueryOption } from '../query-options.ts';
import { jsonReply, type GraphReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { countSegment } from './count-segment.ts';
import { failureReply } from './outcome.ts';

const userPageSize = 100;

/**
 * The user as `assignLicense` and `reprocessLicenseAssignment` return it: Microsoft's examples
 * of both show the licenses (`assignedLicenses`, `assignedPlans`) next to the usual properties,
 * so a client can read the result of the write without a second request.
 */
const writeResultProperties = [
  ...userShape.defaults,
  'accountEnabled',
  'assignedLicenses',
  'assignedPlans',
  'city',
  'companyName',
  'usageLocation',
];

function userEntity(tenant: Tenant, user: SimUser): Record<string, unknown> {
  return {
    '@odata.context': entityContext('users', undefined),
    ...project(tenant.userResource(user), userShape, writeResultProperties),
  };
}

function listUsers(ctx: GraphContext): GraphReply {
  const tenant = ctx.tenant;
  return listCollection(ctx, {
    items: tenant.users(),
    idOf: (user) => user.id,
    resourceOf: (user) => tenant.userResource(user),
    render: (_user, resource, selection) => project(resource, userShape, selection),
    shapes: [userShape],
    entitySet: 'users',
    defaultTop: userPageSize,
    filterSchema: userFilterSchema,
    sortSchema: userSortSchema,
    searchSchema: userSearchSchema,
  });
}

function getUser(ctx: GraphContext, id: string): GraphReply {
  const refused = unsupportedQueryOption(ctx.request.query, entityOptions);
  if (refused) {
    return refused;
  }
  const user = ctx.tenant.findUser(id);
  if (!user) {
    return graphErrors.resourceNotFound(id);
  }
  const selected = resolveSelect(ctx.request.query.get('$select') ?? undefined, [userShape]);
  if (!selected.ok) {
    return graphErrors.unknownProperty(selected.unknown, selected.type);
  }
  return jsonReply(200, {
    '@odata.context': entityContext('users', selected.selection),
    ...project(ctx.tenant.userResource(user), userShape, selected.selection),
  });
}

function groupsOfUser(
  ctx: GraphContext,
  id: string,
  transitive: boolean,
  cast = false,
): GraphReply {
  const outcome = ctx.tenant.memberOf(id, transitive);
  if (!outcome.ok) {
    return failureReply(outcome);
  }
  const tenant = ctx.tenant;
  return listCollection<SimGroup>(ctx, {
    items: outcome.value,
    resourceOf: (group) => tenant.groupResource(group),
    // The OData cast (`…/memberOf/microsoft.graph.group`) lists `#groups` and takes `$filter`.
    render: (_group, resource, selection) =>
      cast
        ? project(resource, groupShape, selection)
        : { '@odata.type': '#microsoft.graph.group', ...project(resource, groupShape, selection) },
    shapes: [groupShape],
    entitySet: cast ? 'groups' : 'directoryObjects',
    defaultTop: 100,
    // Microsoft: $search on displayName only, and only as an advanced query, like $orderby.
    searchSchema: { resource: 'Group', properties: ['displayName'] },
    sortSchema: {
      entityType: 'microsoft.graph.group',
      byDefault: [],
      advancedOnly: ['displayName'],
    },
    ...(cast ? { filterSchema: groupFilterSchema } : {}),
  });
}

/** `/users` endpoints of Graph v1.0. */
export const userRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/users', handle: (ctx) => listUsers(ctx) },
  {
    method: 'GET',
    pattern: '/users/$count',
    handle: (ctx) =>
      countSegment(
        ctx,
        ctx.tenant.users(),
        (u) => ctx.tenant.userResource(u),
        userFilterSchema,
        userSearchSchema,
      ),
  },
  { method: 'GET', pattern: '/users/{id}', handle: (ctx, p) => getUser(ctx, p['id'] ?? '') },
  {
    method: 'PATCH',
    pattern: '/users/{id}',
    handle: (ctx, p) => {
      const outcome = ctx.tenant.updateUser(p['id'] ?? '', ctx.request.body);
      return outcome.ok ? { status: 204 } : failureReply(outcome);
    },
  },
  {
    method: 'POST',
    pattern: '/users/{id}/assignLicense',
    handle: (ctx, p) => {
      const outcome = ctx.tenant.assignUserLicense(p['id'] ?? '', ctx.request.body);
      return outcome.ok
        ? jsonReply(200, userEntity(ctx.tenant, outcome.value))
        : failureReply(outcome);
    },
  },
  {
    method: 'POST',
    pattern: '/users/{id}/reprocessLicenseAssignment',
    handle: (ctx, p) => {
      const outcome = ctx.tenant.reprocessUser(p['id'] ?? '');
      return outcome.ok
        ? jsonReply(200, userEntity(ctx.tenant, outcome.value))
        : failureReply(outcome);
    },
  },
  {
    method: 'GET',
    pattern: '/users/{id}/licenseDetails',
    handle: (ctx, p) => {
      const id = p['id'] ?? '';
      const refused = unsupportedQueryOption(ctx.request.query, entityOptions);
      if (refused) {
        return refused;
      }
      const outcome = ctx.tenant.licenseDetails(id);
      if (!outcome.ok) {
        return failureReply(outcome);
      }
      const selected = resolveSelect(ctx.request.query.get('$select') ?? undefined, [
        licenseDetailsShape,
      ]);
      if (!selected.ok) {
        return graphErrors.unknownProperty(selected.unknown, selected.type);
      }
      const names = selected.selection;
      const set = `users('${encodeURIComponent(id)}')/licenseDetails`;
      return jsonReply(200, {
        '@odata.context': rawContext(names ? `${set}(${names.join(',')})` : set),
        value: outcome.value.map((details) => project({ ...details }, licenseDetailsShape, names)),
      });
    },
  },
  {
    method: 'GET',
    pattern: '/users/{id}/memberOf',
    handle: (ctx, p) => groupsOfUser(ctx, p['id'] ?? '', false),
  },
  {
    method: 'GET',
    pattern: '/users/{id}/transitiveMemberOf',
    handle: (ctx, p) => groupsOfUser(ctx, p['id'] ?? '', true),
  },
  {
    method: 'GET',
    pattern: '/users/{id}/memberOf/microsoft.graph.group',
    handle: (ctx, p) => groupsOfUser(ctx, p['id'] ?? '', false, true),
  },
  {
    method: 'GET',
    pattern: '/users/{id}/transitiveMemberOf/microsoft.graph.group',
    handle: (ctx, p) => groupsOfUser(ctx, p['id'] ?? '', true, true),
  },
];
