import { describe, expect, it } from 'vitest';
import { previewRule, type RulePreviewPorts } from '../../../src/app/rules/preview-rule.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import type { RuleUser } from '../../../src/domain/dynamic-rules/rule-user.ts';
import { seededTemplates } from '../../../src/domain/templates/seeded-templates.ts';
import { MemoryPriceStore } from '../../../src/store/memory/memory-price-store.ts';
import { MemoryTemplateStore } from '../../../src/store/memory/memory-template-store.ts';
import { e3, exchangePlan1, powerBiPro, tenantSkus } from '../../domain/fixtures/tenant.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

const TENANT = 't1';

const person = (
  n: number,
  extra: Partial<DirectoryUser & RuleUser> = {},
): DirectoryUser & RuleUser => ({
  id: `u${n}`,
  displayName: `Person ${String(n).padStart(2, '0')}`,
  userPrincipalName: `person${n}@contoso.com`,
  usageLocation: 'US',
  accountEnabled: true,
  department: n % 3 === 0 ? 'Sales' : 'Engineering',
  assignedLicenses: [],
  onPremisesExtensionAttributes: { extensionAttribute10: n % 2 === 0 ? 'E3 All' : 'E5 All' },
  ...extra,
});

async function world(users: (DirectoryUser & RuleUser)[]) {
  const directory = new MemoryDirectory({
    skus: tenantSkus,
    users,
    organization: { tenantId: TENANT, displayName: 'Contoso', countryLetterCode: 'FR' },
  });
  const templates = new MemoryTemplateStore();
  for (const template of seededTemplates) {
    await templates.create({ ...template, tenantId: TENANT, updatedAt: '2026-12-01T00:00:00Z' });
  }
  const prices = new MemoryPriceStore();
  await prices.save({
    tenantId: TENANT,
    skuId: e3.skuId,
    monthlyAmount: 36,
    currency: 'USD',
    updatedAt: '2026-12-01T00:00:00Z',
  });
  const ports: RulePreviewPorts = { directory: sameForEveryTenant(directory), templates, prices };
  return { directory, ports };
}

const RULE = '(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")';

describe('previewRule', () => {
  it('counts the members over every user, names the first ten by name, and reads only what the rule needs', async () => {
    const users = Array.from({ length: 30 }, (_, i) => person(30 - i));
    const { directory, ports } = await world(users);
    const outcome = await previewRule(ports, TENANT, RULE);
    expect(outcome.kind).toBe('preview');
    const { preview } = outcome as Extract<typeof outcome, { kind: 'preview' }>;
    // Even numbers not divisible by 3, from 1 to 30: 2, 4, 8, 10, 14, 16, 20, 22, 26, 28.
    expect(preview).toMatchObject({ userCount: 30, memberCount: 10 });
    expect(preview.licensing).toBeUndefined();
    expect(preview.sample.map((member) => member.displayName)).toEqual(
      [2, 4, 8, 10, 14, 16, 20, 22, 26, 28].map((n) => `Person ${String(n).padStart(2, '0')}`),
    );
    expect(preview.entraRule).toBe(
      'user.extensionAttribute10 -eq "E3 All" -and user.department -ne "Sales"',
    );
    expect(directory.calls).toContain(
      'listUsersWithProperties department,onPremisesExtensionAttributes',
    );
  });

  it('with a SKU, says who would get it, who holds it, seats, usage locations, conflicts and cost', async () => {
    const { ports } = await world([
      person(2),
      person(4, { assignedLicenses: [{ skuId: e3.skuId, disabledPlans: [] }] }),
      person(8, { usageLocation: null }),
      person(10, { assignedLicenses: [{ skuId: exchangePlan1.skuId, disabledPlans: [] }] }),
      person(3),
    ]);
    const outcome = await previewRule(ports, TENANT, RULE, { name: 'SPE_E3' });
    const { preview } = outcome as Extract<typeof outcome, { kind: 'preview' }>;
    expect(preview.memberCount).toBe(4);
    expect(preview.licensing?.license).toBe('Microsoft 365 E3');
    expect(preview.licensing?.figures).toMatchObject({
      memberCount: 4,
      gainingCount: 3,
      alreadyHoldCount: 1,
      withoutUsageLocation: 1,
      tenantCountry: 'FR',
      seats: [{ partNumber: 'SPE_E3', needed: 3, free: 76, shortfall: 0, monthlyCost: 108 }],
      cost: [{ currency: 'USD', amount: 108 }],
    });
  });

  it('with a template, counts each of its SKUs', async () => {
    const { ports } = await world([
      person(2),
      person(4, { assignedLicenses: [{ skuId: powerBiPro.skuId, disabledPlans: [] }] }),
    ]);
    const outcome = await previewRule(ports, TENANT, RULE, { name: 'standard employee' });
    const { preview } = outcome as Extract<typeof outcome, { kind: 'preview' }>;
    expect(preview.licensing?.license).toBe('Microsoft 365 E3 and Power BI Pro');
    expect(preview.licensing?.figures.seats.map((seat) => [seat.partNumber, seat.needed])).toEqual([
      ['SPE_E3', 2],
      ['POWER_BI_PRO', 1],
    ]);
    expect(preview.licensing?.figures.unpriced).toEqual(['Power BI Pro']);
  });

  it('answers a syntax error with where and what was expected, before reading anyone', async () => {
    const { directory, ports } = await world([person(2)]);
    const outcome = await previewRule(ports, TENANT, 'user.department -eq Sales');
    expect(outcome).toMatchObject({
      kind: 'syntaxError',
      rule: 'user.department -eq Sales',
      error: { position: 20, end: 25, expected: 'a value in quotes' },
    });
    expect(directory.calls).toEqual([]);
  });

  it('says which license it cannot find, or asks which one was meant', async () => {
    const { ports } = await world([person(2)]);
    expect(await previewRule(ports, TENANT, RULE, { name: 'Microsoft 365 E4' })).toMatchObject({
      kind: 'licenseProblem',
      message: expect.stringContaining('I can\'t find the license "Microsoft 365 E4"'),
    });
    expect(await previewRule(ports, TENANT, RULE, { name: 'Exchange Online' })).toMatchObject({
      kind: 'licenseProblem',
      choices: expect.arrayContaining([expect.stringContaining('Exchange Online')]),
    });
  });
});
