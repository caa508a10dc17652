import type { StoredOperation } from '../../app/ports/operation-store.ts';
import { escapeCardMarkdown } from '../../domain/text/escape-card-markdown.ts';

/**
 * What the requester reads in their personal chat when their request changes, in plain words;
 * nothing for the changes they need not hear of (it started running, they cancelled it, or an
 * approver's own request was approved by the policy).
 */
function stopped(operation: StoredOperation): string {
  const count = (state: string) => operation.items.filter((item) => item.state === state).length;
  return `${count('done')} done, ${count('failed')} failed, ${count('skipped')} not done`;
}

export function noticeFor(operation: StoredOperation): string | undefined {
  // Teams reads a bot's message as Markdown: names and a reason someone else typed show as typed.
  const plain = escapeCardMarkdown;
  const what = `"${plain(operation.summary)}"`;
  const by = plain(operation.decidedBy?.displayName ?? 'an approver');
  const failures = operation.items
    .filter((item) => item.state === 'failed')
    .map(
      (item) =>
        `${plain(item.displayName)}: ${plain(item.failure?.message ?? item.note ?? 'failed')}`,
    );
  switch (operation.state) {
    case 'approved':
      return operation.autoApproved
        ? undefined
        : `Your request ${what} was approved by ${by}. I'm carrying it out now.`;
    case 'rejected':
      return `Your request ${what} was rejected by ${by}: ${plain(operation.rejectionReason ?? '')}`;
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
      return operation.cancelRequested
        ? `Stopped: ${what}. ${plain(operation.cancelRequested.by.displayName)} stopped the run: ${stopped(operation)}.`
        : undefined;
    case 'pending':
    case 'running':
      return undefined;
  }
}
