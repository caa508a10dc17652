import { describe, expect, it } from 'vitest';
import { CallerCache } from '../../../src/app/identity/caller-cache.ts';
import { identifyCaller } from '../../../src/app/identity/identify-caller.ts';
import type { AccessSettings } from '../../../src/app/identity/access-settings.ts';
import type { ServedTenant } from '../../../src/app/tenants/served-tenant.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

const user = (id: string, displayName: string) => ({
  id,
  displayName,
  userPrincipalName: `${displayName.split(' ')[0]!.toLowerCase()}@contoso.com`,
});

function setup(settings: Partial<AccessSettings> = {}) {
  const directory = new MemoryDirectory({
    users: [
      user('u-admin', 'Ada Admin'),
      user('u-nested', 'Nia Nested'),
      user('u-mgr', 'Max Manager'),
      { ...user('u-guest', 'Gus Guest'), userType: 'Guest' },
      { ...user('u-guest-admin', 'Gia Guest'), userType: 'Guest' },
    ],
    groups: [
      { id: 'g-approvers', displayName: 'License Approvers' },
      { id: 'g-it', displayName: 'IT Ops' },
      { id: 'g-managers', displayName: 'Managers' },
    ],
    members: {
      'g-approvers': ['u-admin', 'g-it', 'u-guest-admin'],
      'g-it': ['u-nested'],
      'g-managers': ['u-mgr'],
    },
  });
  let now = 1_000_000;
  const access: AccessSettings = {
    tenantId: 'tenant-1',
    approverGroupIds: ['g-approvers'],
    requesterGroupIds: [],
    allowGuests: false,
    ...settings,
  };
  const home: ServedTenant = {
    tenantId: access.tenantId,
    name: 'home',
    displayName: 'Contoso',
    operator: true,
    active: true,
    access,
    policy: {},
  };
  const deps = {
    tenants: {
      find: (tenantId: string) =>
        Promise.resolve(
          tenantId.toLowerCase() === access.tenantId.toLowerCase() ? home : undefined,
        ),
      directory: () => directory,
    },
    cache: new CallerCache({ ttlMs: 60_000 }),
    now: () => now,
  };
  return { directory, deps, advance: (ms: number) => (now += ms) };
}

describe('identify caller', () => {
  it('makes direct and nested members of the approver groups approvers', async () => {
    const { deps } = setup();
    const admin = await identifyCaller({ tenantId: 'tenant-1', userId: 'u-admin' }, deps);
    const nested = await identifyCaller({ tenantId: 'tenant-1', userId: 'u-nested' }, deps);
    expect(admin.ok && admin.value.role).toBe('approver');
    expect(nested.ok && nested.value.role).toBe('approver');
  });

  it('lets everyone in the tenant request when no requester group is set', async () => {
    const { deps } = setup();
    const result = await identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps);
    expect(result).toMatchObject({
      ok: true,
      value: { role: 'requester', displayName: 'Max Manager' },
    });
  });

  it('refuses someone outside the requester groups and names the group to join', async () => {
    const { deps } = setup({ requesterGroupIds: ['g-managers'] });
    const result = await identifyCaller({ tenantId: 'tenant-1', userId: 'u-nested' }, deps);
    // Approvers may always use the bot, even outside the requester groups.
    expect(result.ok).toBe(true);
    const outsider = setup({ requesterGroupIds: ['g-managers'], approverGroupIds: [] });
    const refused = await identifyCaller(
      { tenantId: 'tenant-1', userId: 'u-nested' },
      outsider.deps,
    );
    expect(refused).toMatchObject({ ok: false, failure: { code: 'NOT_A_REQUESTER' } });
    expect(!refused.ok && refused.failure.message).toContain('"Managers"');
  });

  it('refuses guest accounts, approvers among them, unless guests are allowed', async () => {
    const { deps } = setup();
    for (const userId of ['u-guest', 'u-guest-admin']) {
      const refused = await identifyCaller({ tenantId: 'tenant-1', userId }, deps);
      expect(refused).toMatchObject({ ok: false, failure: { code: 'GUEST_NOT_ALLOWED' } });
      expect(!refused.ok && refused.failure.message).toContain('signed in as a guest');
    }
    const allowing = setup({ allowGuests: true });
    const guest = await identifyCaller({ tenantId: 'tenant-1', userId: 'u-guest' }, allowing.deps);
    expect(guest).toMatchObject({ ok: true, value: { role: 'requester' } });
  });

  it('takes the tenant id in any case, and answers with it as configured', async () => {
    const { deps } = setup({ tenantId: '7c1d8e2a-3b4f-4c5d-8e6f-9a0b1c2d3e4f' });
    const result = await identifyCaller(
      { tenantId: '7C1D8E2A-3B4F-4C5D-8E6F-9A0B1C2D3E4F', userId: 'u-admin' },
      deps,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { tenantId: '7c1d8e2a-3b4f-4c5d-8e6f-9a0b1c2d3e4f' },
    });
  });

  it('refuses another tenant without looking anyone up', async () => {
    const { deps, directory } = setup();
    const result = await identifyCaller({ tenantId: 'other-tenant', userId: 'u-admin' }, deps);
    expect(result).toMatchObject({ ok: false, failure: { code: 'OTHER_TENANT' } });
    expect(directory.calls).toEqual([]);
  });

  it("identifies a customer tenant's users in its own directory, under its own groups", async () => {
    const { deps, directory } = setup();
    const fabrikam = new MemoryDirectory({
      users: [user('f-admin', 'Fiona Admin'), user('f-user', 'Finn User')],
      groups: [{ id: 'f-approvers', displayName: 'Fabrikam License Admins' }],
      members: { 'f-approvers': ['f-admin'] },
    });
    const customer: ServedTenant = {
      tenantId: 'tenant-2',
      name: 'fabrikam',
      displayName: 'Fabrikam',
      operator: false,
      active: true,
      access: {
        tenantId: 'tenant-2',
        approverGroupIds: ['f-approvers'],
        requesterGroupIds: [],
        allowGuests: false,
      },
      policy: {},
    };
    const both = {
      ...deps,
      tenants: {
        find: (tenantId: string) =>
          tenantId === 'tenant-2' ? Promise.resolve(customer) : deps.tenants.find(tenantId),
        directory: (tenantId: string) => (tenantId === 'tenant-2' ? fabrikam : directory),
      },
    };
    const fiona = await identifyCaller({ tenantId: 'tenant-2', userId: 'f-admin' }, both);
    expect(fiona).toMatchObject({ ok: true, value: { tenantId: 'tenant-2', role: 'approver' } });
    // Ada approves in tenant-1; her id means nothing in Fabrikam's directory.
    const ada = await identifyCaller({ tenantId: 'tenant-2', userId: 'u-admin' }, both);
    expect(ada).toMatchObject({ ok: false, failure: { code: 'NOT_IN_DIRECTORY' } });
    expect(directory.calls).toEqual([]);
    const inactive = {
      ...both,
      tenants: {
        ...both.tenants,
        find: () =>
          Promise.resolve({ ...customer, active: false, inactiveReason: 'Consent is missing.' }),
      },
    };
    const refused = await identifyCaller({ tenantId: 'tenant-2', userId: 'f-user' }, inactive);
    expect(refused).toMatchObject({
      ok: false,
      failure: { code: 'TENANT_INACTIVE', message: 'Consent is missing.' },
    });
  });

  it('refuses a user the directory does not know, and an activity without ids', async () => {
    const { deps } = setup();
    const unknown = await identifyCaller({ tenantId: 'tenant-1', userId: 'u-ghost' }, deps);
    expect(unknown).toMatchObject({ ok: false, failure: { code: 'NOT_IN_DIRECTORY' } });
    const anonymous = await identifyCaller({ tenantId: 'tenant-1', userId: undefined }, deps);
    expect(anonymous).toMatchObject({ ok: false, failure: { code: 'NO_IDENTITY' } });
  });

  it('looks a user up once a minute at most', async () => {
    const { deps, directory, advance } = setup();
    await identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps);
    await identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps);
    expect(directory.calls.filter((call) => call.startsWith('findUser'))).toHaveLength(1);
    advance(60_000);
    await identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps);
    expect(directory.calls.filter((call) => call.startsWith('findUser'))).toHaveLength(2);
  });

  it("shares one look-up between a user's turns that arrive together", async () => {
    const { deps, directory } = setup();
    const turns = await Promise.all(
      Array.from({ length: 5 }, () =>
        identifyCaller({ tenantId: 'tenant-1', userId: 'u-admin' }, deps),
      ),
    );
    expect(turns.every((turn) => turn.ok && turn.value.role === 'approver')).toBe(true);
    expect(directory.calls.filter((call) => call.startsWith('findUser'))).toHaveLength(1);
    await identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps);
    expect(directory.calls.filter((call) => call.startsWith('findUser'))).toHaveLength(2);
  });

  it('keeps no failed look-up: the turns that shared it fail, the next one asks again', async () => {
    const { deps, directory } = setup();
    const findUser = directory.findUser.bind(directory);
    directory.findUser = () => Promise.reject(new Error('Graph is down'));
    const together = await Promise.allSettled([
      identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps),
      identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps),
    ]);
    expect(together.map((turn) => turn.status)).toEqual(['rejected', 'rejected']);
    directory.findUser = findUser;
    const next = await identifyCaller({ tenantId: 'tenant-1', userId: 'u-mgr' }, deps);
    expect(next.ok && next.value.displayName).toBe('Max Manager');
  });
});
