import { describe, expect, it } from 'vitest';
import type { SeatImpact } from '../../../src/domain/planning/impact.ts';
import { boundExceeded, seatsTaken } from '../../../src/domain/schedules/run-bound.ts';

/** A SKU's seats used before and after a run. */
function seat(usedBefore: number, usedAfter: number): SeatImpact {
  return {
    skuId: `sku-${usedBefore}-${usedAfter}`,
    name: 'Microsoft 365 E3',
    total: 100,
    usedBefore,
    usedAfter,
    availableAfter: 100 - usedAfter,
    shortfall: 0,
  };
}

describe('seatsTaken', () => {
  it.each([
    ['no SKU touched', [], 0],
    ['one SKU gaining 3', [seat(10, 13)], 3],
    ['two SKUs gaining 3 and 2', [seat(10, 13), seat(0, 2)], 5],
    ['a SKU freeing seats does not pay for another gaining', [seat(10, 13), seat(20, 15)], 3],
    ['a SKU unchanged', [seat(7, 7)], 0],
  ])('counts the new seats a run takes: %s', (_case, seats, taken) => {
    expect(seatsTaken({ seats })).toBe(taken);
  });
});

describe('boundExceeded', () => {
  const bound = { users: 10, seats: 5 };

  it.each([
    ['within the bound', 10, [seat(0, 5)], false, []],
    [
      'more users than approved',
      11,
      [seat(0, 5)],
      false,
      ['11 users would change: more than the 10 this schedule was approved for per run.'],
    ],
    [
      'more new seats than approved',
      6,
      [seat(0, 6)],
      false,
      ['6 new seats: more than the 5 this schedule was approved for per run.'],
    ],
    ['a SKU left short', 3, [seat(0, 3)], true, ['Not enough seats for every user of this run.']],
    [
      'everything at once, in that order',
      12,
      [seat(0, 4), seat(1, 3)],
      true,
      [
        '12 users would change: more than the 10 this schedule was approved for per run.',
        '6 new seats: more than the 5 this schedule was approved for per run.',
        'Not enough seats for every user of this run.',
      ],
    ],
  ])('%s', (_case, changeCount, seats, leavesShort, reasons) => {
    expect(boundExceeded({ changeCount, seats, leavesShort }, bound)).toEqual(reasons);
  });
});
