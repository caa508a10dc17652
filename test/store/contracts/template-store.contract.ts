import { describe, expect, it } from 'vitest';
import type { StoredTemplate, TemplateStore } from '../../../src/app/ports/template-store.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import { seededTemplates } from '../../../src/domain/templates/seeded-templates.ts';
import { freshTenant } from '../support/embedded-store.ts';

const now = new Date('2026-11-20T09:00:00.000Z');

const template = (tenantId: string, overrides: Partial<StoredTemplate> = {}): StoredTemplate => ({
  id: 'sales',
  tenantId,
  name: 'Sales',
  description: 'E3 and Power BI Pro',
  licenses: [
    { skuPartNumber: 'SPE_E3', enabledPlans: ['TEAMS1', 'EXCHANGE_S_ENTERPRISE'] },
    { skuPartNumber: 'POWER_BI_PRO', enabledPlans: 'all' },
  ],
  updatedAt: now.toISOString(),
  ...overrides,
});

const created = async (store: TemplateStore, value: StoredTemplate) => {
  const result = await store.create(value);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
};

/** What every `TemplateStore` must do, whatever keeps the data. */
export function templateStoreContract(name: string, makeStore: () => TemplateStore): void {
  describe(`${name} as a template store`, () => {
    it('gives back a created template, and lists it only for its tenant', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const saved = await created(store, template(tenantId));
      expect(saved.value).toEqual(template(tenantId));
      expect(await store.get(tenantId, 'sales')).toEqual(saved);
      expect(await store.list(tenantId)).toEqual([saved]);
      expect(await store.list(freshTenant())).toEqual([]);
    });

    it('refuses a second template with the same name in any case, but not in another tenant', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await created(store, template(tenantId));
      const clash = await store.create(template(tenantId, { id: 'sales-2', name: '  SALES ' }));
      expect(clash).toEqual({
        ok: false,
        failure: { code: 'TEMPLATE_NAME_TAKEN', message: expect.stringContaining('"SALES"') },
      });
      expect(await store.list(tenantId)).toHaveLength(1);
      expect((await store.create(template(freshTenant()))).ok).toBe(true);
    });

    it('edits with the ETag read, refuses a stale one, and frees the old name on rename', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const first = await created(store, template(tenantId));
      const renamed = await store.update(template(tenantId, { name: 'Sales EMEA' }), first.etag);
      if (!renamed.ok) {
        throw new Error(renamed.failure.message);
      }
      expect(renamed.value.value.name).toBe('Sales EMEA');
      await expect(
        store.update(template(tenantId, { name: 'Sales AMER' }), first.etag),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      // The old name is free again; the new one is held.
      expect((await store.create(template(tenantId, { id: 'sales-new' }))).ok).toBe(true);
      const clash = await store.create(template(tenantId, { id: 'other', name: 'sales emea' }));
      expect(clash.ok).toBe(false);
      // A refused rename keeps the template as it was.
      const refused = await store.update(template(tenantId, { name: 'SALES' }), renamed.value.etag);
      expect(refused.ok).toBe(false);
      expect((await store.get(tenantId, 'sales'))?.value.name).toBe('Sales EMEA');
    });

    it('deletes with the ETag read and frees the name', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const first = await created(store, template(tenantId));
      const edited = await store.update(template(tenantId, { description: 'Changed' }), first.etag);
      await expect(store.delete(tenantId, 'sales', first.etag)).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );
      expect(edited.ok && (await store.delete(tenantId, 'sales', edited.value.etag))).toBe(true);
      expect(await store.get(tenantId, 'sales')).toBeNull();
      expect(await store.delete(tenantId, 'sales', 'whatever')).toBe(false);
      expect((await store.create(template(tenantId, { id: 'again' }))).ok).toBe(true);
    });

    it('seeds the default templates once, even when asked again or after an admin deletes one', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const [first, again] = await Promise.all([
        store.seedDefaults(tenantId, seededTemplates, now),
        store.seedDefaults(tenantId, seededTemplates, now),
      ]);
      expect(first.seeded + again.seeded).toBe(4);
      const listed = await store.list(tenantId);
      expect(listed.map((t) => t.value.name)).toEqual([
        'Email Only',
        'Executive',
        'Frontline Worker',
        'Standard Employee',
      ]);
      const executive = listed.find((t) => t.value.id === 'executive')!;
      await store.delete(tenantId, 'executive', executive.etag);
      expect(await store.seedDefaults(tenantId, seededTemplates, now)).toEqual({ seeded: 0 });
      expect(await store.list(tenantId)).toHaveLength(3);
    });

    it("keeps an admin's template when a seeded one would take its name", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await created(store, template(tenantId, { id: 'mine', name: 'executive' }));
      expect(await store.seedDefaults(tenantId, seededTemplates, now)).toEqual({ seeded: 3 });
      expect((await store.get(tenantId, 'mine'))?.value.licenses).toEqual(
        template(tenantId).licenses,
      );
      expect(await store.get(tenantId, 'executive')).toBeNull();
    });
  });
}
