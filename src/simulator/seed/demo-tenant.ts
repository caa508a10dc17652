import { evaluateGroupLicenses } from '../tenant/group-licensing.ts';
import { LicenseLedger } from '../tenant/license-ledger.ts';
import type {
  SeedMembership,
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

function direct(user: SimUser, sku: SkuName, disabledPlans: string[] = []): void {
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

function group(
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
  // Small tenants still buy enough seats for the cast and the people already licensed.
  const holders = (name: SkuName) =>
    users.filter((u) => u.licenseAssignmentStates.some((s) => s.skuId === SKUS[name])).length;
  const skus: SimSku[] = [
    demoSku('SPE_E5', Math.max(scaled(500), holders('SPE_E5') + executives.length + 2)),
    demoSku('SPE_E3', Math.max(scaled(400), holders('SPE_E3') + 1)),
    demoSku('ENTERPRISEPACK', employees.length + scaled(40)),
    demoSku('ENTERPRISEPREMIUM', scaled(50)),
    demoSku('STANDARDPACK', scaled(100)),
    // Contractors outnumber their mailboxes: the last ones to join get CountViolation.
    demoSku(
      'EXCHANGESTANDARD',
      Math.max(0, contractors.length - mutexContractors.length - scaled(4)),
    ),
    demoSku('EXCHANGEENTERPRISE', scaled(30)),
    demoSku('POWER_BI_PRO', Math.max(scaled(150), holders('POWER_BI_PRO'))),
    demoSku('SPE_F1', scaled(60)),
    // Over-used: seats were cut at renewal after the assignments were made.
    demoSku('PROJECTPROFESSIONAL', scaled(25)),
    demoSku('SPB', scaled(25)),
  ];
  processLicensingGroups(skus, users, groups);
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
    monthlyPrices: MONTHLY_PRICES,
  };
}

/** Runs group-based licensing once over every member, as Entra would have long ago. */
function processLicensingGroups(skus: SimSku[], users: SimUser[], groups: SimGroup[]): void {
  const ledger = new LicenseLedger(skus, PLAN_RULES, users);
  const licensing = groups.filter((g) => g.assignedLicenses.length > 0);
  const memberships = licensing.map((g) => new Set(g.memberIds));
  for (const user of users) {
    const mine = licensing.filter((_, index) => memberships[index]!.has(user.id));
    if (mine.length === 0) {
      continue;
    }
    const result = evaluateGroupLicenses(ledger, user, mine, 'US', ASSIGNED_AT);
    user.usageLocation = result.usageLocation;
    ledger.replaceStates(user, result.states);
  }
}
