import { describe, expect, it } from 'vitest';
import { apiCallerFrom } from '../../src/api/auth/api-caller.ts';
import { ApiProblem } from '../../src/api/problem.ts';

const TENANT = 'contoso-tenant';

describe('the caller a verified token names', () => {
  it.each([
    {
      case: 'a v2 delegated token: the signed-in user',
      claims: { scp: 'access_as_user', oid: 'u1', name: 'Megan', preferred_username: 'm@c.com' },
      kind: 'user',
      caller: { userId: 'u1', displayName: 'Megan', userPrincipalName: 'm@c.com' },
    },
    {
      case: 'a v1 delegated token: upn instead of preferred_username',
      claims: { scp: 'user_impersonation', oid: 'u2', upn: 'a@c.com' },
      kind: 'user',
      caller: { userId: 'u2', displayName: 'a@c.com', userPrincipalName: 'a@c.com' },
    },
    {
      case: 'a v2 app-only token: the app (azp) as requester',
      claims: { azp: 'app-1', oid: 'sp-1', app_displayname: 'HR' },
      kind: 'app',
      caller: { userId: 'app-1', displayName: 'HR', userPrincipalName: '' },
    },
    {
      case: 'a v1 app-only token: appid',
      claims: { appid: 'app-2', oid: 'sp-2' },
      kind: 'app',
      caller: { userId: 'app-2', displayName: 'App app-2' },
    },
  ])('$case', ({ claims, kind, caller }) => {
    const found = apiCallerFrom(claims, TENANT);
    expect(found.kind).toBe(kind);
    expect(found.caller).toMatchObject({ tenantId: TENANT, role: 'requester', ...caller });
  });

  it.each([
    { roles: ['Licenses.Approve'], role: 'approver', kept: ['Licenses.Approve'] },
    { roles: ['Licenses.Request', 'Mail.Send'], role: 'requester', kept: ['Licenses.Request'] },
    { roles: 'Licenses.Approve', role: 'requester', kept: [] },
  ])('takes the role from the app roles $roles', ({ roles, role, kept }) => {
    const found = apiCallerFrom({ azp: 'app', roles }, TENANT);
    expect(found.caller.role).toBe(role);
    expect([...found.roles]).toEqual(kept);
  });

  it('refuses a token that names nobody', () => {
    expect(() => apiCallerFrom({ scp: 'x' }, TENANT)).toThrow(ApiProblem);
    expect(() => apiCallerFrom({}, TENANT)).toThrow(ApiProblem);
  });
});
