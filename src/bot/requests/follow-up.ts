import { runOperation } from '../../app/runs/run-operation.ts';
import type { CommandTurn } from '../routing/command.ts';

/**
 * After the answer: runs the approved operation against Graph. The run tells the notifier when it
 * starts and ends, which redraws every copy of the card and tells the requester. `runOperation`
 * tracks itself in the process's runs in flight, so a shutdown stops it between items and waits.
 */
export function runAfterAnswer(turn: CommandTurn, operationId: string): void {
  const { deps, caller, outbox } = turn;
  outbox.later('running an approved request', async () => {
    await runOperation(deps.requests, caller.tenantId, operationId);
  });
}
