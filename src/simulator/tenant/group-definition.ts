import { compileUserRule, type PropertyReader } from '../dynamic/user-rule.ts';
import { badRequest, failure, success } from './graph-errors.ts';
import type { Outcome, SimGroup } from './types.ts';

/** What `POST /groups` creates and `PATCH /groups/{id}` may change, checked like Graph. */
export type GroupDefinition = Pick<
  SimGroup,
  | 'displayName'
  | 'description'
  | 'mailNickname'
  | 'mailEnabled'
  | 'securityEnabled'
  | 'groupTypes'
  | 'membershipRule'
  | 'membershipRuleProcessingState'
>;

const DYNAMIC = 'DynamicMembership';
const GROUP_TYPES = ['Unified', DYNAMIC];

const invalid = <T>(property: string) =>
  failure<T>(badRequest(`Invalid value specified for property '${property}' of resource 'Group'.`));

/** The rule compiled, or Graph's 400 with Entra's validation detail and where it goes wrong. */
export function compileMembershipRule(rule: string): Outcome<(read: PropertyReader) => boolean> {
  const compiled = compileUserRule(rule);
  if (!compiled.ok) {
    return failure(
      badRequest(
        `Dynamic membership rule validation error: ${compiled.error.message} (at character ${compiled.error.position + 1})`,
      ),
    );
  }
  return success(compiled.matchesReader);
}

/** Checks that the dynamic parts agree: a rule exactly when `groupTypes` holds DynamicMembership. */
function checkDynamic(definition: GroupDefinition): Outcome<GroupDefinition> {
  const dynamic = definition.groupTypes.includes(DYNAMIC);
  if (!dynamic) {
    if (definition.membershipRule) {
      return failure(
        badRequest(
          "Property 'membershipRule' can only be set on a group whose groupTypes contain 'DynamicMembership'.",
        ),
      );
    }
    return success({ ...definition, membershipRule: null, membershipRuleProcessingState: null });
  }
  if (!definition.membershipRule) {
    return failure(
      badRequest("A group whose groupTypes contain 'DynamicMembership' needs a 'membershipRule'."),
    );
  }
  const compiled = compileMembershipRule(definition.membershipRule);
  if (!compiled.ok) {
    return failure(compiled.error);
  }
  return success({
    ...definition,
    membershipRuleProcessingState: definition.membershipRuleProcessingState ?? 'On',
  });
}

function readText(
  body: Record<string, unknown>,
  property: string,
  nullable: boolean,
): Outcome<string | null | undefined> {
  const value = body[property];
  if (value === undefined || (nullable && value === null)) {
    return success(value);
  }
  if (typeof value !== 'string' || (!nullable && value.trim() === '')) {
    return invalid(property);
  }
  return success(value);
}

function readGroupTypes(value: unknown): Outcome<string[] | undefined> {
  if (value === undefined) {
    return success(undefined);
  }
  if (
    !Array.isArray(value) ||
    value.some((type) => typeof type !== 'string' || !GROUP_TYPES.includes(type))
  ) {
    return invalid('groupTypes');
  }
  return success([...new Set(value as string[])]);
}

function readProcessingState(value: unknown): Outcome<'On' | 'Paused' | null | undefined> {
  if (value === undefined || value === null || value === 'On' || value === 'Paused') {
    return success(value);
  }
  return invalid('membershipRuleProcessingState');
}

function asObject(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

const CREATABLE = [
  'displayName',
  'description',
  'mailNickname',
  'mailEnabled',
  'securityEnabled',
  'groupTypes',
  'membershipRule',
  'membershipRuleProcessingState',
];

/**
 * A `POST /groups` body: displayName, mailEnabled, mailNickname and securityEnabled are required;
 * a mail-enabled security group cannot be created through Graph; a dynamic group needs a valid rule.
 */
export function parseGroupCreate(body: unknown): Outcome<GroupDefinition> {
  const fields = asObject(body);
  if (!fields) {
    return failure(badRequest('Empty Payload. JSON content expected.'));
  }
  const unknown = Object.keys(fields).find(
    (key) => !CREATABLE.includes(key) && !BINDINGS.includes(key),
  );
  if (unknown !== undefined) {
    return failure(
      badRequest(
        `Property '${unknown}' does not exist as a declared property or extension property.`,
      ),
    );
  }
  const displayName = readText(fields, 'displayName', false);
  const mailNickname = readText(fields, 'mailNickname', false);
  const description = readText(fields, 'description', true);
  const membershipRule = readText(fields, 'membershipRule', true);
  const groupTypes = readGroupTypes(fields['groupTypes']);
  const state = readProcessingState(fields['membershipRuleProcessingState']);
  if (!displayName.ok) {
    return failure(displayName.error);
  }
  if (!mailNickname.ok) {
    return failure(mailNickname.error);
  }
  if (typeof displayName.value !== 'string') {
    return invalid('displayName');
  }
  if (typeof mailNickname.value !== 'string') {
    return invalid('mailNickname');
  }
  for (const name of ['mailEnabled', 'securityEnabled']) {
    if (typeof fields[name] !== 'boolean') {
      return invalid(name);
    }
  }
  if (!description.ok || !membershipRule.ok || !groupTypes.ok || !state.ok) {
    const error = [description, membershipRule, groupTypes, state].find((o) => !o.ok);
    return failure(error && !error.ok ? error.error : badRequest('Invalid group.'));
  }
  const types = groupTypes.value ?? [];
  if (fields['mailEnabled'] === true && !types.includes('Unified')) {
    return failure(
      badRequest('Cannot create a mail-enabled security groups and or distribution list.'),
    );
  }
  return checkDynamic({
    displayName: displayName.value,
    mailNickname: mailNickname.value,
    description: description.value ?? null,
    mailEnabled: fields['mailEnabled'] as boolean,
    securityEnabled: fields['securityEnabled'] as boolean,
    groupTypes: types,
    membershipRule: membershipRule.value ?? null,
    membershipRuleProcessingState: state.value ?? null,
  });
}

const BINDINGS = ['members@odata.bind', 'owners@odata.bind'];

/** The object id a Graph reference names (`…/v1.0/directoryObjects/{id}`, `…/users/{id}`…). */
export function referencedId(reference: unknown): string | undefined {
  if (typeof reference !== 'string') {
    return undefined;
  }
  const match =
    /^https:\/\/graph\.microsoft\.com\/v1\.0\/(?:directoryObjects|users|groups|devices|contacts)(?:\/|\(')([^/')]+)'?\)?$/i.exec(
      reference,
    );
  return match?.[1];
}

/** References a `POST /groups` body binds: members and owners, as object ids. */
export interface GroupBindings {
  members: string[];
  owners: string[];
}

/**
 * `members@odata.bind` and `owners@odata.bind` of a `POST /groups` body (at most 20 together, as
 * Graph allows); a dynamic group takes no members by hand.
 */
export function parseGroupBindings(body: unknown, dynamic: boolean): Outcome<GroupBindings> {
  const fields = asObject(body) ?? {};
  const read = (key: string): Outcome<string[]> => {
    const value = fields[key];
    if (value === undefined) {
      return success([]);
    }
    const ids = Array.isArray(value) ? value.map(referencedId) : [undefined];
    if (ids.some((id) => id === undefined)) {
      return failure(
        badRequest(
          `Invalid value specified for property '${key}': expected an array of references such as https://graph.microsoft.com/v1.0/directoryObjects/{id}.`,
        ),
      );
    }
    return success(ids as string[]);
  };
  const members = read('members@odata.bind');
  const owners = read('owners@odata.bind');
  if (!members.ok) {
    return members;
  }
  if (!owners.ok) {
    return owners;
  }
  if (members.value.length + owners.value.length > 20) {
    return failure(
      badRequest('A maximum of 20 members and owners can be added when a group is created.'),
    );
  }
  if (dynamic && members.value.length > 0) {
    return failure(
      badRequest(
        'Members cannot be added to a group whose membership is dynamic: its rule decides.',
      ),
    );
  }
  return success({ members: members.value, owners: owners.value });
}

const READ_ONLY = [
  'id',
  'createdDateTime',
  'assignedLicenses',
  'licenseProcessingState',
  'hasMembersWithLicenseErrors',
];
const PATCHABLE = [
  'displayName',
  'description',
  'mailNickname',
  'groupTypes',
  'membershipRule',
  'membershipRuleProcessingState',
];

/**
 * A `PATCH /groups/{id}` body applied to the group's definition: name, description, nickname,
 * the rule and its processing state, and `groupTypes` (adding or removing DynamicMembership turns
 * a group dynamic or static; Unified cannot change).
 */
export function parseGroupPatch(group: SimGroup, body: unknown): Outcome<GroupDefinition> {
  const fields = asObject(body);
  if (!fields) {
    return failure(badRequest('Empty Payload. JSON content expected.'));
  }
  const next: GroupDefinition = {
    displayName: group.displayName,
    description: group.description,
    mailNickname: group.mailNickname,
    mailEnabled: group.mailEnabled,
    securityEnabled: group.securityEnabled,
    groupTypes: [...group.groupTypes],
    membershipRule: group.membershipRule ?? null,
    membershipRuleProcessingState: group.membershipRuleProcessingState ?? null,
  };
  for (const key of Object.keys(fields)) {
    if (READ_ONLY.includes(key)) {
      return failure(badRequest(`Property '${key}' is read-only and cannot be set.`));
    }
    if (!PATCHABLE.includes(key)) {
      return failure(
        badRequest(
          `Property '${key}' does not exist as a declared property or extension property.`,
        ),
      );
    }
  }
  for (const name of ['displayName', 'mailNickname'] as const) {
    const outcome = readText(fields, name, false);
    if (!outcome.ok) {
      return failure(outcome.error);
    }
    if (outcome.value !== undefined && outcome.value !== null) {
      next[name] = outcome.value;
    }
  }
  const description = readText(fields, 'description', true);
  const rule = readText(fields, 'membershipRule', true);
  const types = readGroupTypes(fields['groupTypes']);
  const state = readProcessingState(fields['membershipRuleProcessingState']);
  if (!description.ok) {
    return failure(description.error);
  }
  if (!rule.ok) {
    return failure(rule.error);
  }
  if (!types.ok) {
    return failure(types.error);
  }
  if (!state.ok) {
    return failure(state.error);
  }
  if (description.value !== undefined) {
    next.description = description.value;
  }
  if (types.value !== undefined) {
    if (types.value.includes('Unified') !== group.groupTypes.includes('Unified')) {
      return invalid('groupTypes');
    }
    next.groupTypes = types.value;
  }
  if (rule.value !== undefined) {
    next.membershipRule = rule.value;
  }
  if (state.value !== undefined) {
    next.membershipRuleProcessingState = state.value;
  }
  if (!next.groupTypes.includes(DYNAMIC) && rule.value === undefined) {
    // Turning a dynamic group static drops its rule; its members stay, now assigned ones.
    next.membershipRule = null;
  }
  return checkDynamic(next);
}
