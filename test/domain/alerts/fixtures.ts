import type { AlertDelivery, AlertEntry, AlertFinding } from '../../../src/domain/alerts/alert.ts';

/** A finding of the Contractors group, or any kind, with a fingerprint to vary. */
export function finding(
  id: string,
  fingerprint = 'users=3',
  overrides: Partial<AlertFinding> = {},
) {
  const kind = (id.split(':')[0] ?? 'group-errors') as AlertFinding['kind'];
  return {
    id,
    kind,
    fingerprint,
    title: `Problem ${id}`,
    users: 3,
    reason: 'Not enough licenses',
    fix: { kind: 'group', groupId: 'g-contractors' },
    ...overrides,
  } satisfies AlertFinding;
}

export const T0 = '2026-12-06T08:00:00.000Z';
export const T1 = '2026-12-06T08:05:00.000Z';

/** An entry as the snapshot keeps it, open unless `solvedAt` is given. */
export function entry(
  found: AlertFinding,
  deliveries: AlertDelivery[] = [],
  solvedAt?: string,
): AlertEntry {
  return {
    finding: found,
    openedAt: T0,
    changedAt: T0,
    ...(solvedAt !== undefined ? { solvedAt } : {}),
    deliveries,
  };
}

/** A message in `conversationId` showing `fingerprint`. */
export function sent(
  conversationId: string,
  fingerprint: string,
  overrides: Partial<AlertDelivery> = {},
): AlertDelivery {
  return {
    conversationId,
    activityId: `act-${conversationId}`,
    summary: false,
    fingerprint,
    solved: false,
    at: T0,
    ...overrides,
  };
}
