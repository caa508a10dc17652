import { describe, expect, it } from 'vitest';
import { parseTenantCommand } from '../../../src/domain/tenants/tenant-command.ts';
import { isTenantName, tenantIdKey } from '../../../src/domain/tenants/tenant.ts';

const TENANT = '6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F';
const GROUP = '2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182';
const GROUP2 = '3c4d5e6f-7081-4a92-8c3d-4e5f60718293';

const failure = (text: string) => {
  const parsed = parseTenantCommand(text);
  return parsed.ok ? undefined : parsed.failure;
};

describe('tenant commands', () => {
  it('reads an onboarding with approvers only: the multi-tenant app signs in', () => {
    expect(parseTenantCommand(`add Fabrikam ${TENANT} approvers ${GROUP}`)).toEqual({
      ok: true,
      value: {
        kind: 'add',
        name: 'fabrikam',
        tenantId: TENANT.toLowerCase(),
        approverGroupIds: [GROUP],
        requesterGroupIds: [],
        credential: { kind: 'multiTenantApp' },
      },
    });
  });

  it('reads requesters, a certificate of the customer’s own app and a display name', () => {
    const parsed = parseTenantCommand(
      `add contoso-eu ${TENANT} approvers ${GROUP}, requesters ${GROUP2},${GROUP} certificate ${GROUP2} /certs/contoso-eu.pem named "Contoso Europe"`.replace(
        ', requesters',
        ' requesters',
      ),
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        name: 'contoso-eu',
        requesterGroupIds: [GROUP2, GROUP],
        credential: {
          kind: 'certificate',
          clientId: GROUP2,
          certificatePath: '/certs/contoso-eu.pem',
        },
        displayName: 'Contoso Europe',
      },
    });
  });

  it('reads check, suspend, resume and use by name, and `use home`', () => {
    for (const verb of ['check', 'suspend', 'resume', 'use'] as const) {
      expect(parseTenantCommand(`${verb} Fabrikam`)).toEqual({
        ok: true,
        value: { kind: verb, name: 'fabrikam' },
      });
    }
    expect(failure('use Bad_Name')).toContain("can't be a tenant's name");
    expect(parseTenantCommand('use home')).toEqual({
      ok: true,
      value: { kind: 'use', name: 'home' },
    });
  });

  it('says how to write it when the words are wrong', () => {
    expect(failure('check')).toContain('Name one tenant: `tenant check fabrikam`');
    expect(failure('check a b')).toContain('Name one tenant');
    expect(failure('check Bad_Name')).toContain("can't be a tenant's name");
    expect(failure('rename fabrikam')).toContain('tenant add <name> <tenant id>');
    expect(failure(`add fabrikam ${TENANT}`)).toContain('tenant add <name> <tenant id>');
  });

  it('refuses a bad name, tenant id, group id or client id, saying which', () => {
    expect(failure(`add home ${TENANT} approvers ${GROUP}`)).toContain(
      '`home` is the name of your own tenant',
    );
    expect(failure(`add -bad ${TENANT} approvers ${GROUP}`)).toContain("can't be a tenant's name");
    expect(failure(`add fabrikam fabrikam.com approvers ${GROUP}`)).toContain(
      '"fabrikam.com" is not a tenant id',
    );
    expect(failure(`add fabrikam ${TENANT} approvers Sales`)).toContain(
      '"Sales" is not a group\'s object id: give the approver groups',
    );
    expect(failure(`add fabrikam ${TENANT} approvers ,`)).toContain('"," is not a group');
    expect(failure(`add fabrikam ${TENANT} approvers ${GROUP} requesters Everyone`)).toContain(
      'give the requester groups',
    );
    expect(
      failure(`add fabrikam ${TENANT} approvers ${GROUP} certificate app-1 /certs/f.pem`),
    ).toContain('"app-1" is not an application (client) id');
  });

  it('knows a tenant name and the stored form of a tenant id', () => {
    expect(isTenantName('fabrikam')).toBe(true);
    expect(isTenantName('Fabrikam')).toBe(false);
    expect(tenantIdKey(TENANT)).toBe(TENANT.toLowerCase());
  });
});

describe('tenant policy', () => {
  it('reads each setting in the admin’s words, and `default`', () => {
    expect(
      parseTenantCommand(
        'policy Fabrikam expiry-hours 48 confirm-bulk-above 200 two-approvers-above-users 100 two-approvers-above-cost 250.5',
      ),
    ).toEqual({
      ok: true,
      value: {
        kind: 'policy',
        name: 'fabrikam',
        policy: {
          approvalExpiryHours: 48,
          bulkConfirmAbove: 200,
          twoApproversAboveUsers: 100,
          twoApproversAboveMonthlyCost: 250.5,
        },
      },
    });
    expect(parseTenantCommand('policy fabrikam default')).toEqual({
      ok: true,
      value: { kind: 'policy', name: 'fabrikam', policy: {} },
    });
  });

  it('says what is wrong with a setting', () => {
    expect(failure('policy')).toContain("can't be a tenant's name");
    expect(failure('policy fabrikam')).toContain('Write `tenant policy <name>`');
    expect(failure('policy fabrikam expiry-hours')).toContain('Write `tenant policy <name>`');
    expect(failure('policy fabrikam speed 3')).toContain('"speed" is not a policy setting');
    expect(failure('policy fabrikam expiry-hours 1.5')).toContain(
      'expiry-hours takes a whole number above 0, not "1.5"',
    );
    expect(failure('policy fabrikam two-approvers-above-cost -1')).toContain(
      'takes a number above 0',
    );
  });
});
