import { groupFilterSchema, userFilterSchema } from '../../odata/filter.ts';
import { groupSortSchema } from '../../odata/orderby.ts';
import { groupSearchSchema, userSearchSchema } from '../../odata/search.ts';
import { referencedId } from '../../tenant/group-definition.ts';
import type { GroupMember, Tenant } from '../../tenant/tenant.ts';
import type { SimGroup, SimUser } from '../../tenant/types.ts';
import { listCollection } from '../collection.ts';
import { graphErrors } from '../graph-errors.ts';
import type { GraphContext } from '../graph-request.ts';
import { entityContext } from '../odata-context.ts';
import {
  deviceShape,
  groupShape,
  orgContactShape,
  project,
  resolveSelect,
  userShape,
  type ResourceShape,
  type Selection,
} from '../projection.ts';
import { entityOptions, unsupportedQueryOption } from '../query-options.ts';
import { jsonReply, type GraphReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { countSegment } from './count-segment.ts';
import { failureReply } from './outcome.ts';

const pageSize = 100;

/** The group as `$filter` sees it: Graph filters on `hasMembersWithLicenseErrors` but never returns it. */
function filterableGroup(tenant: Tenant, group: SimGroup): Record<string, unknown> {
  const resource = tenant.groupResource(group);
  // Worked out only when a filter reads it: it scans every user, and most group lists (by id,
  // by name) never ask.
  Object.defineProperty(resource, 'hasMembersWithLicenseErrors', {
    enumerable: true,
    get: () => tenant.hasMembersWithLicenseErrors(group.id),
  });
  return resource;
}

function listGroups(ctx: GraphContext): GraphReply {
  const tenant = ctx.tenant;
  return listCollection(ctx, {
    items: tenant.groups(),
    resourceOf: (group) => filterableGroup(tenant, group),
    render: (_group, resource, selection) => project(resource, groupShape, selection),
    shapes: [groupShape],
    entitySet: 'groups',
    defaultTop: pageSize,
    filterSchema: groupFilterSchema,
    sortSchema: groupSortSchema,
    searchSchema: groupSearchSchema,
  });
}

function getGroup(ctx: GraphContext, id: string): GraphReply {
  const refused = unsupportedQueryOption(ctx.request.query, entityOptions);
  if (refused) {
    return refused;
  }
  const group = ctx.tenant.findGroup(id);
  if (!group) {
    return graphErrors.resourceNotFound(id);
  }
  const selected = resolveSelect(ctx.request.query.get('$select') ?? undefined, [groupShape]);
  if (!selected.ok) {
    return graphErrors.unknownProperty(selected.unknown, selected.type);
  }
  return jsonReply(200, {
    '@odata.context': entityContext('groups', selected.selection),
    ...project(ctx.tenant.groupResource(group), groupShape, selected.selection),
  });
}

/** The Graph view of a member, whatever kind of directory object it is. */
function memberResource(tenant: Tenant, member: GroupMember): Record<string, unknown> {
  switch (member.kind) {
    case 'user':
      return tenant.userResource(member.user);
    case 'group':
      return tenant.groupResource(member.group);
    case 'device':
      return tenant.deviceResource(member.device);
    case 'orgContact':
      return tenant.orgContactResource(member.contact);
  }
}

const memberShapes: Readonly<Record<GroupMember['kind'], ResourceShape>> = {
  user: userShape,
  group: groupShape,
  device: deviceShape,
  orgContact: orgContactShape,
};

/**
 * A member in a directoryObjects collection: its `@odata.type`, then the selected properties its
 * type has (Graph leaves out a selected property of another type, e.g. a device's `mail`).
 */
function renderMember(
  member: GroupMember,
  resource: Record<string, unknown>,
  selection: Selection,
): Record<string, unknown> {
  const shape = memberShapes[member.kind];
  return {
    '@odata.type': `#microsoft.graph.${shape.type}`,
    ...project(resource, shape, selection),
  };
}

function listMembers(ctx: GraphContext, id: string, transitive: boolean): GraphReply {
  const outcome = ctx.tenant.groupMembers(id, transitive);
  if (!outcome.ok) {
    return failureReply(outcome);
  }
  const tenant = ctx.tenant;
  return listCollection<GroupMember>(ctx, {
    items: outcome.value,
    resourceOf: (member) => memberResource(tenant, member),
    render: renderMember,
    shapes: [userShape, groupShape, deviceShape, orgContactShape],
    entitySet: 'directoryObjects',
    defaultTop: pageSize,
  });
}

/**
 * `…/members/microsoft.graph.user`: the OData cast keeps the users only, typed as `#users`,
 * and takes the users' `$filter` (Graph allows it there with advanced queries).
 */
function listUserMembers(ctx: GraphContext, id: string, transitive: boolean): GraphReply {
  const outcome = ctx.tenant.groupMembers(id, transitive);
  if (!outcome.ok) {
    return failureReply(outcome);
  }
  const tenant = ctx.tenant;
  const users = outcome.value.flatMap((member) => (member.kind === 'user' ? [member.user] : []));
  return listCollection<SimUser>(ctx, {
    items: users,
    resourceOf: (user) => tenant.userResource(user),
    render: (_user, resource, selection) => project(resource, userShape, selection),
    shapes: [userShape],
    entitySet: 'users',
    defaultTop: pageSize,
    filterSchema: userFilterSchema,
    // Relationships sort and search only as advanced queries.
    sortSchema: {
      entityType: 'microsoft.graph.user',
      byDefault: [],
      advancedOnly: ['displayName'],
    },
    searchSchema: userSearchSchema,
  });
}

function listMembersWithLicenseErrors(ctx: GraphContext, id: string): GraphReply {
  const outcome = ctx.tenant.membersWithLicenseErrors(id);
  if (!outcome.ok) {
    return failureReply(outcome);
  }
  const tenant = ctx.tenant;
  return listCollection<SimUser>(ctx, {
    items: outcome.value,
    resourceOf: (user) => tenant.userResource(user),
    render: (_user, resource, selection) => ({
      '@odata.type': '#microsoft.graph.user',
      ...project(resource, userShape, selection),
    }),
    shapes: [userShape],
    entitySet: 'directoryObjects',
    defaultTop: pageSize,
  });
}

/**
 * `…/members/$count`, `…/transitiveMembers/$count` and their `microsoft.graph.user` casts: a
 * plain-text count, as advanced queries only (Graph's 400 without `ConsistencyLevel: eventual`).
 */
function countMembers(ctx: GraphContext, id: string, transitive: boolean, usersOnly: boolean) {
  const outcome = ctx.tenant.groupMembers(id, transitive);
  if (!outcome.ok) {
    return failureReply(outcome);
  }
  const tenant = ctx.tenant;
  const members = usersOnly
    ? outcome.value.filter((member) => member.kind === 'user')
    : outcome.value;
  return countSegment(
    ctx,
    members,
    (member) => memberResource(tenant, member),
    userFilterSchema,
    userSearchSchema,
    usersOnly,
  );
}

/**
 * `POST /groups/{id}/assignLicense`: validated at once, processed in the background by the
 * tenant; Graph answers 202 Accepted with the group and a Location header.
 */
function assignGroupLicense(ctx: GraphContext, id: string): GraphReply {
  const outcome = ctx.tenant.assignGroupLicense(id, ctx.request.body);
  if (!outcome.ok) {
    return failureReply(outcome);
  }
  const group = ctx.tenant.findGroup(id);
  if (!group) {
    return graphErrors.resourceNotFound(id);
  }
  const tenantId = ctx.tenant.organization().id;
  return jsonReply(
    202,
    {
      '@odata.context': entityContext('groups', undefined),
      ...project(ctx.tenant.groupResource(group), groupShape, undefined),
    },
    {
      Location: `https://graph.microsoft.com/v2/${tenantId}/directoryObjects/${group.id}/Microsoft.DirectoryServices.Group`,
    },
  );
}

/** `POST /groups`: 201 with the new group (members of a dynamic one are evaluated later). */
function createGroup(ctx: GraphContext): GraphReply {
  const outcome = ctx.tenant.createGroup(ctx.request.body);
  if (!outcome.ok) {
    return failureReply(outcome);
  }
  return jsonReply(201, {
    '@odata.context': entityContext('groups', undefined),
    ...project(ctx.tenant.groupResource(outcome.value), groupShape, undefined),
  });
}

/** `POST /groups/{id}/members/$ref`: 204; a dynamic group's members cannot be added by hand. */
function addMember(ctx: GraphContext, id: string): GraphReply {
  const body = ctx.request.body;
  const memberId = referencedId(
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)['@odata.id']
      : undefined,
  );
  if (memberId === undefined) {
    return graphErrors.invalidReference();
  }
  const outcome = ctx.tenant.addGroupMember(id, memberId);
  return outcome.ok ? { status: 204 } : failureReply(outcome);
}

/** `/groups` endpoints of Graph v1.0. */
export const groupRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/groups', handle: (ctx) => listGroups(ctx) },
  { method: 'POST', pattern: '/groups', handle: (ctx) => createGroup(ctx) },
  {
    method: 'PATCH',
    pattern: '/groups/{id}',
    handle: (ctx, p) => {
      const outcome = ctx.tenant.updateGroup(p['id'] ?? '', ctx.request.body);
      return outcome.ok ? { status: 204 } : failureReply(outcome);
    },
  },
  {
    method: 'POST',
    pattern: '/groups/{id}/members/$ref',
    handle: (ctx, p) => addMember(ctx, p['id'] ?? ''),
  },
  {
    method: 'DELETE',
    pattern: '/groups/{id}/members/{memberId}/$ref',
    handle: (ctx, p) => {
      const outcome = ctx.tenant.removeGroupMember(p['id'] ?? '', p['memberId'] ?? '');
      return outcome.ok ? { status: 204 } : failureReply(outcome);
    },
  },
  {
    method: 'GET',
    pattern: '/groups/$count',
    handle: (ctx) =>
      countSegment(
        ctx,
        ctx.tenant.groups(),
        (g) => filterableGroup(ctx.tenant, g),
        groupFilterSchema,
        groupSearchSchema,
      ),
  },
  { method: 'GET', pattern: '/groups/{id}', handle: (ctx, p) => getGroup(ctx, p['id'] ?? '') },
  {
    method: 'POST',
    pattern: '/groups/{id}/assignLicense',
    handle: (ctx, p) => assignGroupLicense(ctx, p['id'] ?? ''),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/members',
    handle: (ctx, p) => listMembers(ctx, p['id'] ?? '', false),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/transitiveMembers',
    handle: (ctx, p) => listMembers(ctx, p['id'] ?? '', true),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/members/microsoft.graph.user',
    handle: (ctx, p) => listUserMembers(ctx, p['id'] ?? '', false),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/transitiveMembers/microsoft.graph.user',
    handle: (ctx, p) => listUserMembers(ctx, p['id'] ?? '', true),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/members/$count',
    handle: (ctx, p) => countMembers(ctx, p['id'] ?? '', false, false),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/members/microsoft.graph.user/$count',
    handle: (ctx, p) => countMembers(ctx, p['id'] ?? '', false, true),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/transitiveMembers/$count',
    handle: (ctx, p) => countMembers(ctx, p['id'] ?? '', true, false),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/transitiveMembers/microsoft.graph.user/$count',
    handle: (ctx, p) => countMembers(ctx, p['id'] ?? '', true, true),
  },
  {
    method: 'GET',
    pattern: '/groups/{id}/membersWithLicenseErrors',
    handle: (ctx, p) => listMembersWithLicenseErrors(ctx, p['id'] ?? ''),
  },
];
