import { describe, expect, it } from 'vitest';
import {
  groupErrorReasons,
  groupErrorsFingerprint,
} from '../../../src/domain/alerts/group-error-reasons.ts';
import type { LicenseAssignmentState } from '../../../src/domain/licensing.ts';

const state = (
  assignedByGroup: string | null,
  error: LicenseAssignmentState['error'],
): LicenseAssignmentState => ({
  skuId: 'sku',
  disabledPlans: [],
  assignedByGroup,
  state: error === null || error === 'None' ? 'Active' : 'Error',
  error,
  lastUpdatedDateTime: null,
});

describe('why a group’s members are in error', () => {
  it('counts each member once per reason of this group’s assignments, most first', () => {
    const members = [
      { licenseAssignmentStates: [state('g1', 'CountViolation'), state('g1', 'CountViolation')] },
      {
        licenseAssignmentStates: [
          state('g1', 'CountViolation'),
          state('g2', 'DependencyViolation'),
        ],
      },
      { licenseAssignmentStates: [state('g1', 'MutuallyExclusiveViolation'), state(null, null)] },
      { licenseAssignmentStates: [state('g1', 'Others'), state('g1', 'None')] },
      { licenseAssignmentStates: [state('g1', 'UniquenessViolation')] },
    ];
    expect(groupErrorReasons('g1', members)).toEqual([
      { error: 'CountViolation', users: 2 },
      { error: 'MutuallyExclusiveViolation', users: 1 },
      { error: 'Other', users: 1 },
      { error: 'UniquenessViolation', users: 1 },
    ]);
  });

  it('counts a member listed in error without an error on the group’s assignments as Other', () => {
    expect(groupErrorReasons('g1', [{}, { licenseAssignmentStates: [] }])).toEqual([
      { error: 'Other', users: 2 },
    ]);
  });

  it('fingerprints the count and the reasons', () => {
    expect(
      groupErrorsFingerprint(3, [
        { error: 'CountViolation', users: 2 },
        { error: 'Other', users: 1 },
      ]),
    ).toBe('users=3;CountViolation=2,Other=1');
  });
});
