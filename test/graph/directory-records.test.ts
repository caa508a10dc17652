import { describe, expect, it } from 'vitest';
import { toUser, UnexpectedGraphResponseError } from '../../src/graph/directory-records.ts';
import { StringPool } from '../../src/graph/user-record.ts';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const PLAN = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const GROUP = 'a412cb5e-64fe-4ad2-866c-67fe0ec83dfe';

describe('toUser', () => {
  it('reads every field License Desk selects, leaving out what Graph did not send', () => {
    const user = toUser({
      '@odata.type': '#microsoft.graph.user',
      id: 'u1',
      userPrincipalName: 'a@x',
      displayName: 'A',
      mail: null,
      department: 'Sales',
      usageLocation: 'US',
      accountEnabled: true,
      businessPhones: [],
      assignedLicenses: [{ skuId: E3, disabledPlans: [PLAN] }, { skuId: E3 }],
      licenseAssignmentStates: [
        {
          skuId: E3,
          assignedByGroup: GROUP,
          state: 'ActiveWithError',
          error: 'CountViolation',
          lastUpdatedDateTime: '2026-10-01T08:00:00Z',
          disabledPlans: [PLAN],
        },
        { skuId: E3, state: 'Active' },
      ],
    });

    expect(user).toStrictEqual({
      id: 'u1',
      userPrincipalName: 'a@x',
      displayName: 'A',
      mail: null,
      department: 'Sales',
      usageLocation: 'US',
      accountEnabled: true,
      assignedLicenses: [
        { skuId: E3, disabledPlans: [PLAN] },
        { skuId: E3, disabledPlans: [] },
      ],
      licenseAssignmentStates: [
        {
          skuId: E3,
          disabledPlans: [PLAN],
          assignedByGroup: GROUP,
          state: 'ActiveWithError',
          error: 'CountViolation',
          lastUpdatedDateTime: '2026-10-01T08:00:00Z',
        },
        {
          skuId: E3,
          disabledPlans: [],
          assignedByGroup: null,
          state: 'Active',
          error: null,
          lastUpdatedDateTime: null,
        },
      ],
    });
  });

  it('gives an id-only user an empty name and principal name, as before', () => {
    expect(toUser({ id: 'u1', displayName: null })).toStrictEqual({
      id: 'u1',
      userPrincipalName: '',
      displayName: '',
    });
  });

  it.each([
    ['no id', { displayName: 'A' }],
    ['a null principal name', { id: 'u1', userPrincipalName: null }],
    ['a number for a department', { id: 'u1', department: 7 }],
    [
      'a state Graph does not have',
      { id: 'u1', licenseAssignmentStates: [{ skuId: E3, state: 'Gone' }] },
    ],
    [
      'disabled plans that are not a list',
      { id: 'u1', assignedLicenses: [{ skuId: E3, disabledPlans: PLAN }] },
    ],
    ['licenses that are not a list', { id: 'u1', assignedLicenses: { skuId: E3 } }],
    ['a list for a user', [{ id: 'u1' }]],
  ])('refuses %s as an unreadable user', (_case, body) => {
    expect(() => toUser(body)).toThrow(UnexpectedGraphResponseError);
    expect(() => toUser(body)).toThrow(/^Graph returned an unreadable user: /);
  });

  it("reads the same users through a listing's pool of repeated texts", () => {
    const pool = new StringPool();
    const read = (id: string) =>
      toUser(
        JSON.parse(
          JSON.stringify({
            id,
            mail: `${id}@x`,
            department: 'Engineering and Operations',
            assignedLicenses: [{ skuId: E3, disabledPlans: [PLAN] }],
          }),
        ),
        pool,
      );
    const first = read('u1');
    const second = read('u2');

    expect(first).toStrictEqual(toUser({ ...second, id: 'u1', mail: 'u1@x' }));
    expect(second.mail).toBe('u2@x');
  });
});
