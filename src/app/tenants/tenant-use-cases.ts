import { sameTenantId } from '../../domain/object-ids.ts';
import type { TenantCommand } from '../../domain/tenants/tenant-command.ts';
import type { CustomerTenant, TenantPolicy } from '../../domain/tenants/tenant.ts';
import type { Caller } from '../identity/caller.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import type { OperationStore } from '../ports/operation-store.ts';
import {
  ConcurrencyConflictError,
  type UserPreferencesStore,
  type Versioned,
} from '../ports/stores.ts';
import { TenantAlreadyRegisteredError, type TenantRegistry } from '../ports/tenant-registry.ts';
import { describeSignInFailure } from './sign-in-failure.ts';
import { OPERATOR_TENANT_NAME, type ServedTenant } from './served-tenant.ts';
import type { ServedTenants } from './served-tenants.ts';

/** What a tenant command did, in the operator's words. */
export type TenantOutcome = { ok: true; message: string } | { ok: false; message: string };

/** A served tenant as `tenants` lists it. */
export interface TenantListing {
  tenant: ServedTenant;
  /** Where its admin consents, while it waits for that. */
  consentUrl?: string;
}

export interface TenantUseCases {
  /** Every tenant served, the operator's first: for the operator's approvers only. */
  list(caller: Caller): Promise<{ ok: true; tenants: TenantListing[] } | TenantOutcome>;
  /** Onboard, check, suspend, resume or work in a tenant. */
  run(caller: Caller, command: TenantCommand): Promise<TenantOutcome>;
  /** The caller as they act in a customer tenant named `name` (`in fabrikam: …`). */
  actIn(caller: Caller, name: string): Promise<{ ok: true; caller: Caller } | TenantOutcome>;
  /**
   * The caller as this turn acts: in their working tenant, if they chose one. A click on a card
   * of `operationId` acts in that operation's tenant when the clicker is the operator's approver
   * (their copy of a request they made with `in fabrikam: …`).
   */
  acting(caller: Caller, operationId?: string): Promise<Caller>;
}

export interface TenantPorts {
  registry: TenantRegistry;
  served: ServedTenants;
  /** Each tenant's directory as it is now: a check reads the customer's organization. */
  directories: PerTenant<Pick<Directory, 'getOrganization'>>;
  preferences: UserPreferencesStore;
  /** To find which served tenant an operation clicked on belongs to. */
  operations: Pick<OperationStore, 'get'>;
  clock: Clock;
  /** The app registration customers consent to; absent when there is none (the demo). */
  consentClientId?: string;
}

const ONLY_OPERATOR =
  "Only your own organisation's license approvers manage the tenants License Desk serves.";

/** Where a customer's admin consents to License Desk's app (Microsoft identity platform v2). */
export function adminConsentUrl(tenantId: string, clientId: string): string {
  const query = new URLSearchParams({
    client_id: clientId,
    scope: 'https://graph.microsoft.com/.default',
  });
  return `https://login.microsoftonline.com/${tenantId}/v2.0/adminconsent?${query.toString()}`;
}

/** Whether `caller` is an approver of the operator's own tenant, acting there. */
function isOperatorAdmin(ports: TenantPorts, caller: Caller): boolean {
  return (
    caller.role === 'approver' &&
    caller.actingFrom === undefined &&
    sameTenantId(caller.tenantId, ports.served.operator.tenantId)
  );
}

/**
 * The operator's approver as they are at home, when they act in a customer tenant: tenant
 * commands are the operator's, wherever they work (only approvers act elsewhere).
 */
function atHome(caller: Caller): Caller {
  if (caller.actingFrom === undefined) {
    return caller;
  }
  const { actingFrom, ...rest } = caller;
  return { ...rest, tenantId: actingFrom.tenantId };
}

function actingAs(caller: Caller, tenant: ServedTenant): Caller {
  if (tenant.operator) {
    return caller;
  }
  // The operator's approvers manage their customers: they approve there as they do at home.
  return {
    ...caller,
    tenantId: tenant.tenantId,
    role: 'approver',
    actingFrom: { tenantId: caller.tenantId },
  };
}

const notFound = (name: string): { ok: false; message: string } => ({
  ok: false,
  message: `No customer tenant is named "${name}" here. Type \`tenants\` to see the names, or onboard it with \`tenant add\`.`,
});

async function customer(
  ports: TenantPorts,
  name: string,
): Promise<{ ok: true; tenant: ServedTenant } | { ok: false; message: string }> {
  const tenant = await ports.served.named(name);
  return tenant === undefined ? notFound(name) : { ok: true, tenant };
}

async function onboard(
  ports: TenantPorts,
  caller: Caller,
  command: Extract<TenantCommand, { kind: 'add' }>,
): Promise<TenantOutcome> {
  if (sameTenantId(command.tenantId, ports.served.operator.tenantId)) {
    return { ok: false, message: 'That is your own tenant: License Desk serves it already.' };
  }
  const now = ports.clock.now().toISOString();
  const tenant: CustomerTenant = {
    tenantId: command.tenantId,
    name: command.name,
    displayName: command.displayName ?? command.name,
    credential: command.credential,
    approverGroupIds: command.approverGroupIds,
    requesterGroupIds: command.requesterGroupIds,
    allowGuests: false,
    policy: {},
    state: 'awaitingConsent',
    onboardedBy: { userId: caller.userId, displayName: caller.displayName },
    onboardedAt: now,
  };
  try {
    await ports.registry.add(tenant);
  } catch (error) {
    if (error instanceof TenantAlreadyRegisteredError) {
      return {
        ok: false,
        message:
          error.field === 'name'
            ? `The name "${command.name}" is taken by another tenant: choose another.`
            : `Tenant ${command.tenantId} is registered already. Type \`tenants\` to see it.`,
      };
    }
    throw error;
  }
  await ports.served.refresh();
  const consent =
    command.credential.kind === 'certificate'
      ? `It signs in with its own app registration (${command.credential.clientId}); make sure that app has Graph's application permissions with admin consent in that tenant.`
      : ports.consentClientId === undefined
        ? 'No consent is needed in the embedded demo.'
        : `Send its Global Administrator this admin-consent link: ${adminConsentUrl(command.tenantId, ports.consentClientId)}`;
  return {
    ok: true,
    message:
      `Registered **${tenant.displayName}** as \`${command.name}\` (${command.tenantId}), waiting for consent. ${consent} ` +
      `Then type \`tenant check ${command.name}\`: once License Desk can read its directory, its people can use License Desk and you can act there with \`in ${command.name}: …\`.`,
  };
}

/** The registered customer tenant named `name`, or why there is none to change. */
async function registered(
  ports: TenantPorts,
  name: string,
  whenHome: string,
): Promise<Versioned<CustomerTenant> | { ok: false; message: string }> {
  const found = await ports.registry.findByName(name);
  if (found !== null) {
    return found;
  }
  return name === OPERATOR_TENANT_NAME ? { ok: false, message: whenHome } : notFound(name);
}

/**
 * Saves `change` to a registered tenant as `caller` (guarded by the ETag read) and reads the
 * served tenants again; undefined when saved, else why not.
 */
async function saveChange(
  ports: TenantPorts,
  caller: Caller,
  found: Versioned<CustomerTenant>,
  change: Partial<CustomerTenant>,
): Promise<TenantOutcome | undefined> {
  try {
    await ports.registry.replace(
      {
        ...found.value,
        ...change,
        changedBy: { userId: caller.userId, displayName: caller.displayName },
        changedAt: ports.clock.now().toISOString(),
      },
      found.etag,
    );
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return {
        ok: false,
        message: `Someone changed ${found.value.displayName} at the same moment: type \`tenants\` to see it as it is now, then try again.`,
      };
    }
    throw error;
  }
  await ports.served.refresh();
  return undefined;
}

async function check(ports: TenantPorts, caller: Caller, name: string): Promise<TenantOutcome> {
  const found = await registered(ports, name, 'Your own tenant is checked at every start.');
  if (!('value' in found)) {
    return found;
  }
  const tenant = found.value;
  let displayName: string;
  try {
    displayName = (await ports.directories.forTenant(tenant.tenantId).getOrganization())
      .displayName;
  } catch (error) {
    return { ok: false, message: describeSignInFailure(tenant, error) };
  }
  const state = tenant.state === 'suspended' ? 'suspended' : 'active';
  const refused = await saveChange(ports, caller, found, { displayName, state });
  if (refused !== undefined) {
    return refused;
  }
  return {
    ok: true,
    message:
      state === 'suspended'
        ? `License Desk can read **${displayName}**'s directory, but it stays suspended until \`tenant resume ${name}\`.`
        : `License Desk can read **${displayName}**'s directory: \`${name}\` is active. Its people can talk to License Desk in their own Teams, and you can act there with \`in ${name}: …\`.`,
  };
}

async function setState(
  ports: TenantPorts,
  caller: Caller,
  name: string,
  state: 'suspended' | 'active',
): Promise<TenantOutcome> {
  const found = await registered(ports, name, 'Your own tenant is always served.');
  if (!('value' in found)) {
    return found;
  }
  if (state === 'active' && found.value.state === 'awaitingConsent') {
    return {
      ok: false,
      message: `${found.value.displayName} has not been checked yet: type \`tenant check ${name}\` once its admin consented.`,
    };
  }
  return (
    (await saveChange(ports, caller, found, { state })) ?? {
      ok: true,
      message:
        state === 'suspended'
          ? `Suspended **${found.value.displayName}**: its people are turned away and nothing is read or written there; its history stays. \`tenant resume ${name}\` brings it back.`
          : `**${found.value.displayName}** is served again.`,
    }
  );
}

function describePolicy(policy: TenantPolicy): string {
  const parts = [
    policy.approvalExpiryHours === undefined
      ? undefined
      : `requests expire after ${policy.approvalExpiryHours} h`,
    policy.bulkConfirmAbove === undefined
      ? undefined
      : `bulk selections above ${policy.bulkConfirmAbove} users are confirmed first`,
    policy.twoApproversAboveUsers === undefined
      ? undefined
      : `two approvers above ${policy.twoApproversAboveUsers} users`,
    policy.twoApproversAboveMonthlyCost === undefined
      ? undefined
      : `two approvers above a monthly cost rise of ${policy.twoApproversAboveMonthlyCost}`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? "the deployment's own rules" : parts.join('; ');
}

async function setPolicy(
  ports: TenantPorts,
  caller: Caller,
  name: string,
  policy: TenantPolicy,
): Promise<TenantOutcome> {
  const found = await registered(
    ports,
    name,
    "Your own tenant's rules are the deployment's settings.",
  );
  if (!('value' in found)) {
    return found;
  }
  return (
    (await saveChange(ports, caller, found, { policy })) ?? {
      ok: true,
      message: `**${found.value.displayName}**'s requests now follow ${describePolicy(policy)}; anything not named follows the deployment's rules.`,
    }
  );
}

async function use(ports: TenantPorts, caller: Caller, name: string): Promise<TenantOutcome> {
  const found = await customer(ports, name);
  if (!found.ok) {
    return found;
  }
  const { tenant } = found;
  if (!tenant.active) {
    return {
      ok: false,
      message: tenant.inactiveReason ?? `${tenant.displayName} is not served now.`,
    };
  }
  const stored = await ports.preferences.get(caller.tenantId, caller.userId);
  // The old working tenant is dropped, and set again unless they come home.
  const { workingTenantId: _left, ...rest } = stored?.value ?? {
    tenantId: caller.tenantId,
    userId: caller.userId,
  };
  await ports.preferences.save(
    {
      ...rest,
      ...(tenant.operator ? {} : { workingTenantId: tenant.tenantId }),
      updatedAt: ports.clock.now().toISOString(),
    },
    stored?.etag,
  );
  return {
    ok: true,
    message: tenant.operator
      ? 'You are back in your own tenant.'
      : `You are now working in **${tenant.displayName}** (\`${tenant.name}\`): every command and card click of yours acts there until you type \`tenant use home\`.`,
  };
}

/**
 * The served tenant holding `operationId`, looked up in the caller's own tenant first, then in
 * each active customer's (a point read each: a deployment serves dozens of tenants).
 */
async function tenantOfOperation(
  ports: TenantPorts,
  caller: Caller,
  operationId: string,
): Promise<ServedTenant | undefined> {
  if ((await ports.operations.get(caller.tenantId, operationId)) !== null) {
    return undefined;
  }
  for (const tenant of await ports.served.all()) {
    if (
      tenant.active &&
      !tenant.operator &&
      (await ports.operations.get(tenant.tenantId, operationId)) !== null
    ) {
      return tenant;
    }
  }
  return undefined;
}

/** The tenant use cases, over the registry and the served tenants. */
export function tenantUseCases(ports: TenantPorts): TenantUseCases {
  return {
    list: async (asked) => {
      const caller = atHome(asked);
      if (!isOperatorAdmin(ports, caller)) {
        return { ok: false, message: ONLY_OPERATOR };
      }
      await ports.served.refresh();
      const [operator, ...customers] = await ports.served.all();
      // The operator's organization by its name in Graph (the config knows only its id).
      const home = await ports.directories
        .forTenant(operator!.tenantId)
        .getOrganization()
        .then((organization) => ({ ...operator!, displayName: organization.displayName }))
        .catch(() => operator!);
      const { consentClientId } = ports;
      return {
        ok: true,
        tenants: [
          { tenant: home },
          ...customers.map((tenant) =>
            tenant.awaitingConsent === true &&
            tenant.credential?.kind === 'multiTenantApp' &&
            consentClientId !== undefined
              ? { tenant, consentUrl: adminConsentUrl(tenant.tenantId, consentClientId) }
              : { tenant },
          ),
        ],
      };
    },
    run: async (asked, command) => {
      const caller = atHome(asked);
      if (!isOperatorAdmin(ports, caller)) {
        return { ok: false, message: ONLY_OPERATOR };
      }
      switch (command.kind) {
        case 'add':
          return onboard(ports, caller, command);
        case 'check':
          return check(ports, caller, command.name);
        case 'suspend':
          return setState(ports, caller, command.name, 'suspended');
        case 'resume':
          return setState(ports, caller, command.name, 'active');
        case 'use':
          return use(ports, caller, command.name);
        case 'policy':
          return setPolicy(ports, caller, command.name, command.policy);
      }
    },
    actIn: async (asked, name) => {
      const caller = atHome(asked);
      if (!isOperatorAdmin(ports, caller)) {
        return { ok: false, message: ONLY_OPERATOR.replace('manage', 'act in') };
      }
      const found = await customer(ports, name);
      if (!found.ok) {
        return found;
      }
      if (!found.tenant.active) {
        return {
          ok: false,
          message: found.tenant.inactiveReason ?? 'That tenant is not served now.',
        };
      }
      return { ok: true, caller: actingAs(caller, found.tenant) };
    },
    acting: async (caller, operationId) => {
      if (!isOperatorAdmin(ports, caller)) {
        return caller;
      }
      if (operationId !== undefined) {
        const owner = await tenantOfOperation(ports, caller, operationId);
        if (owner !== undefined) {
          return actingAs(caller, owner);
        }
      }
      const working = (await ports.preferences.get(caller.tenantId, caller.userId))?.value
        .workingTenantId;
      const tenant = working === undefined ? undefined : await ports.served.find(working);
      // A working tenant suspended since is left: the admin acts at home, as the reply shows.
      return tenant?.active === true ? actingAs(caller, tenant) : caller;
    },
  };
}
