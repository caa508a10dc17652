import type { CostImpact, Impact, SeatImpact } from './impact.ts';

/**
 * The impact as the request keeps it: a plain snapshot written once when the request is made and
 * never changed, so every copy of its card, drawn at any later state, shows what the approver was
 * asked to weigh ("seats 14 → 15 of 15, cost +10 USD"). Bounded: it rides on the operation's
 * document and on a card that must stay under 28 KB.
 */
export interface ImpactRecord {
  /** Seats per SKU before → after, the first few SKUs the request touches. */
  seats: SeatImpact[];
  /** SKUs touched beyond those in `seats`. */
  moreSeats: number;
  cost: CostImpact[];
  /** SKUs touched that have no price in the table, the first few. */
  unpriced: string[];
  noopCount: number;
  blockedCount: number;
  usageLocationsToSet: number;
  conflictCount: number;
  /** The first distinct conflicts in words: both plans and the licenses they come from. */
  conflicts: string[];
  /** Why the policy asked an approver; none when it let the request run. */
  reasons: string[];
  /** Licenses held twice, data at risk (absent on requests made before they were kept). */
  warnings?: string[];
}

/** How much of each list is kept: more would only make the card too long to read. */
export const impactRecordLimits = {
  seats: 10,
  currencies: 5,
  unpriced: 10,
  conflicts: 3,
  reasons: 5,
  warnings: 5,
  /** Characters of one name, conflict or reason. */
  text: 300,
} as const;

const clip = (text: string): string =>
  text.length > impactRecordLimits.text ? `${text.slice(0, impactRecordLimits.text - 1)}…` : text;

/** The snapshot of a just-planned impact and the policy's reasons, to save with the request. */
export function recordImpact(impact: Impact, reasons: readonly string[]): ImpactRecord {
  const seats = impact.seats.slice(0, impactRecordLimits.seats);
  return {
    seats: seats.map((seat) => ({ ...seat, name: clip(seat.name) })),
    moreSeats: impact.seats.length - seats.length,
    cost: impact.cost.slice(0, impactRecordLimits.currencies).map((cost) => ({ ...cost })),
    unpriced: impact.unpriced.slice(0, impactRecordLimits.unpriced).map(clip),
    noopCount: impact.noopCount,
    blockedCount: impact.blockedCount,
    usageLocationsToSet: impact.usageLocationsToSet,
    conflictCount: impact.conflictCount,
    conflicts: impact.conflicts
      .slice(0, impactRecordLimits.conflicts)
      .map((detail) => clip(detail.description)),
    reasons: reasons.slice(0, impactRecordLimits.reasons).map(clip),
    ...(impact.warnings.length > 0
      ? { warnings: impact.warnings.slice(0, impactRecordLimits.warnings).map(clip) }
      : {}),
  };
}
