import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type {
  Directory,
  ListOptions,
  OtherMemberKind,
  UserLicenseDetail,
} from '../app/ports/directory.ts';
import type { CompanySubscription } from '../domain/alerts/subscription-alert.ts';
import { LicensingError } from '../domain/errors.ts';
import type {
  DirectoryGroup,
  DirectoryUser,
  LicenseAssignmentState,
  ObjectId,
  Organization,
  Sku,
} from '../domain/licensing.ts';
import type { RuleUser } from '../domain/dynamic-rules/rule-user.ts';
import type { GraphCall } from './graph-call.ts';
import {
  GROUP_FIELDS,
  LICENSING_FIELDS,
  USER_FIELDS,
  isOfType,
  toGroup,
  toLicenseDetail,
  toLicenseStates,
  toOrganization,
  toSku,
  toUser,
  UnexpectedGraphResponseError,
} from './directory-records.ts';
import { isObjectId, type ObjectIdFormat } from '../domain/object-ids.ts';
import { readCollection, readGraph, readGraphOrNull } from './graph-read.ts';
import { readRuleFields } from './rule-user-record.ts';
import { StringPool } from './user-record.ts';
import { groupPath, needsAdvancedQuery, odataString, userPath } from './odata.ts';

const MAX_PAGE_SIZE = 999;
const DEFAULT_SEARCH_LIMIT = 25;
/** Graph takes at most 15 values in one `in (…)` filter. */
const MAX_IN_VALUES = 15;
const users = USER_FIELDS.join(',');
const licensingUsers = LICENSING_FIELDS.join(',');
const userFields = (options?: ListOptions): string =>
  options?.fields === 'licensing' ? licensingUsers : users;
const groups = GROUP_FIELDS.join(',');
const eventual = { ConsistencyLevel: 'eventual' };

// `companySubscription`: only what the alert monitor reads; Graph may leave the part number out.
const companySubscriptionRecord = z.object({
  id: z.string(),
  skuId: z.string(),
  skuPartNumber: z.string().nullish(),
  status: z.string(),
  nextLifecycleDateTime: z.string().nullish(),
  totalLicenses: z.number().nullish(),
  isTrial: z.boolean().nullish(),
});

function toCompanySubscription(value: unknown): CompanySubscription {
  const parsed = companySubscriptionRecord.safeParse(value);
  if (!parsed.success) {
    throw new UnexpectedGraphResponseError(
      `Graph returned an unreadable company subscription: ${parsed.error.message}`,
    );
  }
  const record = parsed.data;
  return {
    id: record.id,
    skuId: record.skuId,
    skuPartNumber: record.skuPartNumber ?? '',
    status: record.status,
    nextLifecycleDateTime: record.nextLifecycleDateTime ?? null,
    totalLicenses: record.totalLicenses ?? 0,
    isTrial: record.isTrial ?? false,
  };
}

function top(options: ListOptions | undefined, fallback?: number): string | undefined {
  const size = options?.pageSize ?? fallback;
  if (size === undefined) {
    return undefined;
  }
  const limited = options?.limit === undefined ? size : Math.min(size, options.limit);
  return String(Math.max(1, Math.min(MAX_PAGE_SIZE, limited)));
}

/** `ids` cut into lists of at most `size`, for `in (…)` filters. */
function inChunks<T>(ids: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < ids.length; start += size) {
    chunks.push(ids.slice(start, start + size));
  }
  return chunks;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) {
    all.push(item);
  }
  return all;
}

const otherMemberKinds: Readonly<Record<string, OtherMemberKind>> = {
  '#microsoft.graph.group': 'group',
  '#microsoft.graph.device': 'device',
  '#microsoft.graph.orgContact': 'contact',
  '#microsoft.graph.servicePrincipal': 'servicePrincipal',
};

/** What kind of member a non-user directory object is, from its `@odata.type`. */
function otherMemberKind(item: unknown): OtherMemberKind {
  const type = (item as Record<string, unknown>)['@odata.type'];
  return (typeof type === 'string' && otherMemberKinds[type]) || 'other';
}

/** The `Directory` port over Microsoft Graph v1.0: every read selects only what is used. */
export class GraphDirectory implements Directory {
  readonly #client: Client;
  readonly #objectIds: ObjectIdFormat;

  /** `objectIds`: `testTool` only for the embedded demo tenant; Entra's are GUIDs. */
  constructor(client: Client, options: { objectIds?: ObjectIdFormat } = {}) {
    this.#client = client;
    this.#objectIds = options.objectIds ?? 'guid';
  }

  /** An id the directory cannot hold is nobody: answered without a call Graph would refuse. */
  #mayBeObjectId(id: string): boolean {
    return isObjectId(id, this.#objectIds);
  }

  async getOrganization(): Promise<Organization> {
    const body = await readGraph(
      this.#client,
      {
        method: 'GET',
        path: '/organization',
        query: { $select: 'id,displayName,countryLetterCode' },
      },
      { kind: 'tenant' },
    );
    const first = (body as { value?: unknown[] } | undefined)?.value?.[0];
    if (first === undefined) {
      throw new UnexpectedGraphResponseError('Graph returned no organization');
    }
    return toOrganization(first);
  }

  async listSkus(): Promise<Sku[]> {
    const items = readCollection(
      this.#client,
      { method: 'GET', path: '/subscribedSkus' },
      { kind: 'tenant' },
    );
    return (await collect(items)).map(toSku);
  }

  async findUser(idOrUpn: string): Promise<DirectoryUser | null> {
    // A user principal name always has an @; anything else must be an object id.
    if (!idOrUpn.includes('@') && !this.#mayBeObjectId(idOrUpn)) {
      return null;
    }
    const body = await readGraphOrNull(
      this.#client,
      { method: 'GET', path: userPath(idOrUpn), query: { $select: users } },
      { kind: 'user', id: idOrUpn },
    );
    return body === null ? null : toUser(body);
  }

  async findUsers(ids: readonly ObjectId[]): Promise<Map<ObjectId, DirectoryUser>> {
    const unique = [...new Set(ids)].filter((id) => this.#mayBeObjectId(id));
    const chunks = inChunks(unique, MAX_IN_VALUES);
    const pages = await Promise.all(
      chunks.map((chunk) =>
        collect(
          this.listUsers(`id in (${chunk.map(odataString).join(',')})`, {
            pageSize: chunk.length,
          }),
        ),
      ),
    );
    return new Map(pages.flat().map((user) => [user.id, user] as const));
  }

  async searchUsers(text: string, options?: ListOptions): Promise<DirectoryUser[]> {
    const literal = odataString(text.trim());
    const filter = ['displayName', 'userPrincipalName', 'mail']
      .map((field) => `startswith(${field},${literal})`)
      .join(' or ');
    const limit = options?.limit ?? DEFAULT_SEARCH_LIMIT;
    return collect(this.listUsers(filter, { ...options, limit }));
  }

  async *listUsers(filter?: string, options?: ListOptions): AsyncIterable<DirectoryUser> {
    // The caller knows when its filter needs an advanced query (a compiled user filter says
    // so); the text check stays for filters written by hand elsewhere.
    const advanced =
      options?.advanced === true || (filter !== undefined && needsAdvancedQuery(filter));
    const call: GraphCall = {
      method: 'GET',
      path: '/users',
      query: {
        $select: userFields(options),
        $filter: filter,
        $top: top(options, MAX_PAGE_SIZE),
        // Advanced queries need both the header and $count=true, or Graph refuses them.
        $count: advanced ? 'true' : undefined,
      },
      ...(advanced ? { headers: eventual } : {}),
    };
    const pool = new StringPool();
    for await (const item of readCollection(this.#client, call, { kind: 'user' }, options?.limit)) {
      yield toUser(item, pool);
    }
  }

  async *listUsersWithProperties(
    properties: readonly string[],
    options?: ListOptions,
  ): AsyncIterable<DirectoryUser & RuleUser> {
    const select = [...new Set([...LICENSING_FIELDS, ...properties])].join(',');
    const call: GraphCall = {
      method: 'GET',
      path: '/users',
      query: { $select: select, $top: top(options, MAX_PAGE_SIZE) },
    };
    const pool = new StringPool();
    for await (const item of readCollection(this.#client, call, { kind: 'user' }, options?.limit)) {
      yield { ...toUser(item, pool), ...readRuleFields(item, pool) };
    }
  }

  async getUserLicenseDetails(userId: ObjectId): Promise<UserLicenseDetail[]> {
    const call: GraphCall = { method: 'GET', path: `${userPath(userId)}/licenseDetails` };
    return (await collect(readCollection(this.#client, call, { kind: 'user', id: userId }))).map(
      toLicenseDetail,
    );
  }

  async getUserLicenseStates(userId: ObjectId): Promise<LicenseAssignmentState[]> {
    const body = await readGraph(
      this.#client,
      { method: 'GET', path: userPath(userId), query: { $select: 'id,licenseAssignmentStates' } },
      { kind: 'user', id: userId },
    );
    return toLicenseStates(
      (body as { licenseAssignmentStates?: unknown }).licenseAssignmentStates ?? [],
    );
  }

  async listTransitiveGroupIds(userId: ObjectId): Promise<ObjectId[]> {
    const call: GraphCall = {
      method: 'GET',
      path: `${userPath(userId)}/transitiveMemberOf`,
      query: { $select: 'id', $top: String(MAX_PAGE_SIZE) },
    };
    const ids: ObjectId[] = [];
    for await (const item of readCollection(this.#client, call, { kind: 'user', id: userId })) {
      // Directory roles and administrative units come back too: only groups count here.
      if (isOfType(item, 'group')) {
        ids.push(toGroup(item).id);
      }
    }
    return ids;
  }

  async findGroup(id: ObjectId): Promise<DirectoryGroup | null> {
    if (!this.#mayBeObjectId(id)) {
      return null;
    }
    const body = await readGraphOrNull(
      this.#client,
      { method: 'GET', path: groupPath(id), query: { $select: groups } },
      { kind: 'group', id },
    );
    return body === null ? null : toGroup(body);
  }

  async findGroupNames(ids: readonly ObjectId[]): Promise<Map<ObjectId, string>> {
    const unique = [...new Set(ids)];
    const only = unique.length === 1 ? unique[0]! : undefined;
    if (only !== undefined && this.#mayBeObjectId(only)) {
      // The usual case (a user's licenses from one group): a read by id is Graph's cheapest,
      // where a filter makes it go through the groups collection.
      const id = only;
      const body = await readGraphOrNull(
        this.#client,
        { method: 'GET', path: groupPath(id), query: { $select: 'id,displayName' } },
        { kind: 'group', id },
      );
      return body === null ? new Map() : new Map([[id, toGroup(body).displayName]]);
    }
    const chunks = inChunks(unique, MAX_IN_VALUES);
    const pages = await Promise.all(
      chunks.map((chunk) =>
        collect(
          readCollection(
            this.#client,
            {
              method: 'GET',
              path: '/groups',
              query: {
                $select: 'id,displayName',
                $filter: `id in (${chunk.map(odataString).join(',')})`,
                $top: String(chunk.length),
              },
            },
            { kind: 'group' },
          ),
        ),
      ),
    );
    return new Map(
      pages.flat().map((item) => {
        const group = toGroup(item);
        return [group.id, group.displayName] as const;
      }),
    );
  }

  async searchGroups(name: string, options?: ListOptions): Promise<DirectoryGroup[]> {
    const literal = odataString(name.trim());
    const limit = options?.limit ?? DEFAULT_SEARCH_LIMIT;
    const list = (filter: string, max: number): AsyncIterable<unknown> =>
      readCollection(
        this.#client,
        {
          method: 'GET',
          path: '/groups',
          query: { $select: groups, $filter: filter, $top: top({ limit: max }, MAX_PAGE_SIZE) },
        },
        { kind: 'group' },
        max,
      );
    // Exact names first: a startswith page could leave "Sales" behind twenty "Sales …" groups.
    const exact = (await collect(list(`displayName eq ${literal}`, limit))).map(toGroup);
    const seen = new Set(exact.map((group) => group.id));
    const found = [...exact];
    for await (const item of list(`startswith(displayName,${literal})`, limit + exact.length)) {
      const group = toGroup(item);
      if (found.length >= limit) {
        break;
      }
      if (!seen.has(group.id)) {
        seen.add(group.id);
        found.push(group);
      }
    }
    return found;
  }

  async *listGroupMembers(
    groupId: ObjectId,
    options?: ListOptions & {
      transitive?: boolean;
      onOtherMember?: (kind: OtherMemberKind) => void;
    },
  ): AsyncIterable<DirectoryUser> {
    const relation = options?.transitive === true ? 'transitiveMembers' : 'members';
    const call: GraphCall = {
      method: 'GET',
      path: `${groupPath(groupId)}/${relation}`,
      query: { $select: userFields(options), $top: top(options, MAX_PAGE_SIZE) },
    };
    let yielded = 0;
    const pool = new StringPool();
    for await (const item of readCollection(this.#client, call, { kind: 'group', id: groupId })) {
      if (!isOfType(item, 'user')) {
        // Nested groups, devices and contacts are members too; callers ask for people.
        options?.onOtherMember?.(otherMemberKind(item));
        continue;
      }
      yield toUser(item, pool);
      yielded += 1;
      if (options?.limit !== undefined && yielded >= options.limit) {
        return;
      }
    }
  }

  async countGroupMembers(groupId: ObjectId, options?: { transitive?: boolean }): Promise<number> {
    const relation = options?.transitive === true ? 'transitiveMembers' : 'members';
    const subject = { kind: 'group', id: groupId } as const;
    try {
      // Graph counts a member collection only as an advanced query (ConsistencyLevel: eventual).
      const body = await readGraph(
        this.#client,
        {
          method: 'GET',
          path: `${groupPath(groupId)}/${relation}/microsoft.graph.user/$count`,
          headers: eventual,
        },
        subject,
      );
      const count = typeof body === 'number' ? body : Number(String(body).trim());
      if (Number.isInteger(count) && count >= 0) {
        return count;
      }
    } catch (error: unknown) {
      // A Graph (or stand-in) that refuses the cast or $count segment: count page by page.
      if (!(error instanceof LicensingError) || error.failure.httpStatus !== 400) {
        throw error;
      }
    }
    const call: GraphCall = {
      method: 'GET',
      path: `${groupPath(groupId)}/${relation}`,
      query: { $select: 'id', $top: String(MAX_PAGE_SIZE) },
    };
    let count = 0;
    for await (const item of readCollection(this.#client, call, subject)) {
      if (isOfType(item, 'user')) {
        count += 1;
      }
    }
    return count;
  }

  async *listMembersWithLicenseErrors(
    groupId: ObjectId,
    options?: ListOptions,
  ): AsyncIterable<DirectoryUser> {
    const call: GraphCall = {
      method: 'GET',
      path: `${groupPath(groupId)}/membersWithLicenseErrors`,
      query: { $select: users, $top: top(options, MAX_PAGE_SIZE) },
    };
    for await (const item of readCollection(
      this.#client,
      call,
      { kind: 'group', id: groupId },
      options?.limit,
    )) {
      if (isOfType(item, 'user')) {
        yield toUser(item);
      }
    }
  }

  async listGroupsWithLicenseErrors(): Promise<DirectoryGroup[]> {
    const call: GraphCall = {
      method: 'GET',
      path: '/groups',
      query: { $select: groups, $filter: 'hasMembersWithLicenseErrors eq true' },
    };
    return (await collect(readCollection(this.#client, call, { kind: 'group' }))).map(toGroup);
  }

  async listCompanySubscriptions(): Promise<CompanySubscription[] | null> {
    const call: GraphCall = { method: 'GET', path: '/directory/subscriptions' };
    try {
      return (await collect(readCollection(this.#client, call, { kind: 'tenant' }))).map(
        toCompanySubscription,
      );
    } catch (error: unknown) {
      // A Graph (or stand-in) without the endpoint: the caller skips what it would tell.
      if (error instanceof LicensingError && error.failure.httpStatus === 404) {
        return null;
      }
      throw error;
    }
  }
}
