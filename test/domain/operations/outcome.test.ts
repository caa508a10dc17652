import { describe, expect, it } from 'vitest';
import type { LicensingFailure } from '../../../src/domain/errors.ts';
import type { OperationItem } from '../../../src/domain/operations/operation.ts';
import {
  MAX_FAILURE_GROUPS,
  OutcomeTally,
  SAME_CHANGE_LIMIT,
  outcomeCounts,
} from '../../../src/domain/operations/outcome.ts';

const E3 = 'sku-e3';
const STOPPED = 'Not done: Patti Fernandez stopped the run before it reached this user.';
const counts = { planned: 0, sent: 0, done: 5, failed: 3, skipped: 2, cancelled: 0 };

function item(index: number, changes: Partial<OperationItem> = {}): OperationItem {
  return {
    itemId: `u-${index}`,
    userId: `u-${index}`,
    userPrincipalName: `user${index}@contoso.com`,
    displayName: `User ${index}`,
    body: { addLicenses: [{ skuId: E3, disabledPlans: [] }], removeLicenses: [] },
    state: 'planned',
    ...changes,
  };
}

const noSeats: LicensingFailure = {
  code: 'NO_SEATS',
  message: 'No Microsoft 365 E3 seats left.',
  retryable: false,
  skuId: E3,
};

const failed = (index: number, failure: LicensingFailure = noSeats, changes = {}) =>
  item(index, { state: 'failed', failure, ...changes });

describe('the outcome of a run', () => {
  it('groups failed users by reason and SKU, biggest group first, naming the first five', () => {
    const tally = new OutcomeTally();
    const location: LicensingFailure = {
      code: 'USAGE_LOCATION_MISSING',
      message: 'No usage location.',
      retryable: false,
    };
    tally.add(failed(0, location));
    for (let index = 1; index <= 7; index += 1) {
      tally.add(failed(index));
    }
    const outcome = tally.outcome(counts, []);
    expect(outcome.failures.map((group) => [group.code, group.count])).toEqual([
      ['NO_SEATS', 7],
      ['USAGE_LOCATION_MISSING', 1],
    ]);
    const [seats] = outcome.failures;
    expect(seats).toMatchObject({ reason: 'No Microsoft 365 E3 seats left.', skuId: E3 });
    expect(seats!.names).toEqual(['User 1', 'User 2', 'User 3', 'User 4', 'User 5']);
    expect(seats!.first.userId).toBe('u-1');
    expect(outcome.failures[1]).not.toHaveProperty('skuId');
  });

  it('keeps the addresses of a group with one change, for one corrected request while it fits', () => {
    const small = new OutcomeTally();
    small.add(failed(1));
    small.add(failed(2));
    expect(small.outcome(counts, []).failures[0]).toMatchObject({
      sameChange: ['user1@contoso.com', 'user2@contoso.com'],
      sameChangeIsAll: true,
    });

    const mixed = new OutcomeTally();
    mixed.add(failed(1));
    mixed.add(failed(2, noSeats, { setUsageLocation: 'FR' }));
    expect(mixed.outcome(counts, []).failures[0]).toMatchObject({
      sameChange: ['user1@contoso.com'],
      sameChangeIsAll: false,
    });

    const big = new OutcomeTally();
    for (let index = 0; index <= SAME_CHANGE_LIMIT; index += 1) {
      big.add(failed(index));
    }
    const group = big.outcome(counts, []).failures[0]!;
    expect(group.sameChange).toHaveLength(SAME_CHANGE_LIMIT);
    expect(group.sameChangeIsAll).toBe(false);
  });

  it('keeps a bounded number of reasons and counts the rest', () => {
    const tally = new OutcomeTally();
    for (let index = 0; index < MAX_FAILURE_GROUPS + 3; index += 1) {
      // Unknown failures are told apart by their message.
      tally.add(failed(index, { code: 'UNKNOWN', message: `Odd ${index}`, retryable: false }));
    }
    const outcome = tally.outcome(counts, []);
    expect(outcome.failures).toHaveLength(MAX_FAILURE_GROUPS);
    expect(outcome.otherFailures).toBe(3);
  });

  it('reads a failure without details as unknown, with its note', () => {
    const tally = new OutcomeTally();
    tally.add(item(1, { state: 'failed', note: 'Given up.' }));
    tally.add(item(2, { state: 'failed' }));
    expect(tally.outcome(counts, []).failures.map((group) => [group.code, group.reason])).toEqual([
      ['UNKNOWN', 'Given up.'],
      ['UNKNOWN', 'Failed'],
    ]);
  });

  it('groups skips by reason, and counts the users a stop left out from the counts', () => {
    const tally = new OutcomeTally();
    tally.add(item(2, { state: 'skipped', note: 'Already has it.' }));
    tally.add(item(3, { state: 'skipped', note: 'Already has it.' }));
    tally.add(item(4, { state: 'skipped' }));
    tally.add(item(5, { state: 'done' }));
    // A user a stop left out is counted, not summed up by reason: they all share one.
    tally.add(item(6, { state: 'cancelled', note: STOPPED }));
    for (let index = 0; index < 12; index += 1) {
      tally.add(item(10 + index, { state: 'skipped', note: `Reason ${index}` }));
    }
    const stopped = { ...counts, cancelled: 7 };
    const outcome = tally.outcome(stopped, [{ userId: 'u-5', state: 'done' }]);
    expect(outcome.notReached).toBe(7);
    expect(outcome.skips).toHaveLength(10);
    expect(outcome.skips[0]).toEqual({ reason: 'Already has it.', count: 2 });
    expect(outcome.skips).toContainEqual({ reason: 'Skipped', count: 1 });
    expect(outcome.skips).not.toContainEqual(expect.objectContaining({ reason: STOPPED }));
    expect(outcome.firstResults).toEqual([{ userId: 'u-5', state: 'done' }]);
    expect(outcome.counts).toBe(stopped);
  });

  it('says the counts in one line, leaving out what did not happen', () => {
    expect(outcomeCounts({ counts: { ...counts, done: 1990 } })).toBe(
      '1,990 done, 3 failed, 2 skipped',
    );
    expect(outcomeCounts({ counts: { ...counts, failed: 0, skipped: 0 } })).toBe('5 done');
  });
});
