import { describe, expect, it } from 'vitest';
import { seedTemplates } from '../../../src/app/templates/seed-templates.ts';
import {
  describeTemplates,
  TEMPLATES_PAGE_SIZE,
} from '../../../src/app/templates/templates-view.ts';
import type { Sku } from '../../../src/domain/licensing.ts';
import { seededTemplates } from '../../../src/domain/templates/seeded-templates.ts';
import { MemoryTemplateStore } from '../../../src/store/memory/memory-template-store.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

const sku = (skuPartNumber: string, plans: string[]): Sku => ({
  skuId: `sku-${skuPartNumber}`,
  skuPartNumber,
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: 1,
  prepaidUnits: { enabled: 10, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: plans.map((name) => ({ servicePlanId: `id-${name}`, servicePlanName: name })),
});

// The tenant has Exchange Online (Plan 1) and Microsoft 365 F3, and nothing else seeded uses.
const tenant = [
  sku('EXCHANGESTANDARD', ['EXCHANGE_S_STANDARD', 'BPOS_S_TODO_1']),
  sku('SPE_F1', ['TEAMS1', 'SHAREPOINTDESKLESS']),
];
const NOW = new Date('2026-11-23T10:00:00Z');

describe('seeding templates', () => {
  it("records each SKU's plans as the tenant has them, and leaves a SKU it lacks unstamped", async () => {
    const templates = new MemoryTemplateStore();
    const directory = new MemoryDirectory({ skus: tenant });
    expect(await seedTemplates({ directory, templates }, 't1', seededTemplates, NOW)).toEqual({
      seeded: 4,
      stamped: 0,
      skusRead: true,
    });
    const emailOnly = await templates.get('t1', 'email-only');
    expect(emailOnly?.value.licenses[0]?.knownPlans).toEqual([
      'EXCHANGE_S_STANDARD',
      'BPOS_S_TODO_1',
    ]);
    const executive = await templates.get('t1', 'executive');
    expect(executive?.value.licenses.every((l) => l.knownPlans === undefined)).toBe(true);
    // Once per tenant: a second start writes nothing.
    expect(await seedTemplates({ directory, templates }, 't1', seededTemplates, NOW)).toEqual({
      seeded: 0,
      stamped: 0,
      skusRead: true,
    });
  });

  it('stamps at a later start what it could not: a product bought since, or templates seeded before', async () => {
    const templates = new MemoryTemplateStore();
    // Seeded by an earlier version, which recorded no plans.
    await templates.seedDefaults('t1', seededTemplates, NOW);
    await templates.create({
      id: 'own',
      tenantId: 't1',
      updatedAt: NOW.toISOString(),
      name: 'Own',
      licenses: [{ skuPartNumber: 'SPE_F1', enabledPlans: 'all' }],
    });
    const emailBefore = await templates.get('t1', 'email-only');
    const bought = [...tenant, sku('SPE_E5', ['TEAMS1', 'EXCHANGE_S_ENTERPRISE'])];
    const directory = new MemoryDirectory({ skus: bought });
    // Email Only, Frontline Worker and Executive (E5 only: Project Plan 3 is still missing).
    expect(await seedTemplates({ directory, templates }, 't1', seededTemplates, NOW)).toEqual({
      seeded: 0,
      stamped: 3,
      skusRead: true,
    });
    const executive = (await templates.get('t1', 'executive'))!.value.licenses;
    expect(executive.map((l) => l.knownPlans)).toEqual([
      ['TEAMS1', 'EXCHANGE_S_ENTERPRISE'],
      undefined,
    ]);
    const email = await templates.get('t1', 'email-only');
    expect(email?.value.updatedAt).toBe(emailBefore?.value.updatedAt);
    expect(email?.etag).not.toBe(emailBefore?.etag);
    expect((await templates.get('t1', 'own'))?.value.licenses[0]?.knownPlans).toBeUndefined();
    // Plans once recorded stay as recorded, so a later change still shows as drift.
    const changed = new MemoryDirectory({
      skus: [sku('EXCHANGESTANDARD', ['EXCHANGE_S_STANDARD']), ...bought.slice(1)],
    });
    expect(
      await seedTemplates({ directory: changed, templates }, 't1', seededTemplates, NOW),
    ).toEqual({ seeded: 0, stamped: 0, skusRead: true });
    expect((await templates.get('t1', 'email-only'))?.value.licenses[0]?.knownPlans).toEqual([
      'EXCHANGE_S_STANDARD',
      'BPOS_S_TODO_1',
    ]);
  });
});

describe('seeding while Graph cannot be read', () => {
  it('seeds without plans instead of failing the start, and a later start stamps them', async () => {
    const templates = new MemoryTemplateStore();
    const down = { listSkus: () => Promise.reject(new Error('Graph 503: service unavailable')) };
    expect(await seedTemplates({ directory: down, templates }, 't1', seededTemplates, NOW)).toEqual(
      { seeded: 4, stamped: 0, skusRead: false },
    );
    const seeded = await templates.list('t1');
    expect(seeded.flatMap(({ value }) => value.licenses.map((l) => l.knownPlans))).toEqual(
      seeded.flatMap(({ value }) => value.licenses.map(() => undefined)),
    );

    const directory = new MemoryDirectory({ skus: tenant });
    expect(await seedTemplates({ directory, templates }, 't1', seededTemplates, NOW)).toEqual({
      seeded: 0,
      stamped: 2,
      skusRead: true,
    });
    expect((await templates.get('t1', 'email-only'))?.value.licenses[0]?.knownPlans).toEqual([
      'EXCHANGE_S_STANDARD',
      'BPOS_S_TODO_1',
    ]);
  });
});

describe('the templates list', () => {
  it('pages the templates by name, with each one’s drift against the tenant', async () => {
    const templates = new MemoryTemplateStore();
    const directory = new MemoryDirectory({ skus: tenant });
    await seedTemplates({ directory, templates }, 't1', seededTemplates, NOW);
    for (let i = 1; i <= TEMPLATES_PAGE_SIZE; i += 1) {
      await templates.create({
        id: `t-${i}`,
        tenantId: 't1',
        updatedAt: NOW.toISOString(),
        name: `Zone ${i}`,
        licenses: [{ skuPartNumber: 'SPE_F1', enabledPlans: 'all' }],
      });
    }
    const first = await describeTemplates({ directory, templates }, 't1');
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 4 + TEMPLATES_PAGE_SIZE });
    expect(first.items.map((item) => item.template.name).slice(0, 4)).toEqual([
      'Email Only',
      'Executive',
      'Frontline Worker',
      'Standard Employee',
    ]);
    expect(first.items.find((i) => i.template.name === 'Email Only')?.drift).toEqual([]);
    expect(first.items.find((i) => i.template.name === 'Executive')?.drift[0]?.message).toMatch(
      /^This tenant does not have Microsoft 365 E5/,
    );
    const second = await describeTemplates({ directory, templates }, 't1', 2);
    expect(second.items.map((item) => item.template.name)).toEqual([
      'Zone 5',
      'Zone 6',
      'Zone 7',
      'Zone 8',
    ]);
    expect(second.items.every((item) => item.etag !== '')).toBe(true);
  });
});
