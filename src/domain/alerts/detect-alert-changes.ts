import type { AlertEntry, AlertFinding, AlertKind } from './alert.ts';

/** What one look found compared with the snapshot. */
export interface AlertChanges {
  /** Not open before (never seen, or solved and back again). */
  opened: AlertFinding[];
  /** Open before with another fingerprint (more users, another reason, another level). */
  changed: AlertFinding[];
  /** Open before, the same now; also open alerts of a kind this look could not check. */
  unchanged: AlertEntry[];
  /** Open before and not found now by a look that checked their kind. */
  solved: AlertEntry[];
  /**
   * Open before, gone now, and nothing to announce: a failed request is an event, not a state,
   * and leaves the list when it is older than the look's window.
   */
  dropped: AlertEntry[];
}

/** Kinds whose alerts leave quietly instead of being announced as solved. */
const EVENT_KINDS: ReadonlySet<AlertKind> = new Set(['operation-failed']);

/**
 * Compares a look's findings with the alerts the snapshot holds open. `checked` names the kinds
 * the look could read: an open alert of a kind it could not (Graph failed, or the tenant has no
 * such data) stays open, never reported solved because of an outage.
 */
export function detectAlertChanges(
  previous: readonly AlertEntry[],
  findings: readonly AlertFinding[],
  checked: ReadonlySet<AlertKind>,
): AlertChanges {
  const open = new Map(
    previous.filter((entry) => entry.solvedAt === undefined).map((e) => [e.finding.id, e]),
  );
  const found = new Set(findings.map((finding) => finding.id));
  const changes: AlertChanges = { opened: [], changed: [], unchanged: [], solved: [], dropped: [] };
  for (const finding of findings) {
    const before = open.get(finding.id);
    if (before === undefined) {
      changes.opened.push(finding);
    } else if (before.finding.fingerprint === finding.fingerprint) {
      changes.unchanged.push({ ...before, finding });
    } else {
      changes.changed.push(finding);
    }
  }
  for (const [id, entry] of open) {
    if (found.has(id)) {
      continue;
    }
    if (!checked.has(entry.finding.kind)) {
      changes.unchanged.push(entry);
    } else if (EVENT_KINDS.has(entry.finding.kind)) {
      changes.dropped.push(entry);
    } else {
      changes.solved.push(entry);
    }
  }
  return changes;
}
