import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import { recheckItem } from '../../../src/domain/operations/recheck-item.ts';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const YAMMER = '7547a3fe-08ee-4ccb-b430-5077c5041653';

const user = (licenses: { skuId: string; disabledPlans: string[] }[], usageLocation?: string) =>
  ({
    id: 'u',
    userPrincipalName: 'u@contoso.com',
    displayName: 'U',
    assignedLicenses: licenses,
    ...(usageLocation ? { usageLocation } : {}),
  }) satisfies DirectoryUser;

const transfer = {
  body: { addLicenses: [{ skuId: E5, disabledPlans: [YAMMER] }], removeLicenses: [E3] },
  setUsageLocation: 'FR',
};

describe('recheckItem', () => {
  it('sends as planned when the user is as they were', () => {
    expect(recheckItem(transfer, user([{ skuId: E3, disabledPlans: [] }]))).toEqual({
      kind: 'asPlanned',
    });
    expect(recheckItem(transfer, undefined)).toEqual({ kind: 'asPlanned' });
  });

  it('drops a removal of a license already gone, and a location someone set meanwhile', () => {
    expect(recheckItem(transfer, user([], 'DE'))).toEqual({
      kind: 'replanned',
      change: { body: { addLicenses: transfer.body.addLicenses, removeLicenses: [] } },
    });
  });

  it('does not add a license held exactly as asked, but does when its plans differ', () => {
    const asAsked = user([
      { skuId: E3.toUpperCase(), disabledPlans: [] },
      { skuId: E5, disabledPlans: [YAMMER.toUpperCase()] },
    ]);
    expect(recheckItem(transfer, asAsked)).toEqual({
      kind: 'replanned',
      change: { body: { addLicenses: [], removeLicenses: [E3] }, setUsageLocation: 'FR' },
    });
    const otherPlans = user([
      { skuId: E3, disabledPlans: [] },
      { skuId: E5, disabledPlans: [] },
    ]);
    expect(recheckItem(transfer, otherPlans)).toEqual({ kind: 'asPlanned' });
  });

  it('still adds directly a license the user holds only through a group', () => {
    const throughGroup: DirectoryUser = {
      ...user([{ skuId: E5, disabledPlans: [] }]),
      licenseAssignmentStates: [
        {
          skuId: E5,
          assignedByGroup: 'g-exec',
          state: 'Active',
          error: 'None',
          disabledPlans: [],
          lastUpdatedDateTime: null,
        },
      ],
    };
    const add = { body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [] } };
    expect(recheckItem(add, throughGroup)).toEqual({ kind: 'asPlanned' });
  });

  it('skips a user someone already changed as asked', () => {
    const done = recheckItem(
      { body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [] } },
      {
        id: 'u',
        userPrincipalName: 'u@x',
        displayName: 'U',
        assignedLicenses: [{ skuId: E5, disabledPlans: [] }],
      },
    );
    expect(done.kind).toBe('nothingLeft');
    expect(
      recheckItem(
        { body: { addLicenses: [], removeLicenses: [E3] } },
        { id: 'u', userPrincipalName: 'u@x', displayName: 'U' },
      ).kind,
    ).toBe('nothingLeft');
  });
});
