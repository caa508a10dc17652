import { compileUserRule } from '../dynamic/user-rule.ts';
import { evaluateGroupLicenses } from '../tenant/group-licensing.ts';
import { LicenseLedger } from '../tenant/license-ledger.ts';
import { holdsMailbox, smtpAddresses } from '../tenant/mailbox.ts';
import { stableGuid } from '../tenant/subscriptions.ts';
import type {
  SeedMembership,
  SeedSubscription,
  SimDevice,
  SimGroup,
  SimLicenseState,
  SimOrgContact,
  SimSku,
  SimUser,
  TenantSeed,
} from '../tenant/types.ts';
import { EMEA } from './demo-directory-data.ts';
import { DEMO_DOMAIN, DEMO_PEOPLE, DEMO_TENANT_ID } from './demo-people.ts';
import { MONTHLY_PRICES, PLANS, PLAN_RULES, SKUS, demoSku, type SkuName } from './demo-skus.ts';
import { createDemoUsers, type DemoUser } from './demo-users.ts';
import { createPrng, type Prng } from './prng.ts';

export { DEMO_PEOPLE, DEMO_TENANT_ID } from './demo-people.ts';
export type { DemoPerson } from './demo-people.ts';

const ASSIGNED_AT = '2026-10-01T08:00:00Z';
const SELECTED_SERVICES_OFF = [PLANS.SWAY, PLANS.YAMMER_ENTERPRISE];

/** A direct assignment, active since the seed's licensing date. */
export function direct(user: SimUser, sku: SkuName, disabledPlans: string[] = []): void {
  const state: SimLicenseState = {
    skuId: SKUS[sku],
    disabledPlans,
    assignedByGroup: null,
    state: 'Active',
    error: 'None',
    lastUpdatedDateTime: ASSIGNED_AT,
  };
  user.licenseAssignmentStates.push(state);
}

function shuffled<T>(items: readonly T[], rng: Prng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A security group (a Microsoft 365 group when not security-enabled) assigning those products. */
export function group(
  rng: Prng,
  displayName: string,
  memberIds: string[],
  licenses: SkuName[] = [],
  securityEnabled = true,
): SimGroup {
  return {
    id: rng.guid(),
    displayName,
    description: null,
    mailNickname: displayName.replace(/[^A-Za-z]/g, ''),
    mailEnabled: !securityEnabled,
    securityEnabled,
    groupTypes: securityEnabled ? [] : ['Unified'],
    createdDateTime: '2019-01-01T00:00:00.000Z',
    assignedLicenses: licenses.map((sku) => ({ skuId: SKUS[sku], disabledPlans: [] })),
    licenseProcessingState: licenses.length > 0 ? { state: 'ProcessingComplete' } : null,
    memberIds,
  };
}

/**
 * Members of "Sales" that are not people, as in a real tenant: shared kiosk devices (two per
 * 3,000 people, at least two) and one external partner's contact. They name the group in
 * `memberOf`, so the seed's `memberIds` stay people and groups.
 */
function salesOtherMembers(
  rng: Prng,
  salesId: string,
  scaled: (n: number) => number,
): { devices: (SimDevice & SeedMembership)[]; orgContacts: (SimOrgContact & SeedMembership)[] } {
  const kiosks = Math.max(2, scaled(2));
  const devices = Array.from({ length: kiosks }, (_, index) => ({
    id: rng.guid(),
    displayName: `Sales kiosk ${String(index + 1).padStart(2, '0')}`,
    deviceId: rng.guid(),
    operatingSystem: 'Windows',
    accountEnabled: true,
    memberOf: [salesId],
  }));
  const orgContacts = [
    {
      id: rng.guid(),
      displayName: 'Rob Young (Fabrikam)',
      mail: 'rob.young@fabrikam.com',
      memberOf: [salesId],
    },
  ];
  return { devices, orgContacts };
}

/** Direct licenses in the spirit of a real tenant: seat counts scale with the tenant's size. */
function assignDirectLicenses(people: DemoUser[], scaled: (n: number) => number, rng: Prng) {
  const [alex, megan, adele, isaiah] = people.map((p) => p.user);
  direct(alex!, 'SPE_E3');
  alex!.onPremisesExtensionAttributes.extensionAttribute10 = 'E3 All';
  direct(megan!, 'SPE_E5');
  megan!.onPremisesExtensionAttributes.extensionAttribute10 = 'E5 All';
  direct(adele!, 'SPE_E3', SELECTED_SERVICES_OFF);
  adele!.onPremisesExtensionAttributes.extensionAttribute10 = 'E3 with Selected Services';
  direct(isaiah!, 'POWER_BI_PRO');

  const generatedPeople = people.slice(DEMO_PEOPLE.length);
  const pool = shuffled(
    generatedPeople.filter(
      (p) => (p.kind === 'employee' || p.kind === 'manager') && p.user.accountEnabled,
    ),
    rng,
  );
  const take = (count: number) => pool.splice(0, Math.max(0, count)).map((p) => p.user);
  const executives = take(scaled(12) - 1);
  for (const user of executives) {
    user.jobTitle = `Vice President, ${user.department}`;
    user.onPremisesExtensionAttributes.extensionAttribute10 = 'E5 All';
  }
  const mutexContractors = generatedPeople
    .filter((p) => p.kind === 'contractor' && p.user.accountEnabled)
    .slice(0, scaled(3))
    .map((p) => p.user);
  for (const user of take(scaled(423) - executives.length - 2)) {
    direct(user, 'SPE_E5');
    user.onPremisesExtensionAttributes.extensionAttribute10 = 'E5 All';
  }
  for (const user of [...take(scaled(324) - 2 - mutexContractors.length), ...mutexContractors]) {
    const selected = rng.next() < 0.3;
    direct(user, 'SPE_E3', selected ? SELECTED_SERVICES_OFF : []);
    user.onPremisesExtensionAttributes.extensionAttribute10 = selected
      ? 'E3 with Selected Services'
      : 'E3 All';
  }
  for (const user of take(scaled(150) - 3)) {
    direct(user, 'POWER_BI_PRO');
  }
  for (const user of take(scaled(27))) {
    direct(user, 'PROJECTPROFESSIONAL');
  }
  for (const user of take(scaled(18))) {
    direct(user, 'EXCHANGEENTERPRISE');
  }
  for (const user of take(scaled(12))) {
    direct(user, 'ENTERPRISEPREMIUM');
  }
  const frontline = generatedPeople.filter((p) => p.kind === 'frontline' && p.user.accountEnabled);
  for (const { user } of frontline.slice(0, scaled(40))) {
    direct(user, 'SPE_F1');
  }
  return { executives, mutexContractors };
}

/** The demo's dynamic group: enabled people of Engineering, unlicensed. */
export const ENGINEERING_RULE =
  '(user.department -eq "Engineering") -and (user.accountEnabled -eq true)';

function dynamicGroup(rng: Prng, displayName: string, rule: string, users: SimUser[]): SimGroup {
  const compiled = compileUserRule(rule);
  const members = compiled.ok
    ? users.filter((user) => compiled.matches(user as unknown as Record<string, unknown>))
    : [];
  return {
    ...group(
      rng,
      displayName,
      members.map((user) => user.id),
    ),
    groupTypes: ['DynamicMembership'],
    membershipRule: rule,
    membershipRuleProcessingState: 'On',
  };
}

/**
 * Contractors in error for each reason an admin can fix: one works from a country where
 * Exchange Online Plan 1 may not be used (ProhibitedInUsageLocationViolation: set the usage
 * location), one carries an alias that an employee's mailbox already holds (UniquenessViolation:
 * fix the address, reprocess). The mutually exclusive ones hold E3 directly (remove it) and the
 * last to join find no seat (CountViolation: buy or free seats, reprocess).
 */
function contractorsInError(contractors: DemoUser[], mutexCount: number, users: SimUser[]): void {
  const [duplicate, abroad] = contractors.slice(mutexCount, mutexCount + 2).map((p) => p.user);
  // A generated employee, so that the Test Tool's cast keeps its own story.
  const mailboxOwner = users
    .slice(DEMO_PEOPLE.length)
    .find(
      (user) =>
        user.jobTitle?.includes('(Contractor)') !== true &&
        user.licenseAssignmentStates.some((state) => state.skuId === SKUS.SPE_E5),
    );
  if (duplicate && mailboxOwner?.mail) {
    duplicate.proxyAddresses = [...(duplicate.proxyAddresses ?? []), `smtp:${mailboxOwner.mail}`];
  }
  if (abroad) {
    abroad.usageLocation = 'CN';
  }
}

/** The demo's subscriptions: renewals spread over the year, one expiring soon, one lapsed. */
function demoSubscriptions(skus: SimSku[]): SeedSubscription[] {
  return skus.map((sku, index): SeedSubscription => {
    const base = {
      id: stableGuid(`${DEMO_TENANT_ID}/${sku.skuId}`),
      commerceSubscriptionId: stableGuid(`commerce/${DEMO_TENANT_ID}/${sku.skuId}`),
      skuId: sku.skuId,
      isTrial: false,
      createdDateTime: '2025-02-01T00:00:00Z',
    };
    if (sku.skuId === SKUS.ENTERPRISEPREMIUM) {
      // Office 365 E5 is not renewed (people move to Microsoft 365 E5): it expires in 21 days.
      return {
        ...base,
        status: 'Enabled',
        totalLicenses: sku.prepaidUnits.enabled,
        nextLifecycleInDays: 21,
      };
    }
    if (sku.skuId === SKUS.SPB) {
      // Business Premium expired: 30 days of grace (Warning), suspended in 12 days.
      return {
        ...base,
        status: 'Warning',
        totalLicenses: sku.prepaidUnits.warning,
        nextLifecycleInDays: 12,
      };
    }
    return {
      ...base,
      status: 'Enabled',
      totalLicenses: sku.prepaidUnits.enabled,
      nextLifecycleInDays: 45 + 30 * index,
    };
  });
}

/**
 * A demo tenant ("Contoso"), the same for the same (seed, size): realistic people and offices, the
 * Test Tool's cast, real SKUs with seats used by actual assignments, licensing groups already
 * processed (Contractors with members in error), kiosk devices and a partner's contact in
 * "Sales", prices and plan rules.
 */
export function createDemoTenantSeed(options: { seed?: number; size?: number } = {}): TenantSeed {
  const rng = createPrng(options.seed ?? 42);
  const size = Math.max(DEMO_PEOPLE.length, Math.floor(options.size ?? 3000));
  const scaled = (n: number) => Math.max(1, Math.round((n * size) / 3000));
  const people = createDemoUsers(rng, size);
  for (const { user } of people) {
    user.proxyAddresses = user.mail ? [`SMTP:${user.mail}`] : [];
  }
  const { executives, mutexContractors } = assignDirectLicenses(people, scaled, rng);
  const users = people.map((p) => p.user);
  const ids = (list: DemoUser[]) => list.map((p) => p.user.id);

  const employees = people.filter(
    (p) => (p.kind === 'employee' || p.kind === 'manager') && p.user.accountEnabled,
  );
  const contractors = people.filter((p) => p.kind === 'contractor' && p.user.accountEnabled);
  const sales = people.filter((p) => p.user.department === 'Sales' && p.kind !== 'contractor');
  const salesEmea = sales.filter((p) => EMEA.has(p.user.usageLocation ?? ''));
  const [megan, patti] = [DEMO_PEOPLE[1]!.id, DEMO_PEOPLE[4]!.id];
  const groups = [
    group(rng, 'All Employees', ids(employees), ['ENTERPRISEPACK']),
    group(rng, 'Executive Team', [patti, ...executives.map((u) => u.id)], ['SPE_E5']),
    group(rng, 'Contractors', ids(contractors), ['EXCHANGESTANDARD']),
    group(rng, 'License Approvers', [megan, patti]),
    group(rng, 'Sales EMEA', ids(salesEmea)),
    group(
      rng,
      'Marketing Team',
      ids(people.filter((p) => p.user.department === 'Marketing')),
      [],
      false,
    ),
  ];
  const emeaIds = new Set(ids(salesEmea));
  groups.splice(
    4,
    0,
    group(rng, 'Sales', [groups[4]!.id, ...ids(sales).filter((id) => !emeaIds.has(id))]),
  );
  const { devices, orgContacts } = salesOtherMembers(rng, groups[4]!.id, scaled);
  groups.push(dynamicGroup(rng, 'All Engineering (dynamic)', ENGINEERING_RULE, users));
  contractorsInError(contractors, mutexContractors.length, users);
  // Small tenants still buy enough seats for the cast and the people already licensed.
  const holders = (name: SkuName) =>
    users.filter((u) => u.licenseAssignmentStates.some((s) => s.skuId === SKUS[name])).length;
  const skus: SimSku[] = [
    demoSku('SPE_E5', Math.max(scaled(500), holders('SPE_E5') + executives.length + 2)),
    demoSku('SPE_E3', Math.max(scaled(400), holders('SPE_E3') + 1)),
    demoSku('ENTERPRISEPACK', employees.length + scaled(40)),
    demoSku('ENTERPRISEPREMIUM', scaled(50)),
    demoSku('STANDARDPACK', scaled(100)),
    // Contractors outnumber their mailboxes: the last ones to join got CountViolation (three
    // seats bought since, nobody reprocessed); two others fail for address and usage location.
    {
      ...demoSku(
        'EXCHANGESTANDARD',
        Math.max(0, contractors.length - mutexContractors.length - 2 - scaled(4)),
      ),
      prohibitedUsageLocations: ['CN'],
    },
    demoSku('EXCHANGEENTERPRISE', scaled(30)),
    demoSku('POWER_BI_PRO', Math.max(scaled(150), holders('POWER_BI_PRO'))),
    demoSku('SPE_F1', scaled(60)),
    // Over-used: seats were cut at renewal after the assignments were made.
    demoSku('PROJECTPROFESSIONAL', scaled(25)),
    demoSku('SPB', scaled(25)),
  ];
  processLicensingGroups(skus, users, groups);
  const exchange = skus.find((sku) => sku.skuId === SKUS.EXCHANGESTANDARD)!;
  exchange.prepaidUnits = { ...exchange.prepaidUnits, enabled: exchange.prepaidUnits.enabled + 3 };
  const spb = skus.find((sku) => sku.skuId === SKUS.SPB)!;
  spb.capabilityStatus = 'Warning';
  spb.prepaidUnits = { ...spb.prepaidUnits, enabled: 0, warning: spb.prepaidUnits.enabled };
  return {
    organization: {
      id: DEMO_TENANT_ID,
      displayName: 'Contoso',
      countryLetterCode: 'US',
      verifiedDomains: [{ name: DEMO_DOMAIN, isDefault: true, isInitial: true }],
    },
    skus,
    users,
    groups,
    devices,
    orgContacts,
    planRules: PLAN_RULES,
    subscriptions: demoSubscriptions(skus),
    monthlyPrices: MONTHLY_PRICES,
  };
}

/**
 * Runs group-based licensing once over every member, as Entra would have long ago; a member
 * without usage location takes the tenant's country.
 */
export function processLicensingGroups(
  skus: SimSku[],
  users: SimUser[],
  groups: SimGroup[],
  countryLetterCode = 'US',
): void {
  const ledger = new LicenseLedger(skus, PLAN_RULES, users);
  const owners = new Map<string, SimUser[]>();
  for (const user of users) {
    for (const address of smtpAddresses(user.proxyAddresses)) {
      owners.set(address, [...(owners.get(address) ?? []), user]);
    }
  }
  const addressTaken = (user: SimUser) =>
    smtpAddresses(user.proxyAddresses).some((address) =>
      (owners.get(address) ?? []).some(
        (owner) => owner !== user && holdsMailbox(ledger, owner.licenseAssignmentStates),
      ),
    );
  const licensing = groups.filter((g) => g.assignedLicenses.length > 0);
  const memberships = licensing.map((g) => new Set(g.memberIds));
  for (const user of users) {
    const mine = licensing.filter((_, index) => memberships[index]!.has(user.id));
    if (mine.length === 0) {
      continue;
    }
    const result = evaluateGroupLicenses(ledger, user, mine, countryLetterCode, ASSIGNED_AT, {
      addressTaken,
    });
    user.usageLocation = result.usageLocation;
    ledger.replaceStates(user, result.states);
  }
}
