import type { AlertFinding } from '../../domain/alerts/alert.ts';
import type { OperationState } from '../../domain/operations/operation.ts';
import type { OperationStore, StoredOperation } from '../ports/operation-store.ts';

/** How far back failed requests are announced, and how many of each state at most. */
export const FAILED_WINDOW_DAYS = 7;
const READ_PER_STATE = 20;
const DAY_MS = 86_400_000;

const FAILED_STATES: readonly OperationState[] = ['failed', 'partiallyFailed'];

function finding(operation: StoredOperation): AlertFinding {
  const failed = operation.outcome?.counts.failed ?? 0;
  const whole = operation.state === 'failed';
  const first = operation.outcome?.failures[0];
  return {
    id: `operation-failed:${operation.id}`,
    kind: 'operation-failed',
    fingerprint: `${operation.state}:${failed}`,
    title: `Request ${whole ? 'failed' : 'partly failed'}: ${operation.summary}`,
    users: failed,
    reason:
      first === undefined
        ? 'The run ended in failure: its card says what happened.'
        : `${first.reason}${operation.outcome!.failures.length > 1 ? ' (and other reasons: see its results)' : ''}`,
    fix: { kind: 'operation', operationId: operation.id },
  };
}

/** Requests whose run failed, wholly or in part, that ended within the last 7 days. */
export async function operationFindings(
  operations: Pick<OperationStore, 'listByState'>,
  tenantId: string,
  now: Date,
): Promise<AlertFinding[]> {
  const since = now.getTime() - FAILED_WINDOW_DAYS * DAY_MS;
  const findings: AlertFinding[] = [];
  for (const state of FAILED_STATES) {
    const { items } = await operations.listByState(tenantId, state, { pageSize: READ_PER_STATE });
    for (const operation of items) {
      const ended = Date.parse(operation.finishedAt ?? operation.updatedAt);
      if (ended >= since) {
        findings.push(finding(operation));
      }
    }
  }
  return findings;
}
