import type { SimSku, SimUser, TenantSeed } from '../tenant/types.ts';
import { OFFICES } from './demo-directory-data.ts';
import { MONTHLY_PRICES, PLAN_RULES, SKUS, demoSku, type SkuName } from './demo-skus.ts';
import { direct, group, processLicensingGroups } from './demo-tenant.ts';
import { castUser, withGeneratedUsers, type DemoUser } from './demo-users.ts';
import { FABRIKAM_DOMAIN, FABRIKAM_PEOPLE, FABRIKAM_TENANT_ID } from './fabrikam-people.ts';
import { createPrng } from './prng.ts';

export { FABRIKAM_DOMAIN, FABRIKAM_PEOPLE, FABRIKAM_TENANT_ID } from './fabrikam-people.ts';

/** Mixed into the seed so that Fabrikam drawn from the demo's seed still has ids of its own. */
const FABRIKAM_SALT = 0xfab1;

function fabrikamCast(): DemoUser[] {
  const london = OFFICES.find((office) => office.city === 'London')!;
  const [fiona, felix, freya] = FABRIKAM_PEOPLE.map((person) => castUser(person, london)) as [
    SimUser,
    SimUser,
    SimUser,
  ];
  felix.managerId = fiona.id;
  freya.managerId = fiona.id;
  return [
    { user: fiona, kind: 'manager' },
    { user: felix, kind: 'manager' },
    { user: freya, kind: 'employee' },
  ];
}

/**
 * A second demo tenant ("Fabrikam Ltd", a customer of an MSP): smaller than the demo (300
 * people by default), in London, with Microsoft 365 E3 and E5 on other seat counts than the
 * demo's and Visio Plan 2 of its own. Sales get E3 from "Fabrikam Sales"; managers hold E5.
 */
export function createFabrikamTenantSeed(
  options: { seed?: number; size?: number } = {},
): TenantSeed {
  const rng = createPrng((options.seed ?? 42) ^ FABRIKAM_SALT);
  const size = Math.max(FABRIKAM_PEOPLE.length, Math.floor(options.size ?? 300));
  const [fiona, felix] = FABRIKAM_PEOPLE.map((p) => p.id) as [string, string];
  const people = withGeneratedUsers(rng, fabrikamCast(), size, FABRIKAM_DOMAIN, {
    headId: fiona,
    salesLeadId: felix,
  });
  const users = people.map((p) => p.user);
  for (const user of users) {
    user.proxyAddresses = user.mail ? [`SMTP:${user.mail}`] : [];
  }
  const enabled = people.filter((p) => p.user.accountEnabled);
  for (const { user, kind } of enabled) {
    if (kind === 'manager' && user.id !== felix) {
      direct(user, 'SPE_E5');
    }
  }
  const designers = enabled.filter((p) => p.user.department === 'Engineering').slice(0, 10);
  for (const { user } of designers) {
    direct(user, 'VISIOCLIENT');
  }
  const sales = enabled.filter((p) => p.user.department === 'Sales' && p.kind !== 'contractor');
  const engineering = enabled.filter((p) => p.user.department === 'Engineering');
  const ids = (list: DemoUser[]) => list.map((p) => p.user.id);
  const groups = [
    group(rng, 'Fabrikam Sales', ids(sales), ['SPE_E3']),
    group(rng, 'Fabrikam License Admins', [fiona]),
    group(rng, 'Fabrikam Engineering', ids(engineering)),
  ];
  const holders = (name: SkuName) =>
    users.filter((u) => u.licenseAssignmentStates.some((s) => s.skuId === SKUS[name])).length;
  const skus: SimSku[] = [
    demoSku('SPE_E3', sales.length + 25),
    demoSku('SPE_E5', holders('SPE_E5') + 5),
    demoSku('VISIOCLIENT', designers.length + 5),
  ];
  processLicensingGroups(skus, users, groups, 'GB');
  const price = (name: SkuName) => MONTHLY_PRICES[SKUS[name]]!;
  return {
    organization: {
      id: FABRIKAM_TENANT_ID,
      displayName: 'Fabrikam Ltd',
      countryLetterCode: 'GB',
      verifiedDomains: [{ name: FABRIKAM_DOMAIN, isDefault: true, isInitial: true }],
    },
    skus,
    users,
    groups,
    planRules: PLAN_RULES,
    monthlyPrices: {
      [SKUS.SPE_E3]: price('SPE_E3'),
      [SKUS.SPE_E5]: price('SPE_E5'),
      [SKUS.VISIOCLIENT]: { amount: 15, currency: 'USD' },
    },
  };
}
