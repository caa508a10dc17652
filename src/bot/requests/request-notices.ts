import type { StoredOperation } from '../../app/ports/operation-store.ts';

/**
 * What the requester reads in their personal chat when their request changes, in plain words;
 * nothing for the changes they need not hear of (it started running, they cancelled it, or an
 * approver's own request was approved by the policy).
 */
export function noticeFor(operation: StoredOperation): string | undefined {
  const what = `"${operation.summary}"`;
  const by = operation.decidedBy?.displayName ?? 'an approver';
  const failures = operation.items
    .filter((item) => item.state === 'failed')
    .map((item) => `${item.displayName}: ${item.failure?.message ?? item.note ?? 'failed'}`);
  switch (operation.state) {
    case 'approved':
      return operation.autoApproved
        ? undefined
        : `Your request ${what} was approved by ${by}. I'm carrying it out now.`;
    case 'rejected':
      return `Your request ${what} was rejected by ${by}: ${operation.rejectionReason ?? ''}`;
    case 'succeeded':
      return `Done: ${what}.`;
    case 'partiallyFailed':
      return `Partly done: ${what}. Not done for ${failures.join('; ')}`;
    case 'failed':
      return `Not done: ${what}. ${failures.join('; ')}`;
    case 'expired':
      return `Your request ${what} expired: no approver decided on it in time. Ask again if it is still needed.`;
    case 'pending':
    case 'running':
    case 'cancelled':
      return undefined;
  }
}
