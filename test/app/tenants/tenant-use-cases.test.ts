import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/app/identity/caller.ts';
import type { Organization } from '../../../src/domain/licensing.ts';
import type { TenantRegistry } from '../../../src/app/ports/tenant-registry.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import { OPERATOR_TENANT_NAME } from '../../../src/app/tenants/served-tenant.ts';
import { ServedTenants } from '../../../src/app/tenants/served-tenants.ts';
import { tenantUseCases, type TenantPorts } from '../../../src/app/tenants/tenant-use-cases.ts';
import { parseTenantCommand } from '../../../src/domain/tenants/tenant-command.ts';
import { MemoryOperationStore } from '../../../src/store/memory/memory-operation-store.ts';
import { MemoryTenantRegistry } from '../../../src/store/memory/memory-tenant-registry.ts';
import { MemoryUserPreferencesStore } from '../../../src/store/memory/memory-user-preferences-store.ts';

const HOME = 'home-tenant';
const NORTHWIND = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const GROUP = '2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182';
const NOW = new Date('2026-12-06T12:00:00Z');

const megan: Caller = {
  tenantId: HOME,
  userId: 'u-megan',
  displayName: 'Megan Bowen',
  userPrincipalName: 'meganb@contoso.com',
  role: 'approver',
};

/** Tenant use cases over memory stores; `consented` says which tenants Graph answers for. */
function world(
  options: { consented?: string[]; registry?: TenantRegistry; clientId?: string } = {},
) {
  const clock = { now: () => NOW, sleep: () => Promise.resolve() };
  const registry = options.registry ?? new MemoryTenantRegistry();
  const served = new ServedTenants(
    {
      tenantId: HOME,
      name: OPERATOR_TENANT_NAME,
      displayName: 'Contoso',
      operator: true,
      active: true,
      access: { tenantId: HOME, approverGroupIds: [], requesterGroupIds: [], allowGuests: false },
      policy: {},
    },
    registry,
    clock,
  );
  const consented = new Set(options.consented ?? []);
  const ports: TenantPorts = {
    registry,
    served,
    directories: {
      forTenant: (tenantId) => ({
        getOrganization: () =>
          consented.has(tenantId)
            ? Promise.resolve<Organization>({
                tenantId,
                displayName: 'Northwind Traders',
                countryLetterCode: 'US',
              })
            : Promise.reject(
                new Error('AADSTS7000229: The client application is missing service principal'),
              ),
      }),
    },
    preferences: new MemoryUserPreferencesStore(),
    operations: new MemoryOperationStore(),
    clock,
    ...(options.clientId ? { consentClientId: options.clientId } : {}),
  };
  const cases = tenantUseCases(ports);
  const run = (text: string, caller: Caller = megan) => {
    const parsed = parseTenantCommand(text);
    if (!parsed.ok) {
      throw new Error(parsed.failure);
    }
    return cases.run(caller, parsed.value);
  };
  return { cases, run, served, registry };
}

describe('onboarding a customer tenant', () => {
  it('registers it waiting for consent, with the admin-consent link of the app', async () => {
    const { run, registry } = world({ clientId: 'app-1' });
    const added = await run(`add northwind ${NORTHWIND} approvers ${GROUP}`);
    expect(added.message).toContain(
      `https://login.microsoftonline.com/${NORTHWIND}/v2.0/adminconsent?client_id=app-1&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`,
    );
    expect((await registry.findByName('northwind'))?.value).toMatchObject({
      state: 'awaitingConsent',
      approverGroupIds: [GROUP],
      onboardedBy: { userId: 'u-megan' },
    });
  });

  it('refuses a name or a tenant already taken', async () => {
    const { run } = world();
    await run(`add northwind ${NORTHWIND} approvers ${GROUP}`);
    expect((await run(`add northwind ${GROUP} approvers ${GROUP}`)).message).toContain(
      'The name "northwind" is taken',
    );
    expect((await run(`add other ${NORTHWIND} approvers ${GROUP}`)).message).toContain(
      'is registered already',
    );
  });

  it('checks consent: Entra’s refusal is named, then the tenant becomes active with its name', async () => {
    const before = world();
    await before.run(`add northwind ${NORTHWIND} approvers ${GROUP}`);
    const refused = await before.run('check northwind');
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toContain('AADSTS7000229');
    const after = world({ consented: [NORTHWIND], registry: before.registry });
    expect((await after.run('check northwind')).message).toContain('**Northwind Traders**');
    expect((await after.served.find(NORTHWIND))?.active).toBe(true);
  });

  it('says so when two admins change a tenant at the same moment', async () => {
    const registry = new MemoryTenantRegistry();
    const racing: TenantRegistry = {
      ...registry,
      list: () => registry.list(),
      get: (id) => registry.get(id),
      findByName: (name) => registry.findByName(name),
      add: (tenant) => registry.add(tenant),
      remove: (id, etag) => registry.remove(id, etag),
      replace: () => Promise.reject(new ConcurrencyConflictError('changed')),
    };
    const { run } = world({ consented: [NORTHWIND], registry: racing });
    await run(`add northwind ${NORTHWIND} approvers ${GROUP}`);
    expect((await run('suspend northwind')).message).toContain('at the same moment');
  });

  it('lists the operator by its name in Graph, and the consent link only while consent is awaited', async () => {
    const { run, cases } = world({ clientId: 'app-1', consented: [HOME] });
    await run(`add northwind ${NORTHWIND} approvers ${GROUP}`);
    await run(`add fabrikam ${GROUP} approvers ${GROUP}`);
    const listed = await cases.list(megan);
    expect('tenants' in listed && listed.tenants.map(({ tenant }) => tenant.name)).toEqual([
      'home',
      'fabrikam',
      'northwind',
    ]);
    expect('tenants' in listed && listed.tenants[0]!.tenant.displayName).toBe('Northwind Traders');
    expect('tenants' in listed && listed.tenants.filter((t) => t.consentUrl).length).toBe(2);
    const withSuspended = world({ clientId: 'app-1', consented: [NORTHWIND] });
    await withSuspended.run(`add northwind ${NORTHWIND} approvers ${GROUP}`);
    await withSuspended.run('check northwind');
    await withSuspended.run('suspend northwind');
    const after = await withSuspended.cases.list(megan);
    expect('tenants' in after && after.tenants.map((t) => t.consentUrl)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('is for the operator’s approvers only', async () => {
    const { run } = world();
    const requester = { ...megan, role: 'requester' as const };
    expect(
      (await run(`add northwind ${NORTHWIND} approvers ${GROUP}`, requester)).message,
    ).toContain("Only your own organisation's license approvers");
    const customer = { ...megan, tenantId: NORTHWIND };
    expect((await run('suspend northwind', customer)).message).toContain('Only your own');
  });
});
