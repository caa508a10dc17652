import type { AssignedPlanRecord, RuleUser } from '../domain/dynamic-rules/rule-user.ts';
import { UnexpectedGraphResponseError } from './directory-records.ts';
import type { TextPool } from './user-record.ts';

type Record_ = Record<string, unknown>;

/** The fields of a rule's user that `toUser` does not read. */
export type RuleOnlyFields = Pick<
  RuleUser,
  'companyName' | 'state' | 'onPremisesExtensionAttributes' | 'proxyAddresses' | 'assignedPlans'
>;

const isRecord = (value: unknown): value is Record_ =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string | null | undefined =>
  value === undefined || value === null || typeof value === 'string';

function bad(what: string): never {
  throw new UnexpectedGraphResponseError(`Graph returned a user whose ${what} cannot be read`);
}

/**
 * What a dynamic rule reads of a Graph user besides the licensing fields `toUser` reads:
 * company, state, extension attributes, proxy addresses and assigned plans (only those that were
 * selected are present). Repeated texts (plan ids, statuses, companies) go through `pool`.
 */
export function readRuleFields(value: unknown, pool: TextPool): RuleOnlyFields {
  const item = isRecord(value) ? value : bad('record');
  const fields: RuleOnlyFields = {};
  for (const name of ['companyName', 'state'] as const) {
    const text = item[name];
    if (!isText(text)) {
      bad(name);
    }
    if (text !== undefined) {
      fields[name] = text === null ? null : pool.intern(text);
    }
  }
  const extensions = item['onPremisesExtensionAttributes'];
  if (extensions !== undefined) {
    if (
      extensions !== null &&
      (!isRecord(extensions) || !Object.values(extensions).every(isText))
    ) {
      bad('onPremisesExtensionAttributes');
    }
    fields.onPremisesExtensionAttributes = extensions;
  }
  const addresses = item['proxyAddresses'];
  if (addresses !== undefined) {
    if (!Array.isArray(addresses) || !addresses.every((address) => typeof address === 'string')) {
      bad('proxyAddresses');
    }
    fields.proxyAddresses = addresses;
  }
  const plans = item['assignedPlans'];
  if (plans !== undefined) {
    fields.assignedPlans = Array.isArray(plans)
      ? plans.map((plan) => readPlan(plan, pool))
      : bad('assignedPlans');
  }
  return fields;
}

function readPlan(value: unknown, pool: TextPool): AssignedPlanRecord {
  if (!isRecord(value)) {
    bad('assignedPlans');
  }
  const plan: AssignedPlanRecord = {};
  for (const name of ['servicePlanId', 'capabilityStatus', 'service'] as const) {
    const text = value[name];
    if (!isText(text)) {
      bad('assignedPlans');
    }
    plan[name] = text === undefined || text === null ? null : pool.intern(text);
  }
  return plan;
}
