import { fail, ok, type Result } from '../../domain/errors.ts';
import type { Directory } from '../ports/directory.ts';
import type { TenantAccess } from '../tenants/tenant-access.ts';
import type { AccessSettings } from './access-settings.ts';
import type { CallerCache } from './caller-cache.ts';
import type { Caller, IdentityRefusal } from './caller.ts';

/** What the channel says about who is speaking: the activity's ids, nothing typed. */
export interface SpeakerIds {
  tenantId: string | undefined;
  userId: string | undefined;
}

export interface IdentifyCallerDeps {
  /** The served tenants: who may use each, and its directory. */
  tenants: TenantAccess;
  cache: CallerCache;
  now: () => number;
}

async function groupNames(directory: Directory, ids: string[]): Promise<string> {
  const groups = await Promise.all(ids.map((id) => directory.findGroup(id)));
  const names = groups.flatMap((group) => (group ? [`"${group.displayName}"`] : []));
  return names.length > 0 ? names.join(' or ') : 'the License Desk requesters group';
}

async function lookUp(
  speaker: { tenantId: string; userId: string },
  directory: Directory,
  settings: AccessSettings,
): Promise<Result<Caller, IdentityRefusal>> {
  const user = await directory.findUser(speaker.userId);
  if (user === null) {
    return fail({
      code: 'NOT_IN_DIRECTORY',
      message:
        "I can't find your account in your organisation's directory, so I can't help yet. " +
        'Ask your IT admin to check that your account exists and is enabled.',
    });
  }
  if (user.userType?.toLowerCase() === 'guest' && !settings.allowGuests) {
    return fail({
      code: 'GUEST_NOT_ALLOWED',
      message:
        "License Desk is for your organisation's own accounts, and you are signed in as a guest. " +
        'Ask a colleague in the organisation, or its IT admins, to request licenses for you.',
    });
  }
  const memberOf = new Set(await directory.listTransitiveGroupIds(user.id));
  const isApprover = settings.approverGroupIds.some((id) => memberOf.has(id));
  const isRequester =
    settings.requesterGroupIds.length === 0 ||
    settings.requesterGroupIds.some((id) => memberOf.has(id));
  if (!isApprover && !isRequester) {
    const names = await groupNames(directory, settings.requesterGroupIds);
    return fail({
      code: 'NOT_A_REQUESTER',
      message:
        `License Desk is open to members of ${names}, and you are not one of them. ` +
        'Ask your license admins to add you if you need to request licenses.',
    });
  }
  return ok({
    tenantId: speaker.tenantId,
    userId: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    role: isApprover ? 'approver' : 'requester',
  });
}

/**
 * Who is asking and in which role: approvers are transitive members of the approver groups,
 * requesters everyone (or the requester groups' members), under the caller's own tenant's
 * settings. Refuses tenants not served (or not active) and unknown users with a reason. At most one directory look-up per user per cache period.
 */
export async function identifyCaller(
  speaker: SpeakerIds,
  deps: IdentifyCallerDeps,
): Promise<Result<Caller, IdentityRefusal>> {
  const { tenantId, userId } = speaker;
  if (!userId || !tenantId) {
    return fail({
      code: 'NO_IDENTITY',
      message:
        "I can't tell who you are from this chat, so I can't look anything up. " +
        'Talk to me from Microsoft Teams with your work account.',
    });
  }
  const served = await deps.tenants.find(tenantId);
  if (served === undefined) {
    return fail({
      code: 'OTHER_TENANT',
      message:
        'License Desk serves only the organisations registered with it, and your account belongs ' +
        "to another one. Ask your own organisation's IT admins for licenses.",
    });
  }
  if (!served.active) {
    return fail({
      code: 'TENANT_INACTIVE',
      message: served.inactiveReason ?? `License Desk does not serve ${served.displayName} now.`,
    });
  }
  // Stored under the tenant id as registered, however this activity spelled it.
  const tenant = served.tenantId;
  const cached = deps.cache.get(tenant, userId, deps.now());
  if (cached) {
    return cached;
  }
  return deps.cache.shared(tenant, userId, async () => {
    const identified = await lookUp(
      { tenantId: tenant, userId },
      deps.tenants.directory(tenant),
      served.access,
    );
    deps.cache.set(tenant, userId, identified, deps.now());
    return identified;
  });
}
