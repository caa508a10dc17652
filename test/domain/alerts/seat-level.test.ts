import { describe, expect, it } from 'vitest';
import { seatLevel } from '../../../src/domain/alerts/seat-level.ts';
import type { CapabilityStatus } from '../../../src/domain/licensing.ts';

const nearlyOut = { seats: 5, share: 0.05 };

describe('a SKU’s seat level, by the licenses card’s thresholds', () => {
  it.each<[string, number, number, CapabilityStatus, string]>([
    ['more seats used than bought is over-used', 25, -2, 'Enabled', 'over-used'],
    ['every seat taken is none left', 40, 0, 'Enabled', 'none-left'],
    ['5 seats or fewer left is nearly out', 400, 5, 'Enabled', 'nearly-out'],
    ['5 % or less left is nearly out', 1000, 50, 'Enabled', 'nearly-out'],
    ['more left than both is fine', 1000, 51, 'Enabled', 'ok'],
    ['a free SKU with no seats bought is fine', 0, 0, 'Enabled', 'ok'],
    ['a suspended subscription is the subscription alert’s', 25, -2, 'Suspended', 'ok'],
    ['a locked-out one too', 25, 0, 'LockedOut', 'ok'],
    ['a deleted one too', 25, 0, 'Deleted', 'ok'],
    ['one in its grace period still counts seats', 25, 0, 'Warning', 'none-left'],
  ])('%s', (_rule, total, available, status, expected) => {
    expect(seatLevel(total, available, status, nearlyOut)).toBe(expected);
  });
});
