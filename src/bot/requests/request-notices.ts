import type { StoredOperation } from '../../app/ports/operation-store.ts';
import { formatDue } from '../../app/schedules/schedule-use-cases.ts';
import { namesAndMore } from './approval-card.ts';
import { escapeCardMarkdown } from '../../domain/text/escape-card-markdown.ts';

/**
 * What the requester reads in their personal chat when their request changes, in plain words;
 * nothing for the changes they need not hear of (it started running, they cancelled it, or an
 * approver's own request was approved by the policy).
 */
function stopped(operation: StoredOperation): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const outcome = operation.outcome;
  if (outcome === undefined) {
    return 'see the card for what was done';
  }
  const { done, failed } = outcome.counts;
  return `${n(done)} done, ${n(failed)} failed, ${n(outcome.notReached)} not done`;
}

/** "Alex, Ben and 10 more: No seats left…" per reason; the card and its CSV have the rest. */
function failuresOf(operation: StoredOperation, plain: (text: string) => string): string[] {
  const outcome = operation.outcome;
  if (outcome === undefined) {
    return [];
  }
  const lines = outcome.failures.map(
    (group) => `${namesAndMore(group.names.map(plain), group.count)}: ${plain(group.reason)}`,
  );
  if (outcome.otherFailures > 0) {
    const others = outcome.otherFailures.toLocaleString('en-US');
    lines.push(
      outcome.unreadable === undefined
        ? `${others} more for other reasons`
        : `${others} users: ${plain(outcome.unreadable)}`,
    );
  }
  return lines;
}

/** Approved for a later time and not started: the schedule starts it then. */
const waitsForItsTime = (operation: StoredOperation): boolean =>
  operation.startAt !== undefined &&
  operation.startedAt === undefined &&
  Date.parse(operation.startAt) > Date.parse(operation.updatedAt);

export function noticeFor(operation: StoredOperation): string | undefined {
  // Teams reads a bot's message as Markdown: names and a reason someone else typed show as typed.
  const plain = escapeCardMarkdown;
  const what = `"${plain(operation.summary)}"`;
  const by = plain(operation.decidedBy?.displayName ?? 'an approver');
  const failures = failuresOf(operation, plain);
  switch (operation.state) {
    case 'approved':
      if (operation.autoApproved) {
        return undefined;
      }
      return waitsForItsTime(operation)
        ? `Your request ${what} was approved by ${by}. It starts ${formatDue(new Date(operation.startAt!), operation.schedule?.timeZone ?? 'UTC')}, by itself.`
        : `Your request ${what} was approved by ${by}. I'm carrying it out now.`;
    case 'rejected':
      return `Your request ${what} was rejected by ${by}: ${plain(operation.rejectionReason ?? '')}`;
    case 'paused': {
      const counts = operation.checkpoint?.counts;
      const did = counts ? `: ${counts.done} done, ${counts.failed} failed` : '';
      return `The pilot of your request ${what} is done${did}. An approver continues it for everyone else, or stops it.`;
    }
    case 'succeeded':
      return `Done: ${what}.`;
    case 'partiallyFailed':
      return `Partly done: ${what}. Not done for ${failures.join('; ')}`;
    case 'failed':
      return `Not done: ${what}. ${failures.join('; ')}`;
    case 'expired':
      return `Your request ${what} expired: no approver decided on it in time. Ask again if it is still needed.`;
    case 'cancelled':
      // A run someone stopped half-way; a request its asker cancelled needs no notice.
      if (operation.cancelRequested && operation.startedAt === undefined) {
        return operation.cancelRequested.by.userId === operation.requester.userId
          ? undefined
          : `Cancelled before its time: ${what}. ${plain(operation.cancelRequested.by.displayName)} cancelled it; nothing was changed.`;
      }
      return operation.cancelRequested
        ? `Stopped: ${what}. ${plain(operation.cancelRequested.by.displayName)} stopped the run: ${stopped(operation)}.`
        : undefined;
    case 'pending':
    case 'running':
      return undefined;
  }
}
