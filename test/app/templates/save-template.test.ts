import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/app/identity/caller.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { deleteTemplate, saveTemplate } from '../../../src/app/templates/save-template.ts';
import type { Sku } from '../../../src/domain/licensing.ts';
import { MemoryTemplateStore } from '../../../src/store/memory/memory-template-store.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

const powerBi: Sku = {
  skuId: 'sku-pbi',
  skuPartNumber: 'POWER_BI_PRO',
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: 1,
  prepaidUnits: { enabled: 10, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: [
    { servicePlanId: 'p1', servicePlanName: 'BI_AZURE_P2' },
    { servicePlanId: 'p2', servicePlanName: 'EXCHANGE_S_FOUNDATION' },
  ],
};

const approver: Caller = {
  tenantId: 't1',
  userId: 'megan',
  displayName: 'Megan Bowen',
  userPrincipalName: 'meganb@contoso.com',
  role: 'approver',
};

function deps(): Pick<RequestDependencies, 'directory' | 'templates' | 'clock' | 'newId'> {
  let next = 0;
  return {
    directory: sameForEveryTenant(new MemoryDirectory({ skus: [powerBi] })),
    templates: new MemoryTemplateStore(),
    clock: { now: () => new Date('2026-11-23T10:00:00Z'), sleep: () => Promise.resolve() },
    newId: () => `id-${(next += 1)}`,
  };
}

const draft = (enabledPlans: string[], name = 'Analyst') => ({
  name,
  licenses: [{ skuPartNumber: 'power_bi_pro', enabledPlans }],
});

describe('saving a template', () => {
  it('stores every plan on as "all", so plans Microsoft adds later come on too', async () => {
    const saved = await saveTemplate(
      deps(),
      approver,
      draft(['BI_AZURE_P2', 'EXCHANGE_S_FOUNDATION']),
    );
    expect(saved.ok && saved.value.value.licenses[0]).toEqual({
      skuPartNumber: 'POWER_BI_PRO',
      enabledPlans: 'all',
      knownPlans: ['BI_AZURE_P2', 'EXCHANGE_S_FOUNDATION'],
    });
  });

  it('keeps the list when some plans are off, and stamps the plans it knew', async () => {
    const saved = await saveTemplate(deps(), approver, draft(['BI_AZURE_P2', 'NOT_A_PLAN']));
    expect(saved.ok && saved.value.value.licenses[0]!.enabledPlans).toEqual(['BI_AZURE_P2']);
  });

  it('refuses a template with every plan off', async () => {
    const saved = await saveTemplate(deps(), approver, draft([]));
    expect(saved).toMatchObject({
      ok: false,
      failure: { code: 'TEMPLATE_INVALID', message: expect.stringContaining('Power BI Pro') },
    });
  });

  it('refuses a requester, whatever they send', async () => {
    const saved = await saveTemplate(
      deps(),
      { ...approver, role: 'requester' },
      draft(['BI_AZURE_P2']),
    );
    expect(saved).toMatchObject({ ok: false, failure: { code: 'TEMPLATE_NOT_ALLOWED' } });
  });

  it('refuses an edit of a version that changed meanwhile, and a delete of one', async () => {
    const d = deps();
    const first = await saveTemplate(d, approver, draft(['BI_AZURE_P2']));
    if (!first.ok) {
      throw new Error('not saved');
    }
    const id = first.value.value.id;
    const second = await saveTemplate(
      d,
      approver,
      { ...draft(['BI_AZURE_P2'], 'Analyst 2'), id },
      first.value.etag,
    );
    expect(second.ok).toBe(true);
    const stale = await saveTemplate(
      d,
      approver,
      { ...draft(['BI_AZURE_P2'], 'Analyst 3'), id },
      first.value.etag,
    );
    expect(stale).toMatchObject({ ok: false, failure: { code: 'TEMPLATE_CHANGED' } });
    expect(await deleteTemplate(d, approver, id, first.value.etag)).toMatchObject({
      ok: false,
      failure: { code: 'TEMPLATE_CHANGED' },
    });
    expect((await d.templates.get('t1', id))?.value.name).toBe('Analyst 2');
  });
});
