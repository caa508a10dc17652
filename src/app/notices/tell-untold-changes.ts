import type { ChangeNotice } from '../ports/change-notice-store.ts';
import { tellChanges, type ChangeSender, type TellDependencies } from './tell-changes.ts';

/**
 * What one pass did: operations told, left to a teller busy with them, told in part (the rest
 * is tried again next pass), failed ones, and whether the pass stopped early for shutdown.
 */
export interface TellPass {
  told: number;
  busy: number;
  unfinished: number;
  failed: number;
  stopped: boolean;
}

export interface TellPassOptions {
  /**
   * A change younger than this is left to the process that made it, which tells it right away;
   * only an older one untold was left by a process that died (or could not send). Default 30 s.
   */
  graceMs?: number;
  /**
   * Aborted when the process shuts down (the runs' stop signal): the pass tells no further
   * operation, so nothing is sent against a store being closed. The rest is the next start's.
   */
  signal?: AbortSignal;
}

const PAGE_SIZE = 100;
const DEFAULT_GRACE_MS = 30_000;

async function untoldNotices(
  deps: TellDependencies,
  tenantIds: readonly string[],
): Promise<ChangeNotice[]> {
  const found: ChangeNotice[] = [];
  for (const tenantId of tenantIds) {
    let continuationToken: string | undefined;
    do {
      const page = await deps.notices.listUntold(tenantId, {
        pageSize: PAGE_SIZE,
        ...(continuationToken !== undefined ? { continuationToken } : {}),
      });
      found.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken !== undefined);
  }
  return found;
}

/**
 * The background job's pass, for the tenants served (`tenantIds`): every change stored but not told (its process died between the
 * write and the messages, or Teams and the store could not be reached) is told now, each one
 * once, whichever instances run the job at the same time.
 */
export async function tellUntoldChanges(
  deps: TellDependencies,
  tenantIds: readonly string[],
  send: ChangeSender,
  options: TellPassOptions = {},
): Promise<TellPass> {
  const cutoff = deps.clock.now().getTime() - (options.graceMs ?? DEFAULT_GRACE_MS);
  const stopping = (): boolean => options.signal?.aborted === true;
  if (stopping()) {
    return { told: 0, busy: 0, unfinished: 0, failed: 0, stopped: true };
  }
  const due = (await untoldNotices(deps, tenantIds)).filter(
    (notice) => Date.parse(notice.updatedAt) <= cutoff,
  );
  const pass: TellPass = { told: 0, busy: 0, unfinished: 0, failed: 0, stopped: false };
  for (const notice of due) {
    if (stopping()) {
      pass.stopped = true;
      break;
    }
    try {
      const telling = await tellChanges(deps, notice.tenantId, notice.operationId, send);
      if (telling === 'told') {
        pass.told += 1;
      } else if (telling === 'busy') {
        pass.busy += 1;
      } else if (telling === 'unfinished') {
        pass.unfinished += 1;
      }
    } catch (error) {
      pass.failed += 1;
      deps.logger.error(
        { err: error, operationId: notice.operationId, tenantId: notice.tenantId },
        'could not tell a request change: trying again next time',
      );
    }
  }
  if (due.length > 0) {
    deps.logger.info({ found: due.length, ...pass }, 'told request changes left untold');
  }
  return pass;
}
