import { fail, ok, type Result } from '../errors.ts';
import { isTenantName, type TenantCredential, type TenantPolicy } from './tenant.ts';

/** What an operator's `tenant …` command asks. */
export type TenantCommand =
  | {
      kind: 'add';
      name: string;
      tenantId: string;
      approverGroupIds: string[];
      requesterGroupIds: string[];
      credential: TenantCredential;
      displayName?: string;
    }
  | { kind: 'check' | 'suspend' | 'resume' | 'use'; name: string }
  /** The tenant's own approval rules; an empty policy goes back to the deployment's. */
  | { kind: 'policy'; name: string; policy: TenantPolicy };

/** The words of each policy setting, as typed: `tenant policy fabrikam expiry-hours 48`. */
const POLICY_WORDS: Record<string, keyof TenantPolicy> = {
  'expiry-hours': 'approvalExpiryHours',
  'confirm-bulk-above': 'bulkConfirmAbove',
  'two-approvers-above-users': 'twoApproversAboveUsers',
  'two-approvers-above-cost': 'twoApproversAboveMonthlyCost',
};

const POLICY_USAGE =
  "Write `tenant policy <name>` and any of `expiry-hours <hours>`, `confirm-bulk-above <users>`, `two-approvers-above-users <users>`, `two-approvers-above-cost <monthly amount>` (e.g. `tenant policy fabrikam expiry-hours 48 two-approvers-above-users 200`), or `tenant policy <name> default` for the deployment's own rules.";

function parsePolicy(words: readonly string[]): Result<TenantPolicy, string> {
  if (words.length === 1 && words[0]!.toLowerCase() === 'default') {
    return ok({});
  }
  if (words.length === 0 || words.length % 2 !== 0) {
    return fail(POLICY_USAGE);
  }
  const policy: TenantPolicy = {};
  for (let index = 0; index < words.length; index += 2) {
    const key = POLICY_WORDS[words[index]!.toLowerCase()];
    const value = Number(words[index + 1]);
    if (key === undefined) {
      return fail(`"${words[index]}" is not a policy setting. ${POLICY_USAGE}`);
    }
    const whole = key !== 'twoApproversAboveMonthlyCost';
    if (!Number.isFinite(value) || value <= 0 || (whole && !Number.isInteger(value))) {
      return fail(
        `${words[index]} takes a ${whole ? 'whole number' : 'number'} above 0, not "${words[index + 1]}".`,
      );
    }
    policy[key] = value;
  }
  return ok(policy);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

export const TENANT_ADD_EXAMPLE =
  'tenant add fabrikam 6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f approvers 2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182';

const USAGE =
  'Write `tenant add <name> <tenant id> approvers <group id>[,<group id>] [requesters <group id>,…] [certificate <client id> <certificate path>] [named "Display name"]`, ' +
  '`tenant check <name>`, `tenant suspend <name>`, `tenant resume <name>`, `tenant policy <name> …` or `tenant use <name>` (`tenant use home` to come back). ' +
  `For example: \`${TENANT_ADD_EXAMPLE}\`.`;

function nameProblem(name: string): string | undefined {
  return isTenantName(name)
    ? undefined
    : `"${name}" can't be a tenant's name: use lower-case letters, digits and dashes (at most 40), e.g. \`fabrikam\` or \`contoso-eu\`.`;
}

function groupIds(text: string, role: string): Result<string[], string> {
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  const bad = ids.find((id) => !GUID.test(id));
  if (ids.length === 0 || bad !== undefined) {
    return fail(
      `"${bad ?? text}" is not a group's object id: give the ${role} groups of that tenant by id (a GUID from Entra ID, Groups), separated by commas.`,
    );
  }
  return ok(ids);
}

/**
 * Reads the words after `tenant`. Only ids are taken (never group names): the groups live in the
 * other tenant's directory, which License Desk may not read before its admin consents.
 */
export function parseTenantCommand(text: string): Result<TenantCommand, string> {
  const words = text.trim().split(/\s+/);
  // split always gives at least one word (maybe empty).
  const verb = String(words[0]).toLowerCase();
  if (verb === 'check' || verb === 'suspend' || verb === 'resume' || verb === 'use') {
    const name = (words[1] ?? '').toLowerCase();
    if (words.length !== 2) {
      return fail(`Name one tenant: \`tenant ${verb} fabrikam\`.`);
    }
    const problem = verb === 'use' && name === 'home' ? undefined : nameProblem(name);
    return problem === undefined ? ok({ kind: verb, name }) : fail(problem);
  }
  if (verb === 'policy') {
    const name = (words[1] ?? '').toLowerCase();
    const problem = nameProblem(name);
    if (problem !== undefined) {
      return fail(problem);
    }
    const policy = parsePolicy(words.slice(2));
    return policy.ok ? ok({ kind: 'policy', name, policy: policy.value }) : policy;
  }
  if (verb !== 'add') {
    return fail(USAGE);
  }
  const match =
    /^add\s+(\S+)\s+(\S+)\s+approvers\s+(\S+)(?:\s+requesters\s+(\S+))?(?:\s+certificate\s+(\S+)\s+(\S+))?(?:\s+named\s+"([^"]+)")?\s*$/i.exec(
      text.trim(),
    );
  if (match === null) {
    return fail(USAGE);
  }
  const [, rawName = '', tenantId = '', approvers = '', requesters, clientId, path, displayName] =
    match;
  const name = rawName.toLowerCase();
  const problem =
    name === 'home'
      ? '`home` is the name of your own tenant: choose another name for the customer, e.g. its company name.'
      : nameProblem(name);
  if (problem !== undefined) {
    return fail(problem);
  }
  if (!GUID.test(tenantId)) {
    return fail(
      `"${tenantId}" is not a tenant id: give the customer's Directory (tenant) ID, a GUID from Entra ID, Overview.`,
    );
  }
  const approverGroupIds = groupIds(approvers, 'approver');
  if (!approverGroupIds.ok) {
    return approverGroupIds;
  }
  const requesterGroupIds = requesters === undefined ? ok([]) : groupIds(requesters, 'requester');
  if (!requesterGroupIds.ok) {
    return requesterGroupIds;
  }
  if (clientId !== undefined && !GUID.test(clientId)) {
    return fail(
      `"${clientId}" is not an application (client) id: give the id of the customer's own app registration, a GUID.`,
    );
  }
  return ok({
    kind: 'add',
    name,
    tenantId: tenantId.toLowerCase(),
    approverGroupIds: approverGroupIds.value,
    requesterGroupIds: requesterGroupIds.value,
    credential:
      clientId === undefined || path === undefined
        ? { kind: 'multiTenantApp' }
        : { kind: 'certificate', clientId, certificatePath: path },
    ...(displayName === undefined ? {} : { displayName: displayName.trim() }),
  });
}
