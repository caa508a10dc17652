import type { Impact } from '../planning/impact.ts';
import type { ScheduleBound } from './schedule.ts';

/** New seats a run takes: seats used after minus before, over the SKUs that gain. */
export function seatsTaken(impact: Pick<Impact, 'seats'>): number {
  return impact.seats.reduce((sum, seat) => sum + Math.max(0, seat.usedAfter - seat.usedBefore), 0);
}

/**
 * Why a recurring run may not go ahead on the rule's approval alone: more users or new seats
 * than the rule was approved for, or a SKU left short. Empty: it runs as approved.
 */
export function boundExceeded(
  impact: Pick<Impact, 'changeCount' | 'seats' | 'leavesShort'>,
  bound: ScheduleBound,
): string[] {
  const reasons: string[] = [];
  if (impact.changeCount > bound.users) {
    reasons.push(
      `${impact.changeCount} users would change: more than the ${bound.users} this schedule was approved for per run.`,
    );
  }
  const seats = seatsTaken(impact);
  if (seats > bound.seats) {
    reasons.push(
      `${seats} new seats: more than the ${bound.seats} this schedule was approved for per run.`,
    );
  }
  if (impact.leavesShort) {
    reasons.push('Not enough seats for every user of this run.');
  }
  return reasons;
}
