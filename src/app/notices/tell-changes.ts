import { historyEventsForDecision } from '../../domain/history/history-event.ts';
import type { OperationEvent } from '../../domain/operations/operation.ts';
import type { ChangeNotice, ChangeNoticeStore } from '../ports/change-notice-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { HistoryLog } from '../ports/history-log.ts';
import type { Logger } from '../ports/logger.ts';
import type { OperationItemStore } from '../ports/operation-item-store.ts';
import type { OperationStore, StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import { itemsIn } from '../runs/item-pages.ts';

/** What one telling asks the sender to do. */
export interface ChangeWork {
  /** The events to tell, in order. */
  events: OperationEvent[];
  /** How many of `events` the requester was told of already (by a telling cut short). */
  notified: number;
  /**
   * Redraw the copies: false when a telling cut short redrew them as the operation is now
   * already (only a requester's notice was left), so they are not redrawn on every pass.
   */
  redraw: boolean;
  /** Post the approvers' copies of the pending request (none for one no longer pending). */
  postApprovals: boolean;
  /**
   * Keeps the claim alive through a long telling; call it before each message. It throws a
   * `ClaimLostError` when another teller took the claim over, or the store's error when the claim
   * could not be renewed until it nearly lapsed: then send nothing more.
   */
  keepClaim(): Promise<void>;
}

/** What the sender got done; what it did not is tried again later (by the job). */
export interface SendOutcome {
  /** Every copy was redrawn (or cannot ever be: the message is gone). */
  redrawn: boolean;
  /** How many of the events the requester has now been told of (or need no telling). */
  notified: number;
  /** The approvers' copies are posted (or were not asked for, or cannot ever be). */
  approvalsPosted: boolean;
}

/**
 * Sends what the events mean: every card copy redrawn from `operation` (read just now, so the
 * latest state), the requester told of each event from `work.notified` on, the approvers' copies
 * posted when asked. Failures of single messages are the sender's to log and report in its
 * outcome; a throw means nothing can be sent now, and everything is told again later.
 */
export type ChangeSender = (operation: StoredOperation, work: ChangeWork) => Promise<SendOutcome>;

/** What telling changes works with. */
export interface TellDependencies {
  operations: OperationStore;
  notices: ChangeNoticeStore;
  /** Where a decision's history lines go, before the decision counts as told. */
  history: HistoryLog;
  /** The users of a decided request, one history line each. */
  operationItems: OperationItemStore;
  clock: Clock;
  logger: Logger;
  /** Makes the token of one telling, so two tellers in one process tell their claims apart. */
  newId(): string;
}

/**
 * What became of one call: told, nothing left to tell, someone else is telling it now, or
 * some of it could not be sent (kept untold: the job tries again).
 */
export type Telling = 'told' | 'nothingToTell' | 'busy' | 'unfinished';

/** A claim not renewed for this long was left by a teller that died: another may take it. */
export const CLAIM_MS = 5 * 60_000;

// Renewed well before it lapses, even when one message takes a few retry waits.
const RENEW_AFTER_MS = CLAIM_MS / 5;

/**
 * Teams still refusing a redraw, a notice or a post this long after the change: given up
 * (logged), so one conversation that never takes a message is not tried every pass forever.
 * History lines are never given up on: they are the audit.
 */
export const GIVE_UP_MS = 24 * 60 * 60_000;

// A transition still on its way after this long is not coming.
const STALE_DUE_MS = 60_000;

// A run of quick changes (approved, running, done) is told in a few rounds at most.
const ROUNDS = 6;

/** Another teller took the claim over (this one was too slow to renew it): it tells the rest. */
export class ClaimLostError extends Error {
  readonly code = 'CLAIM_LOST';

  constructor(operationId: string) {
    super(`The change notice of ${operationId} was claimed by another teller.`);
    this.name = 'ClaimLostError';
  }
}

const hasWork = (notice: ChangeNotice): boolean =>
  notice.told < notice.due || notice.approvalsDue === true;

const isLive = (notice: ChangeNotice, now: Date): boolean =>
  notice.claim !== undefined && Date.parse(notice.claim.at) + CLAIM_MS > now.getTime();

const isStale = (notice: ChangeNotice, now: Date): boolean =>
  Date.parse(notice.updatedAt) + STALE_DUE_MS <= now.getTime();

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
 * The notice with its approvers' copies no longer due, unless they were asked for again since
 * round `claimed` (the round the teller claimed): that mark is left for the next round.
 */
const withoutApprovals = (notice: ChangeNotice, claimed: number): ChangeNotice => {
  if ((notice.approvalsRound ?? 0) !== claimed) {
    return notice;
  }
  const { approvalsDue: _approvalsDue, ...rest } = notice;
  return rest;
};

interface Decided {
  change: 'rejected' | 'expired';
  reason: string;
  at: Date;
}

/** The decisions among `events` with history lines (rejected, expired); cancels have none. */
function decisions(events: OperationEvent[]): Decided[] {
  return events.flatMap((event): Decided[] => {
    const at = new Date(event.at);
    switch (event.type) {
      case 'reject':
        return [{ change: 'rejected', reason: event.reason?.trim() ?? '', at }];
      case 'expire':
        return [{ change: 'expired', reason: 'Nobody decided before it expired.', at }];
      default:
        return [];
    }
  });
}

/**
 * Tells the changes of one operation not told yet, exactly once however many tellers try at
 * the same time (the live path of each process, the job of every instance): the notice is
 * claimed with an ETag write before anything is sent, so of two tellers one sends and the other
 * finds the claim. The operation is read once per round, after the claim, so cards show its
 * latest state and a late redraw never brings an older one back. A decision's history lines are
 * written before it counts as told (their ids are fixed: a second write is a no-op). What could
 * not be sent stays untold, with the requester's notices already sent kept apart, for the job.
 * Changes that came in while telling are told in the next round.
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
    if (notice === null || !hasWork(notice.value)) {
      return result;
    }
    if (isLive(notice.value, deps.clock.now())) {
      return result === 'told' ? result : 'busy';
    }
    const by = await claim(deps, notice);
    if (by === null) {
      continue;
    }
    const telling = await tellRound(deps, notice.value, by, send);
    if (telling !== 'told') {
      return telling === 'nothingToTell' ? result : telling;
    }
    result = 'told';
  }
  return result;
}

/** One round under the claim `by`: read the operation, send, write history, settle the notice. */
async function tellRound(
  deps: TellDependencies,
  notice: ChangeNotice,
  by: string,
  send: ChangeSender,
): Promise<Telling> {
  const { tenantId, operationId, told } = notice;
  // The round the claim was written over (under the ETag it was read with).
  const claimedRound = notice.approvalsRound ?? 0;
  const release = (change: (current: ChangeNotice) => ChangeNotice = (current) => current) =>
    settleNotice(deps, tenantId, operationId, (current) => change(withoutClaimOf(current, by)));
  let operation: Versioned<StoredOperation> | null;
  try {
    operation = await deps.operations.get(tenantId, operationId);
  } catch (error) {
    await release();
    throw error;
  }
  const upTo = operation?.value.events.length ?? 0;
  const approvals = notice.approvalsDue === true && operation !== null;
  if (upTo <= told && !approvals) {
    // A transition (or a create) that never landed raised the notice for nothing: settled once
    // it is old enough that no write of it can still be on its way.
    await release((current) =>
      isStale(current, deps.clock.now())
        ? withoutApprovals({ ...current, due: current.told }, claimedRound)
        : current,
    );
    return 'nothingToTell';
  }
  const events = operation!.value.events.slice(told, upTo);
  const alreadyNotified = Math.min(events.length, Math.max(0, (notice.notified ?? told) - told));
  const redraw = (notice.redrawnUpTo ?? told) < upTo;
  // The audit line first: whoever is told of a decision can already find it in `history`. So
  // while the history refuses it, nothing of this change is sent; the job tries again.
  if (!(await writeHistory(deps, operation!.value, events))) {
    await release();
    return 'unfinished';
  }
  let outcome: SendOutcome;
  try {
    outcome = await send(operation!.value, {
      events,
      notified: alreadyNotified,
      redraw,
      postApprovals: approvals,
      keepClaim: claimKeeper(deps, tenantId, operationId, by),
    });
  } catch (error) {
    if (error instanceof ClaimLostError) {
      return 'busy';
    }
    await release();
    throw error;
  }
  const sent = outcome.redrawn && outcome.notified >= events.length && outcome.approvalsPosted;
  const givenUp = !sent && Date.parse(notice.updatedAt) + GIVE_UP_MS <= deps.clock.now().getTime();
  if (givenUp) {
    deps.logger.error(
      { operationId, outcome, since: notice.updatedAt },
      'Teams kept refusing messages of a request change for a day: given up',
    );
    outcome = { redrawn: true, notified: events.length, approvalsPosted: true };
  }
  const eventsDone = outcome.redrawn && outcome.notified >= events.length;
  await settleAfterSending(deps, operationId, () =>
    release((current) => {
      const notified = Math.max(current.notified ?? current.told, told + outcome.notified);
      const redrawnUpTo = Math.max(
        current.redrawnUpTo ?? current.told,
        outcome.redrawn ? upTo : current.told,
      );
      const next: ChangeNotice = {
        ...(outcome.approvalsPosted ? withoutApprovals(current, claimedRound) : current),
        told: eventsDone ? Math.max(current.told, told + events.length) : current.told,
      };
      return withProgress(next, notified, redrawnUpTo);
    }),
  );
  return eventsDone && outcome.approvalsPosted ? 'told' : 'unfinished';
}

// What was sent is only kept once written: a short store hiccup must not make it sent twice.
const SETTLE_ATTEMPTS = 3;
const SETTLE_WAIT_MS = 1_000;

/**
 * Writes what a telling sent, trying again a few times when the store refuses it: a write lost
 * here leaves the claim to lapse and everything sent to be sent again by the next teller.
 */
async function settleAfterSending(
  deps: TellDependencies,
  operationId: string,
  settle: () => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await settle();
      return;
    } catch (error) {
      if (attempt >= SETTLE_ATTEMPTS) {
        throw error;
      }
      deps.logger.warn({ err: error, operationId }, 'could not keep what was told: trying again');
      await deps.clock.sleep(SETTLE_WAIT_MS * attempt);
    }
  }
}

/** The notice with the progress past `told` kept, and none kept once `told` caught up. */
function withProgress(notice: ChangeNotice, notified: number, redrawnUpTo: number): ChangeNotice {
  const { notified: _notified, redrawnUpTo: _redrawnUpTo, ...rest } = notice;
  return {
    ...rest,
    ...(notified > notice.told ? { notified } : {}),
    ...(redrawnUpTo > notice.told ? { redrawnUpTo } : {}),
  };
}

/** Writes the decisions' history lines; false (logged) when the store refuses them now. */
async function writeHistory(
  deps: TellDependencies,
  operation: StoredOperation,
  events: OperationEvent[],
): Promise<boolean> {
  const decided = decisions(events);
  if (decided.length === 0) {
    return true;
  }
  try {
    // A decided request's users are all still planned, or skipped when they had nothing to do;
    // read a page at a time, so a request of thousands stays a page in memory.
    for (const state of ['planned', 'skipped'] as const) {
      for await (const page of itemsIn(deps, operation.tenantId, operation.id, state)) {
        const items = page.map(({ value }) => value);
        for (const { change, reason, at } of decided) {
          await deps.history.append(historyEventsForDecision(operation, items, change, reason, at));
        }
      }
    }
    return true;
  } catch (error) {
    deps.logger.error(
      { err: error, operationId: operation.id },
      'could not write the history of a decision: the job tries again',
    );
    return false;
  }
}

/**
 * Renews the claim `by` when a good part of its time has passed; throws once it was taken. A
 * renewal the store refuses is tried again at the next message while the claim still has a
 * renewal's time left: a throw would drop the count of the notices already sent (the requester
 * would be told twice), and nobody can take a claim that has not lapsed.
 */
function claimKeeper(
  deps: TellDependencies,
  tenantId: string,
  operationId: string,
  by: string,
): () => Promise<void> {
  let renewedAt = deps.clock.now().getTime();
  return async () => {
    const now = deps.clock.now();
    if (now.getTime() - renewedAt < RENEW_AFTER_MS) {
      return;
    }
    try {
      await settleNotice(deps, tenantId, operationId, (current) => {
        if (current.claim?.by !== by) {
          throw new ClaimLostError(operationId);
        }
        return { ...current, claim: { by, at: now.toISOString() } };
      });
    } catch (error) {
      if (
        error instanceof ClaimLostError ||
        now.getTime() - renewedAt >= CLAIM_MS - RENEW_AFTER_MS
      ) {
        throw error;
      }
      deps.logger.warn(
        { err: error, operationId },
        'could not renew a telling claim: trying again',
      );
      return;
    }
    renewedAt = now.getTime();
  };
}

/** Claims the notice; the claim's token, or null when another teller wrote the notice first. */
async function claim(
  deps: TellDependencies,
  notice: Versioned<ChangeNotice>,
): Promise<string | null> {
  const by = deps.newId();
  try {
    await deps.notices.replace(
      { ...notice.value, claim: { by, at: deps.clock.now().toISOString() } },
      notice.etag,
    );
    return by;
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return null;
    }
    throw error;
  }
}
