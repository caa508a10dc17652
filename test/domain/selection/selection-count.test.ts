import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import {
  countSelection,
  describeCount,
  SelectionTally,
} from '../../../src/domain/selection/selection-count.ts';

const person = (n: number, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: `u${n}`,
  userPrincipalName: `u${n}@contoso.com`,
  displayName: `User ${n}`,
  usageLocation: 'US',
  accountEnabled: true,
  userType: 'Member',
  ...extra,
});

describe('counting a selection', () => {
  it('counts users without usage location, disabled accounts and guests, with a sample of five', () => {
    const users = [
      person(1, { usageLocation: null }),
      person(2, { accountEnabled: false }),
      person(3, { userType: 'Guest' }),
      person(4, { userType: null }),
      ...Array.from({ length: 1200 }, (_, i) => person(10 + i)),
    ];
    const count = countSelection({
      users,
      label: 'group "Sales"',
      skippedMembers: { devices: 2, contacts: 1, other: 1 },
      rowProblems: [],
    });
    expect(count).toMatchObject({
      count: 1204,
      withoutUsageLocation: 1,
      disabled: 1,
      guests: 1,
      rowProblems: 0,
    });
    expect(count.sample.map((user) => user.displayName)).toEqual([
      'User 1',
      'User 2',
      'User 3',
      'User 4',
      'User 10',
    ]);
    expect(describeCount(count)).toBe(
      '1,204 users match group "Sales" (1 without usage location, 1 disabled, 1 guest, 2 devices skipped, 1 contact skipped, 1 other member skipped)',
    );
  });

  it('says one user in the singular, and rows left out of a file', () => {
    const count = countSelection({
      users: [person(1)],
      label: 'the users in the file',
      skippedMembers: { devices: 1, contacts: 2, other: 2 },
      rowProblems: [{}, {}],
    });
    expect(describeCount(count)).toBe(
      '1 user matches the users in the file (1 device skipped, 2 contacts skipped, 2 other members skipped, 2 rows left out)',
    );
    expect(
      describeCount(
        countSelection({
          users: [],
          label: 'users where city eq "Oslo"',
          skippedMembers: { devices: 0, contacts: 0, other: 0 },
          rowProblems: [{}],
        }),
      ),
    ).toBe('0 users match users where city eq "Oslo" (1 row left out)');
    const clean = { users: [person(1), person(2)], label: 'group "Legal"', rowProblems: [] };
    expect(
      describeCount(
        countSelection({ ...clean, skippedMembers: { devices: 0, contacts: 0, other: 0 } }),
      ),
    ).toBe('2 users match group "Legal"');
  });
});

describe('counting a selection as it is read', () => {
  it('merges the counts of consecutive slices into the count of them all', () => {
    const users = [
      person(1, { usageLocation: null }),
      person(2),
      person(3, { accountEnabled: false }),
      person(4, { userType: 'Guest' }),
      ...Array.from({ length: 8 }, (_, i) => person(10 + i)),
    ];
    const selected = {
      label: 'group "Sales"',
      skippedMembers: { devices: 0, contacts: 0, other: 0 },
      rowProblems: [],
    };
    const whole = countSelection({ users, ...selected });
    for (const cut of [0, 2, 7, users.length]) {
      const first = new SelectionTally();
      users.slice(0, cut).forEach((user) => first.add(user));
      const rest = new SelectionTally();
      users.slice(cut).forEach((user) => rest.add(user));
      first.merge(rest);
      expect(first.count).toBe(users.length);
      expect(first.counted(selected)).toEqual(whole);
    }
  });
});
