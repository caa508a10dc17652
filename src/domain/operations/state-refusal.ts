import type { Operation } from './operation.ts';
import type { TransitionRefusal } from './transition-refusal.ts';

const nameOf = (person: { displayName: string } | undefined): string =>
  person?.displayName ?? 'an approver';

/** Why nothing more can be decided on an operation in its current state; undefined if pending. */
export function refusalFromState(operation: Operation): TransitionRefusal | undefined {
  switch (operation.state) {
    case 'pending':
      return undefined;
    case 'approved':
      return {
        code: 'ALREADY_APPROVED',
        message: operation.autoApproved
          ? 'This request was approved automatically and is about to run.'
          : `This request was already approved by ${nameOf(operation.decidedBy)}.`,
      };
    case 'rejected':
      return {
        code: 'ALREADY_DECIDED',
        message: `This request was already rejected by ${nameOf(operation.decidedBy)}: ${operation.rejectionReason ?? 'no reason given'}.`,
      };
    case 'cancelled':
      return { code: 'ALREADY_DECIDED', message: 'This request was cancelled by the requester.' };
    case 'expired':
      return {
        code: 'EXPIRED',
        message: 'This request expired before anyone approved it. Ask again if it is still needed.',
      };
    case 'running':
      return { code: 'ALREADY_RUNNING', message: 'This request is already running.' };
    case 'paused':
      return {
        code: 'PILOT_DONE',
        message: 'Its pilot is done: an approver continues it for everyone else, or stops it.',
      };
    case 'succeeded':
    case 'partiallyFailed':
    case 'failed':
      return { code: 'ALREADY_FINISHED', message: 'This request has already run.' };
  }
}
