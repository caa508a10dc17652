import { describe, expect, it } from 'vitest';
import {
  changeTookEffect,
  type UserLicensesNow,
} from '../../../src/domain/operations/change-took-effect.ts';
import type { LicenseAssignmentState } from '../../../src/domain/licensing.ts';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const YAMMER = '7547a3fe-08ee-4ccb-b430-5077c5041653';

const direct = (skuId: string, disabledPlans: string[] = []): LicenseAssignmentState => ({
  skuId,
  disabledPlans,
  assignedByGroup: null,
  state: 'Active',
  error: 'None',
  lastUpdatedDateTime: '2026-11-23T10:00:00Z',
});
const fromGroup = (skuId: string): LicenseAssignmentState => ({
  ...direct(skuId),
  assignedByGroup: 'group-1',
});

const assign = (skuId: string, disabledPlans: string[] = []) => ({
  body: { addLicenses: [{ skuId, disabledPlans }], removeLicenses: [] },
});
const remove = (skuId: string) => ({ body: { addLicenses: [], removeLicenses: [skuId] } });

describe('whether a change left sent took effect', () => {
  it('sees an added SKU with exactly the disabled plans, in any order and case', () => {
    const user: UserLicensesNow = {
      licenseAssignmentStates: [direct(E3, [YAMMER.toUpperCase(), TEAMS])],
    };
    expect(changeTookEffect(assign(E3.toUpperCase(), [TEAMS, YAMMER]), user)).toBe(true);
  });

  it('does not take an added SKU with other disabled plans as done', () => {
    const user: UserLicensesNow = { licenseAssignmentStates: [direct(E3, [TEAMS])] };
    expect(changeTookEffect(assign(E3), user)).toBe(false);
    expect(changeTookEffect(assign(E3, [TEAMS, YAMMER]), user)).toBe(false);
    expect(changeTookEffect(assign(E3, [YAMMER]), user)).toBe(false);
  });

  it('does not take a SKU the user only gets from a group as assigned directly', () => {
    const user: UserLicensesNow = {
      assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
      licenseAssignmentStates: [fromGroup(E3)],
    };
    expect(changeTookEffect(assign(E3), user)).toBe(false);
  });

  it('takes a removed SKU as gone when only a group still gives it', () => {
    const user: UserLicensesNow = {
      assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
      licenseAssignmentStates: [fromGroup(E3)],
    };
    expect(changeTookEffect(remove(E3), user)).toBe(true);
  });

  it('sees a removal not made while the SKU is still assigned directly', () => {
    expect(changeTookEffect(remove(E3), { licenseAssignmentStates: [direct(E3)] })).toBe(false);
  });

  it('reads assignedLicenses when the per-source states were not read', () => {
    const user: UserLicensesNow = { assignedLicenses: [{ skuId: E5, disabledPlans: [] }] };
    expect(changeTookEffect(assign(E5), user)).toBe(true);
    expect(changeTookEffect(remove(E5), user)).toBe(false);
    expect(changeTookEffect(remove(E5), {})).toBe(true);
    expect(changeTookEffect(assign(E5), {})).toBe(false);
  });

  it('needs the usage location the item sets, and nothing when it sets none', () => {
    const item = { ...assign(E3), setUsageLocation: 'GB' };
    const licensed = [direct(E3)];
    expect(changeTookEffect(item, { licenseAssignmentStates: licensed, usageLocation: 'gb' })).toBe(
      true,
    );
    expect(changeTookEffect(item, { licenseAssignmentStates: licensed, usageLocation: null })).toBe(
      false,
    );
    expect(changeTookEffect(item, { licenseAssignmentStates: licensed })).toBe(false);
    expect(changeTookEffect(assign(E3), { licenseAssignmentStates: licensed })).toBe(true);
  });

  it('needs every SKU of a swap: one added and one removed', () => {
    const swap = {
      body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [E3] },
    };
    expect(changeTookEffect(swap, { licenseAssignmentStates: [direct(E5)] })).toBe(true);
    expect(changeTookEffect(swap, { licenseAssignmentStates: [direct(E5), direct(E3)] })).toBe(
      false,
    );
    expect(changeTookEffect(swap, { licenseAssignmentStates: [direct(E3)] })).toBe(false);
  });
});
