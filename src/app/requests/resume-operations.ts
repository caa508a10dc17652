import type { OperationState } from '../../domain/operations/operation.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from './request-deps.ts';
import { runOperation } from './run-operation.ts';

/** What one resume pass did: runs finished, runs another instance holds, runs that broke off. */
export interface ResumePass {
  finished: StoredOperation[];
  busy: number;
  failed: number;
}

export interface ResumeOptions {
  /**
   * An operation approved less than this long ago is left to the process that approved it (it
   * starts the run right after answering the click, and redraws the clicked card when it ends);
   * only one that has waited longer was left behind by a process that died. Default 60 s.
   */
  approvedGraceMs?: number;
}

const PAGE_SIZE = 100;
const DEFAULT_APPROVED_GRACE_MS = 60_000;

/** Every operation in `state`, every tenant, read in full before any run moves one out of it. */
async function allIn(deps: RequestDependencies, state: OperationState) {
  const found: StoredOperation[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await deps.operations.listByStateInAllTenants(state, {
      pageSize: PAGE_SIZE,
      ...(continuationToken !== undefined ? { continuationToken } : {}),
    });
    found.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return found;
}

/**
 * Picks up the runs a dead process left behind: operations still `approved` (it died before the
 * run started) and `running` ones whose runner's lease is free or expired. Each is run under its
 * lease (`runOperation`): items still planned run as usual, items found sent are settled by
 * reading the user's licenses, then the operation finishes and the notifier tells everyone. A run
 * whose lease another instance holds is left alone, so any number of instances may resume at once.
 */
export async function resumeOperations(
  deps: RequestDependencies,
  options: ResumeOptions = {},
): Promise<ResumePass> {
  const graceMs = options.approvedGraceMs ?? DEFAULT_APPROVED_GRACE_MS;
  const now = deps.clock.now().getTime();
  const approved = (await allIn(deps, 'approved')).filter(
    (operation) => Date.parse(operation.updatedAt) + graceMs <= now,
  );
  const left = [...(await allIn(deps, 'running')), ...approved];
  const pass: ResumePass = { finished: [], busy: 0, failed: 0 };
  for (const operation of left) {
    try {
      const finished = await runOperation(deps, operation.tenantId, operation.id);
      if (finished === undefined) {
        pass.busy += 1;
      } else {
        pass.finished.push(finished);
      }
    } catch (error) {
      pass.failed += 1;
      deps.logger.error(
        { err: error, operationId: operation.id, tenantId: operation.tenantId },
        'could not resume a run: trying again next time',
      );
    }
  }
  if (left.length > 0) {
    deps.logger.info(
      { found: left.length, finished: pass.finished.length, busy: pass.busy, failed: pass.failed },
      'resumed runs left unfinished',
    );
  }
  return pass;
}
