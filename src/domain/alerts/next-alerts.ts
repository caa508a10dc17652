import type { AlertDelivery, AlertEntry } from './alert.ts';
import type { AlertChanges } from './detect-alert-changes.ts';

/** Whether a message still shows an alert as it is not: open when solved, or an older count. */
export function deliveryIsStale(entry: AlertEntry, delivery: AlertDelivery): boolean {
  if (entry.solvedAt !== undefined) {
    return !delivery.solved;
  }
  return delivery.solved || delivery.fingerprint !== entry.finding.fingerprint;
}

/** A message that can be updated in place (its id is known) and shows something out of date. */
const awaitsUpdate = (entry: AlertEntry, delivery: AlertDelivery): boolean =>
  delivery.activityId !== undefined && deliveryIsStale(entry, delivery);

/**
 * The snapshot's alerts after a look: new ones open, changed ones with their new finding, solved
 * ones marked so. Messages in conversations no longer subscribed are forgotten, and a solved alert
 * leaves the snapshot once every message that shows it says so (it has nothing more to tell).
 */
export function nextAlerts(
  previous: readonly AlertEntry[],
  changes: AlertChanges,
  now: string,
  subscribers: ReadonlySet<string>,
): AlertEntry[] {
  const replaced = new Map<string, AlertEntry>();
  for (const entry of changes.unchanged) {
    replaced.set(entry.finding.id, entry);
  }
  for (const entry of changes.solved) {
    replaced.set(entry.finding.id, { ...entry, solvedAt: now });
  }
  const before = new Map(previous.map((entry) => [entry.finding.id, entry]));
  for (const finding of changes.changed) {
    // `changed` holds only findings open in `previous`.
    const entry = before.get(finding.id)!;
    replaced.set(finding.id, { ...entry, finding, changedAt: now });
  }
  const opened = new Set(changes.opened.map((finding) => finding.id));
  const dropped = new Set(changes.dropped.map((entry) => entry.finding.id));
  const kept = previous
    .filter((entry) => !opened.has(entry.finding.id) && !dropped.has(entry.finding.id))
    .map((entry) => replaced.get(entry.finding.id) ?? entry);
  const fresh = changes.opened.map((finding): AlertEntry => ({
    finding,
    openedAt: now,
    changedAt: now,
    deliveries: [],
  }));
  return [...kept, ...fresh]
    .map((entry) => ({
      ...entry,
      deliveries: entry.deliveries.filter((d) => subscribers.has(d.conversationId)),
    }))
    .filter(
      (entry) =>
        entry.solvedAt === undefined || entry.deliveries.some((d) => awaitsUpdate(entry, d)),
    );
}
