import { describe, expect, it } from 'vitest';
import { availableSeats } from '../../src/domain/licensing.ts';

describe('availableSeats', () => {
  it('is the enabled seats less the consumed ones', () => {
    expect(availableSeats({ consumedUnits: 423, prepaidUnits: enabled(500) })).toBe(77);
  });

  it('goes negative when the tenant is over-assigned', () => {
    expect(availableSeats({ consumedUnits: 12, prepaidUnits: enabled(10) })).toBe(-2);
  });
});

function enabled(seats: number) {
  return { enabled: seats, warning: 0, suspended: 0, lockedOut: 0 };
}
