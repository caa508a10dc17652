import type { OperationEvent } from '../../domain/operations/operation.ts';
import type { ChangeNotice, ChangeNoticeStore } from '../ports/change-notice-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { OperationStore, StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';

/**
 * Sends what the events mean: every card copy redrawn from `operation` (read just now, so the
 * latest state), and the requester told of each event. Failures of single messages are the
 * sender's to log; a throw means nothing can be sent now, and the events are told again later.
 */
export type ChangeSender = (operation: StoredOperation, events: OperationEvent[]) => Promise<void>;

/** What telling changes works with. */
export interface TellDependencies {
  operations: OperationStore;
  notices: ChangeNoticeStore;
  clock: Clock;
  logger: Logger;
  /** Makes the token of one telling, so two tellers in one process tell their claims apart. */
  newId(): string;
}

/** What became of one call: told, nothing left to tell, or someone else is telling it now. */
export type Telling = 'told' | 'nothingToTell' | 'busy';

/** A claim older than this was left by a teller that died: another may take it over. */
export const CLAIM_MS = 5 * 60_000;

// A transition still on its way after this long is not coming.
const STALE_DUE_MS = 60_000;

// A run of quick changes (approved, running, done) is told in a few rounds at most.
const ROUNDS = 6;

const isLive = (notice: ChangeNotice, now: Date): boolean =>
  notice.claim !== undefined && Date.parse(notice.claim.at) + CLAIM_MS > now.getTime();

const isStale = (notice: ChangeNotice, now: Date): boolean =>
  !isLive(notice, now) && Date.parse(notice.updatedAt) + STALE_DUE_MS <= now.getTime();

/** Writes `change` of the notice under its ETag, re-reading on a race; nothing once it is gone. */
async function settleNotice(
  deps: TellDependencies,
  tenantId: string,
  operationId: string,
  change: (notice: ChangeNotice) => ChangeNotice,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await deps.notices.get(tenantId, operationId);
    if (current === null) {
      return;
    }
    try {
      await deps.notices.replace(change(current.value), current.etag);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) {
        throw error;
      }
    }
  }
  throw new ConcurrencyConflictError(`Change notice ${operationId} kept changing; gave up.`);
}

const withoutClaimOf = (notice: ChangeNotice, by: string): ChangeNotice => {
  if (notice.claim?.by !== by) {
    return notice;
  }
  const { claim: _claim, ...rest } = notice;
  return rest;
};

/**
 * Tells the changes of one operation not told yet, exactly once however many tellers try at
 * the same time (the live path of each process, the job of every instance): the events to tell
 * are claimed with an ETag write on the notice before anything is sent, so of two tellers one
 * sends and the other finds the claim. The operation is read after the claim, so cards show its
 * latest state and a late redraw never brings an older one back. Changes that came in while
 * telling are told in the next round.
 */
export async function tellChanges(
  deps: TellDependencies,
  tenantId: string,
  operationId: string,
  send: ChangeSender,
): Promise<Telling> {
  let result: Telling = 'nothingToTell';
  for (let round = 0; round < ROUNDS; round += 1) {
    const notice = await deps.notices.get(tenantId, operationId);
    if (notice === null) {
      return result;
    }
    const operation = await deps.operations.get(tenantId, operationId);
    const upTo = operation?.value.events.length ?? 0;
    if (upTo <= notice.value.told) {
      // A transition that never landed (lost its race, or its process died first) raised `due`
      // for nothing: settled once it is old enough that no write of it can still be on its way.
      if (notice.value.told < notice.value.due && isStale(notice.value, deps.clock.now())) {
        await tryReplace(deps, { ...notice.value, due: notice.value.told }, notice.etag);
      }
      return result;
    }
    if (isLive(notice.value, deps.clock.now())) {
      return result === 'told' ? result : 'busy';
    }
    const claimed = await claim(deps, notice, upTo);
    if (claimed === null) {
      continue;
    }
    // Read again after the claim: a change stored meanwhile is drawn now or told next round.
    const latest = (await deps.operations.get(tenantId, operationId)) ?? operation!;
    const events = latest.value.events.slice(notice.value.told, upTo);
    try {
      await send(latest.value, events);
    } catch (error) {
      await settleNotice(deps, tenantId, operationId, (current) =>
        withoutClaimOf(current, claimed.by),
      );
      throw error;
    }
    await settleNotice(deps, tenantId, operationId, (current) => ({
      ...withoutClaimOf(current, claimed.by),
      told: Math.max(current.told, upTo),
    }));
    result = 'told';
  }
  return result;
}

/** Claims the events up to `upTo`; null when another teller wrote the notice first. */
async function claim(
  deps: TellDependencies,
  notice: Versioned<ChangeNotice>,
  upTo: number,
): Promise<{ by: string } | null> {
  const by = deps.newId();
  const claimed = await tryReplace(
    deps,
    {
      ...notice.value,
      due: Math.max(notice.value.due, upTo),
      claim: { by, at: deps.clock.now().toISOString(), upTo },
    },
    notice.etag,
  );
  return claimed ? { by } : null;
}

async function tryReplace(
  deps: TellDependencies,
  next: ChangeNotice,
  etag: string,
): Promise<boolean> {
  try {
    await deps.notices.replace(next, etag);
    return true;
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return false;
    }
    throw error;
  }
}
