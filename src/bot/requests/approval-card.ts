import { formatDue } from '../../app/schedules/schedule-use-cases.ts';
import type { Attachment } from 'botbuilder';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { Sku } from '../../domain/licensing.ts';
import {
  failureFixes,
  requestForItem,
  shortfallFixes,
  type Fix,
} from '../../domain/planning/fixes.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import { recordImpact, type ImpactRecord } from '../../domain/planning/impact-record.ts';
import { outcomeCounts } from '../../domain/operations/outcome.ts';
import { formatMoney, formatMoneyChange } from '../../domain/prices/money.ts';
import type { ApprovalCardData } from '../cards/card-data.ts';
import { renderCard } from '../cards/render-card.ts';
import { mayDecide } from '../../domain/policy/decide-approval.ts';
import { approvalProgress } from './approval-progress.ts';
import { fixButtons } from './fix-buttons.ts';

/**
 * When a scheduled request runs, and which schedule made a run: an approver reads it before
 * deciding, and a requester sees why it has not started yet.
 */
function scheduleLines(operation: StoredOperation): string[] {
  const origin = operation.schedule;
  const zone = origin?.timeZone ?? 'UTC';
  const lines: string[] = [];
  if (operation.startAt !== undefined && operation.startedAt === undefined) {
    lines.push(`Scheduled: starts ${formatDue(new Date(operation.startAt), zone)}, not before.`);
  }
  if (origin?.ruleApprovedBy) {
    const late = origin.late ? ' (late: License Desk was not running at its time)' : '';
    lines.push(
      `A run of the schedule ${origin.timing}, approved by ${origin.ruleApprovedBy.displayName}, due ${formatDue(new Date(origin.dueAt), zone)}${late}.`,
    );
  }
  return lines;
}
/** Who looks at the card: approvers who did not ask get the buttons. */
export interface Viewer {
  userId: string;
  isApprover: boolean;
}

const MAX_REFRESH_USERS = 60;

/** The impact as lines an approver reads: seats, cost, no-ops, conflicts, locations, refusals. */
export function impactLines(impact: ImpactRecord): string[] {
  const lines = impact.seats.map(
    (seat) =>
      `${seat.name}: ${seat.usedBefore} → ${seat.usedAfter} of ${seat.total} seats used` +
      (seat.shortfall > 0 ? ` (${seat.shortfall} short: buy more first)` : ''),
  );
  if (impact.moreSeats > 0) {
    lines.push(`… and ${impact.moreSeats} more licenses`);
  }
  for (const cost of impact.cost) {
    const money = (amount: number) => formatMoney(amount, cost.currency);
    lines.push(
      `Monthly cost: ${money(cost.before)} → ${money(cost.after)} (${formatMoneyChange(cost.delta, cost.currency)})`,
    );
  }
  if (impact.cost.length > 1) {
    // Prices kept in several currencies: a total would add dollars to euros.
    const currencies = impact.cost.map((cost) => cost.currency).join(', ');
    lines.push(
      `Costs are in ${impact.cost.length} currencies (${currencies}), each on its own line: not added up.`,
    );
  }
  if (impact.unpriced.length > 0) {
    lines.push(`No price on record for ${impact.unpriced.join(', ')}`);
  }
  if (impact.noopCount > 0) {
    lines.push(`${impact.noopCount} already in that state: nothing to do for them`);
  }
  if (impact.blockedCount > 0) {
    lines.push(`${impact.blockedCount} cannot get it as asked and will be skipped`);
  }
  if (impact.usageLocationsToSet > 0) {
    lines.push(`${impact.usageLocationsToSet} will get a usage location first`);
  }
  if (impact.conflictCount > 0) {
    lines.push(`${impact.conflictCount} plan conflict(s): Microsoft 365 may refuse them`);
    // Both plans by name, so the fix buttons below make sense; a bulk request lists a few.
    lines.push(...impact.conflicts.map((description) => `• ${description}`));
  }
  lines.push(...(impact.warnings ?? []).map((warning) => `⚠ ${warning}`));
  return lines;
}

/** "12 done, 1 failed, 987 not done" for a run stopped half-way. */
function stoppedCounts(operation: StoredOperation): string {
  const outcome = operation.outcome;
  if (outcome === undefined) {
    return 'what was done is being counted';
  }
  const n = (value: number) => value.toLocaleString('en-US');
  const { done, failed, skipped } = outcome.counts;
  const otherSkipped = skipped - outcome.notReached;
  return [
    `${n(done)} done`,
    ...(failed > 0 ? [`${n(failed)} failed`] : []),
    ...(otherSkipped > 0 ? [`${n(otherSkipped)} skipped`] : []),
    `${n(outcome.notReached)} not done`,
  ].join(', ');
}

/** Who a pending request waits for: an approver, or the second of two after the first. */
function waitingFor(operation: StoredOperation): string {
  const needed = operation.approversNeeded ?? 1;
  const given = operation.approvals ?? [];
  if (given.length > 0) {
    const names = given.map((approval) => approval.by.displayName).join(', ');
    return `Approved by ${names} (${given.length} of ${needed}): waiting for another approver`;
  }
  return needed > 1 ? `Waiting for ${needed} different approvers` : 'Waiting for an approver';
}

/** A paused pilot: what it did, and what happens next. */
function pilotDone(operation: StoredOperation): string {
  const counts = operation.checkpoint?.counts;
  const did = counts
    ? ` (${counts.done.toLocaleString('en-US')} done, ${counts.failed.toLocaleString('en-US')} failed)`
    : '';
  const left = counts ? `the other ${counts.planned.toLocaleString('en-US')} users` : 'the rest';
  return `Pilot of ${(operation.pilot?.size ?? 0).toLocaleString('en-US')} users done${did}: an approver continues it for ${left}, or stops it`;
}

/** Approved by License Desk itself: as a setting allowed (its reason), or by the policy. */
function autoApprovedText(operation: StoredOperation): string {
  const reason = operation.events.find((event) => event.type === 'autoApprove')?.reason;
  return reason ? `Approved automatically (${reason})` : 'Approved (an approver asked for it)';
}

function stateOf(operation: StoredOperation): Pick<ApprovalCardData, 'stateText' | 'stateColor'> {
  const by = operation.decidedBy?.displayName ?? 'an approver';
  switch (operation.state) {
    case 'pending':
      return { stateText: waitingFor(operation), stateColor: 'Warning' };
    case 'approved':
      return operation.autoApproved
        ? { stateText: `${autoApprovedText(operation)}: about to run`, stateColor: 'Accent' }
        : { stateText: `Approved by ${by}: about to run`, stateColor: 'Accent' };
    case 'paused':
      return { stateText: pilotDone(operation), stateColor: 'Warning' };
    case 'running':
      return operation.cancelRequested
        ? {
            stateText: `Stopping: ${operation.cancelRequested.by.displayName} stopped the run; what is in Microsoft 365 already finishes`,
            stateColor: 'Warning',
          }
        : operation.group
          ? { stateText: groupRunning(operation), stateColor: 'Accent' }
          : { stateText: 'Running…', stateColor: 'Accent' };
    case 'succeeded':
      return { stateText: 'Done', stateColor: 'Good' };
    case 'partiallyFailed':
      return { stateText: 'Partly done: some users failed', stateColor: 'Attention' };
    case 'failed':
      return { stateText: 'Failed', stateColor: 'Attention' };
    case 'rejected':
      return {
        stateText: `Rejected by ${by}: ${operation.rejectionReason ?? ''}`,
        stateColor: 'Attention',
      };
    case 'expired':
      return { stateText: 'Expired before anyone decided', stateColor: 'Default' };
    case 'cancelled':
      return operation.cancelRequested
        ? {
            stateText: `Stopped by ${operation.cancelRequested.by.displayName}: ${stoppedCounts(operation)}`,
            stateColor: 'Warning',
          }
        : { stateText: 'Cancelled by the requester', stateColor: 'Default' };
  }
}

const stateWords: Record<string, string> = {
  planned: 'to do',
  sent: 'sent',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'not done',
};

const count = (value: number) => value.toLocaleString('en-US');

/** "Alex, Ben, Cleo and 9 more". */
export function namesAndMore(names: readonly string[], total: number): string {
  const more = total - names.length;
  return more > 0 ? `${names.join(', ')} and ${count(more)} more` : names.join(', ');
}

/**
 * What the run did, once it has ended: each user's result when the card can name them all,
 * otherwise the failures and skips grouped by reason (the CSV has every user).
 */
function resultLines(operation: StoredOperation): string[] {
  const outcome = operation.outcome;
  if (outcome === undefined) {
    return [];
  }
  if (operation.group) {
    return groupResultLines(operation.group.displayName, outcome);
  }
  if (operation.userCount <= operation.firstUsers.length && outcome.unreadable === undefined) {
    const names = new Map(operation.firstUsers.map((user) => [user.userId, user.displayName]));
    return outcome.firstResults.map((result) => {
      const name = names.get(result.userId) ?? result.userId;
      const word = stateWords[result.state] ?? result.state;
      return `${name}: ${word}${result.note ? ` (${result.note})` : ''}`;
    });
  }
  const lines = [`Result: ${outcomeCounts(outcome)}`];
  for (const group of outcome.failures) {
    lines.push(
      `Failed for ${count(group.count)}: ${group.reason} (${namesAndMore(group.names, group.count)})`,
    );
  }
  if (outcome.otherFailures > 0) {
    lines.push(
      outcome.unreadable === undefined
        ? `Failed for ${count(outcome.otherFailures)} more, for other reasons`
        : `Failed for ${count(outcome.otherFailures)}: ${outcome.unreadable}`,
    );
  }
  for (const group of outcome.skips) {
    lines.push(`Skipped ${count(group.count)}: ${group.reason}`);
  }
  return lines;
}

/** A group change's result: members licensed, members in error by reason. */
function groupResultLines(
  groupName: string,
  outcome: NonNullable<StoredOperation['outcome']>,
): string[] {
  const { done, failed } = outcome.counts;
  const errors = outcome.groupErrors ?? [];
  const lines = [
    failed === 0
      ? `Result: Entra applied it to "${groupName}": ${count(done)} without a license error`
      : `Result: ${count(done)} without a license error, ${count(failed)} in error`,
  ];
  for (const error of errors) {
    lines.push(
      error.names.length > 0
        ? `In error, ${count(error.count)}: ${error.reason} (${namesAndMore(error.names, error.count)})`
        : error.reason,
    );
  }
  if (failed > 0) {
    lines.push(`Type \`group ${groupName}\` for the members in error and their fixes.`);
  }
  return lines;
}

const processingWords: Record<string, string> = {
  QueuedForProcessing: 'queued: Entra has not started on the members yet',
  ProcessingInProgress: 'in progress: Entra is applying it to the members',
  ProcessingComplete: 'complete: reading the members in error',
  ProcessingFailed: 'failed: reading the members in error',
};

/** A running group change: sent or not, and Entra's processing as last read. */
function groupRunning(operation: StoredOperation): string {
  const progress = operation.checkpoint?.group;
  if (progress?.sentAt === undefined) {
    return `Sending the change to the group "${operation.group?.displayName ?? ''}"…`;
  }
  const words = processingWords[progress.processing ?? ''] ?? 'waiting for Entra';
  return `Sent to Microsoft 365. Processing ${words} (checked ${progress.checks} time${progress.checks === 1 ? '' : 's'})`;
}

/**
 * Whether the card would show failed users, whose fix buttons name products and plans from the
 * tenant's SKUs: callers read the SKUs only then.
 */
export function showsFailures(operation: StoredOperation): boolean {
  return (operation.outcome?.failures.length ?? 0) > 0;
}

/**
 * The fixes of each group of failed users: who holds a SKU out of seats, and a corrected request
 * for the whole group when one request can name them all.
 */
function failedItemFixes(operation: StoredOperation, skus: readonly Sku[]): Fix[] {
  return (operation.outcome?.failures ?? []).flatMap((group) => {
    const { failure } = group.first;
    if (!failure) {
      return [];
    }
    const asked = group.sameChangeIsAll
      ? requestForItem(group.first, skus, operation.justification)
      : undefined;
    const request = asked ? { ...asked, users: group.sameChange } : undefined;
    return failureFixes(failure, {
      skus,
      shortfall: failure.code === 'NO_SEATS' ? group.count : 1,
      ...(request ? { request } : {}),
    });
  });
}

/** Once a group covers members who hold the license directly too: remove those direct ones. */
function directLicenseFixes(operation: StoredOperation): Fix[] {
  const group = operation.group;
  return (operation.outcome?.directAlso ?? []).map((entry) => ({
    kind: 'request',
    title:
      entry.count > entry.addresses.length
        ? `Remove the direct ${entry.skuPartNumber} of the first ${entry.addresses.length} of ${count(entry.count)} members the group covers`
        : `Remove the direct ${entry.skuPartNumber} of ${count(entry.count)} member${entry.count === 1 ? '' : 's'} the group covers`,
    request: {
      kind: 'remove',
      license: { scope: 'sku', sku: entry.skuPartNumber },
      users: entry.addresses,
      justification: `the group "${group?.displayName ?? ''}" now gives them ${entry.skuPartNumber}`,
    },
  }));
}

function fixesOf(
  operation: StoredOperation,
  options: { impact?: Impact; fixes?: readonly Fix[]; skus?: readonly Sku[] },
): Pick<ApprovalCardData, 'fixes' | 'hasFixes'> {
  const fixes = fixButtons([
    ...(options.impact ? shortfallFixes(options.impact.seats) : []),
    ...(options.fixes ?? []),
    ...failedItemFixes(operation, options.skus ?? []),
    ...directLicenseFixes(operation),
  ]);
  return { fixes, hasFixes: fixes.length > 0 };
}

/** For whom, by name: the first users only, so a bulk request's card stays under 28 KB. */
function targetNames(operation: StoredOperation): string {
  if (operation.group) {
    return `Every member of the group "${operation.group.displayName}" (${count(operation.userCount)} now)`;
  }
  const names = namesAndMore(
    operation.firstUsers.map((user) => user.displayName),
    operation.userCount,
  );
  // A bulk request says whom it selected and how that counted, then the first names.
  return operation.selection ? `${operation.selection.counted}: ${names}` : names;
}

/**
 * Cancel (a pending request, for its requester) or Stop (a run, for its requester and the
 * approvers: the approvers' posted copies have no viewer, and a click is authorised again).
 */
function cancelButton(
  operation: StoredOperation,
  viewer: Viewer | undefined,
): Pick<ApprovalCardData, 'canCancel' | 'cancelTitle'> {
  const isRequester = viewer?.userId === operation.requester.userId;
  if (operation.state === 'pending') {
    return { canCancel: isRequester, cancelTitle: 'Cancel request' };
  }
  const mayStop = viewer === undefined || isRequester || viewer.isApprover;
  if (operation.state === 'approved' && operation.startAt !== undefined && !operation.startedAt) {
    // Approved for a later time: nothing was sent, so it can still simply be cancelled.
    return { canCancel: mayStop, cancelTitle: 'Cancel before it starts' };
  }
  // A group's change is one call Entra then applies on its own: there is nothing left to stop.
  const started =
    (operation.state === 'running' || operation.state === 'paused') &&
    operation.group === undefined;
  return {
    canCancel: started && !operation.cancelRequested && mayStop,
    cancelTitle: 'Stop the run',
  };
}

/**
 * The request card: what, for whom, why, the impact, each user's state or result, and Approve /
 * Reject for approvers other than the requester. The impact and the policy's reasons are the
 * ones saved with the request unless the caller passes them (just planned): every redraw and
 * every copy shows the same ones.
 */
export function approvalCard(
  operation: StoredOperation,
  options: {
    viewer?: Viewer;
    impact?: Impact;
    reasons?: string[];
    refreshUserIds?: string[];
    /** Fixes the caller knows of (a conflict's, from the request as typed). */
    fixes?: readonly Fix[];
    /** The tenant's SKUs, to name products and plans on the fix buttons of failed users. */
    skus?: readonly Sku[];
  },
): Attachment {
  const viewer = options.viewer;
  const canDecide =
    operation.state === 'pending' && (viewer === undefined || mayDecide(operation, viewer));
  // A paused pilot is continued by an approver other than the requester, as it was approved.
  const canContinue =
    operation.state === 'paused' &&
    (viewer === undefined || (viewer.isApprover && viewer.userId !== operation.requester.userId));
  const impact = options.impact
    ? recordImpact(options.impact, options.reasons ?? [])
    : operation.impact;
  // Reasons passed without an impact (a post of a just-stored request) are shown as given.
  const reasons = options.reasons && !options.impact ? options.reasons : (impact?.reasons ?? []);
  const data: ApprovalCardData = {
    operationId: operation.id,
    title: `License request: ${operation.summary}`,
    ...stateOf(operation),
    requester: operation.requester.displayName,
    targets: targetNames(operation),
    summary: operation.summary,
    justification: operation.justification ?? '(none given)',
    impact: [
      ...scheduleLines(operation),
      ...(impact ? impactLines(impact) : []),
      ...resultLines(operation),
    ].map((line) => ({
      line,
    })),
    policyNote: reasons.join(' '),
    ...fixesOf(operation, options),
    canDecide,
    canContinue,
    ...cancelButton(operation, viewer),
    // Every user's result is on the card when it can name them all; otherwise in the CSV.
    canExport:
      operation.group === undefined &&
      operation.outcome !== undefined &&
      operation.userCount > operation.firstUsers.length,
    // Until then, every user's planned change is in the preview CSV.
    canPreview:
      operation.group === undefined &&
      (operation.state === 'pending' || operation.state === 'approved') &&
      operation.outcome === undefined &&
      operation.userCount > operation.firstUsers.length,
    refreshUserIds: (options.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS),
    progress: approvalProgress(operation),
  };
  return renderCard('approval', data);
}
