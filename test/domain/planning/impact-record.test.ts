import { describe, expect, it } from 'vitest';
import { newOperation } from '../../../src/domain/operations/new-operation.ts';
import type { Impact, SeatImpact } from '../../../src/domain/planning/impact.ts';
import { impactRecordLimits, recordImpact } from '../../../src/domain/planning/impact-record.ts';
import type { PlanConflict } from '../../../src/domain/planning/conflicts.ts';

const seat = (index: number, name = `SKU ${index}`): SeatImpact => ({
  skuId: `sku-${index}`,
  name,
  total: 15,
  usedBefore: 14,
  usedAfter: 15,
  availableAfter: 0,
  shortfall: 0,
});

const conflict: PlanConflict = { kind: 'missingDependency', planId: 'p', requiresAnyOf: [] };

const small: Impact = {
  userCount: 2,
  changeCount: 1,
  noopCount: 1,
  blockedCount: 0,
  usageLocationsToSet: 1,
  conflictCount: 1,
  conflicts: [{ conflict, sources: [], description: 'Teams needs Exchange, which would be off' }],
  seats: [seat(1, 'Microsoft 365 E3')],
  cost: [{ currency: 'USD', before: 140, after: 150, delta: 10 }],
  unpriced: [],
  leavesShort: false,
  warnings: [],
};

describe('recordImpact', () => {
  it('keeps seats, cost, counts, conflicts in words and the policy reasons as plain data', () => {
    const record = recordImpact(small, ['It needs an approver.']);
    expect(record).toEqual({
      seats: [seat(1, 'Microsoft 365 E3')],
      moreSeats: 0,
      cost: [{ currency: 'USD', before: 140, after: 150, delta: 10 }],
      unpriced: [],
      noopCount: 1,
      blockedCount: 0,
      usageLocationsToSet: 1,
      conflictCount: 1,
      conflicts: ['Teams needs Exchange, which would be off'],
      reasons: ['It needs an approver.'],
    });
    // A snapshot: later changes to the planned impact do not reach it.
    small.seats[0]!.usedAfter = 99;
    small.cost[0]!.after = 0;
    expect(record.seats[0]!.usedAfter).toBe(15);
    expect(record.cost[0]!.after).toBe(150);
    small.seats[0]!.usedAfter = 15;
    small.cost[0]!.after = 150;
  });

  it('keeps the warnings, at most five, when there are any', () => {
    const warned = recordImpact(
      { ...small, warnings: Array.from({ length: 7 }, (_, i) => `w${i}`) },
      [],
    );
    expect(warned.warnings).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
    expect('warnings' in recordImpact(small, [])).toBe(false);
  });

  it('bounds every list and every text, counting the SKUs left out', () => {
    const long = 'x'.repeat(impactRecordLimits.text + 50);
    const big: Impact = {
      ...small,
      conflictCount: 40,
      conflicts: Array.from({ length: 40 }, () => ({ conflict, sources: [], description: long })),
      seats: Array.from({ length: 25 }, (_, index) => seat(index, long)),
      cost: Array.from({ length: 9 }, (_, index) => ({
        currency: `C${index}`,
        before: 0,
        after: 1,
        delta: 1,
      })),
      unpriced: Array.from({ length: 30 }, () => long),
    };
    const record = recordImpact(
      big,
      Array.from({ length: 12 }, () => long),
    );
    expect(record.seats).toHaveLength(impactRecordLimits.seats);
    expect(record.moreSeats).toBe(25 - impactRecordLimits.seats);
    expect(record.cost).toHaveLength(impactRecordLimits.currencies);
    expect(record.unpriced).toHaveLength(impactRecordLimits.unpriced);
    expect(record.conflicts).toHaveLength(impactRecordLimits.conflicts);
    expect(record.conflictCount).toBe(40);
    expect(record.reasons).toHaveLength(impactRecordLimits.reasons);
    const texts = [
      ...record.seats.map((entry) => entry.name),
      ...record.unpriced,
      ...record.conflicts,
      ...record.reasons,
    ];
    expect(texts.every((text) => text.length === impactRecordLimits.text)).toBe(true);
    expect(texts.every((text) => text.endsWith('…'))).toBe(true);
  });
});

describe('newOperation with an impact', () => {
  const input = {
    id: 'op-1',
    tenantId: 't-1',
    kind: 'assign' as const,
    requester: { userId: 'u-0', displayName: 'Alex' },
    summary: 'Assign Microsoft 365 E3 to 1 user',
    items: [],
    now: new Date('2026-11-23T10:00:00.000Z'),
    expiresAfterMs: 3_600_000,
  };

  it('keeps the impact given', () => {
    const impact = recordImpact(small, []);
    expect(newOperation({ ...input, impact }).operation.impact).toEqual(impact);
  });

  it('has none when none is given', () => {
    expect(newOperation(input).operation).not.toHaveProperty('impact');
  });
});
