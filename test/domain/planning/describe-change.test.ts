import { describe, expect, it } from 'vitest';
import { describeChange, describeChanges } from '../../../src/domain/planning/describe-change.ts';
import { e3, o365e3, plans, powerBiPro } from '../fixtures/tenant.ts';

describe('describeChange', () => {
  it('says what happens to how many users', () => {
    expect(
      describeChange(
        {
          kind: 'assign',
          licenses: [
            { sku: e3, disabledPlanIds: [] },
            { sku: powerBiPro, disabledPlanIds: [] },
          ],
        },
        3,
      ),
    ).toBe('Assign Microsoft 365 E3 and Power BI Pro to 3 users');
    expect(describeChange({ kind: 'remove', skus: [powerBiPro] }, 1)).toBe(
      'Remove Power BI Pro from 1 user',
    );
    expect(describeChange({ kind: 'removeAll' }, 2)).toBe(
      'Remove all direct licenses from 2 users',
    );
    expect(describeChange({ kind: 'transfer', from: o365e3, to: e3 }, 1)).toBe(
      'Move 1 user from Office 365 E3 to Microsoft 365 E3',
    );
  });

  it('names the plans turned on and off', () => {
    expect(
      describeChange(
        {
          kind: 'modify',
          sku: e3,
          enablePlanIds: [plans.skype.servicePlanId],
          disablePlanIds: [plans.teams.servicePlanId, 'gone'],
        },
        1,
      ),
    ).toBe(
      'Turn on Skype for Business Online (Plan 2) and turn off Microsoft Teams, gone in Microsoft 365 E3 for 1 user',
    );
    expect(
      describeChange(
        { kind: 'modify', sku: e3, enablePlanIds: [], disablePlanIds: [plans.teams.servicePlanId] },
        2,
      ),
    ).toBe('Turn off Microsoft Teams in Microsoft 365 E3 for 2 users');
    expect(
      describeChange(
        { kind: 'modify', sku: e3, enablePlanIds: [plans.teams.servicePlanId], disablePlanIds: [] },
        1,
      ),
    ).toBe('Turn on Microsoft Teams in Microsoft 365 E3 for 1 user');
  });

  it('names the plans an assignment leaves off, the first five by name', () => {
    expect(
      describeChange(
        { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [plans.teams.servicePlanId] }] },
        1,
      ),
    ).toBe('Assign Microsoft 365 E3 (without Microsoft Teams) to 1 user');
    const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(
      describeChange({ kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: seven }] }, 2),
    ).toBe('Assign Microsoft 365 E3 (without a, b, c, d, e and 2 more) to 2 users');
  });
});

describe('describeChanges', () => {
  it('puts the changes of a file whose rows name licenses one after the other', () => {
    expect(
      describeChanges([
        { change: { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [] }] }, userCount: 40 },
        { change: { kind: 'remove', skus: [powerBiPro] }, userCount: 2 },
      ]),
    ).toBe('Assign Microsoft 365 E3 to 40 users; Remove Power BI Pro from 2 users');
  });
});
