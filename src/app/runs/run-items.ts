import type { LicensingFailure } from '../../domain/errors.ts';
import { changeTookEffect } from '../../domain/operations/change-took-effect.ts';
import type { LicenseWrite, LicenseWriteOutcome } from '../ports/license-writer.ts';
import type { StoredOperationItem } from '../ports/operation-item-store.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { Versioned } from '../ports/stores.ts';
import {
  recordDone,
  recordItem,
  recordItemFailure,
  type DoneItem,
  type SkuNamer,
} from './record-item.ts';
import type { HeldLease } from './held-lease.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import type { RunProgress } from './run-progress.ts';
import { leftSent } from './left-sent.ts';
import { TaskPool } from './task-pool.ts';
import { recheckItem } from '../../domain/operations/recheck-item.ts';
import type { DirectoryUser, ObjectId } from '../../domain/licensing.ts';
import { PlannedPages, type PlannedPage } from './planned-pages.ts';

/**
 * Batches' worth marked `sent` ahead of the writer: ~0.4 s of writes at Graph's ceiling, so the
 * writer does not wait while the store is slow for a moment (the Cosmos stand-in answers nothing
 * else during a page query, ~0.2 s at 10,000 items; with one ahead the writer waited ~150 ms at
 * each page).
 */
const MARKED_AHEAD = 4;
/** Items marked sent together, as the writer takes them: one `$batch`. */
const SENT_TOGETHER = 20;
/**
 * Outcomes recorded in Cosmos at once, so recording keeps up with Graph's write ceiling: the
 * writer waits while recording is behind (16 left it idle part of the time: 84 % of the ceiling
 * in `bench/bulk-run`, 87 % with 48).
 */
const RECORDING_CONCURRENCY = 48;
/** Users Graph took, recorded together (one `$batch`'s worth): one item write, one history write. */
const RECORDED_TOGETHER = 20;
/** How long a smaller group waits for more before it is recorded anyway. */
const RECORD_WAIT_MS = 25;

/** How a pass over an operation's items ended. */
export type ItemRunEnd = 'finished' | 'stopped' | 'leaseLost';

/** One item sent (or about to be), with the ETag its `sent` move returned. */
interface InFlightItem {
  item: StoredOperationItem;
  sentEtag: string;
  usageLocationSet: boolean;
  /** Sent again after a dead runner left it `sent`: another runner may have made the change. */
  resent: boolean;
}

export interface ItemRun {
  deps: RequestDependencies;
  operation: StoredOperation;
  progress: RunProgress;
  lease: HeldLease;
  /** The process is stopping: nothing new is sent, sent batches are awaited. */
  signal?: AbortSignal;
  /** Called after outcomes were recorded, for checkpoints. */
  onRecorded(): Promise<void>;
  /** A pilot's users still to send in this pass; absent: every planned user. */
  pilotLeft?: number;
  /**
   * The planned items' reader, its first page asked for already (while the run counted its
   * items at the start); absent: the pass starts its own.
   */
  planned?: { pages: PlannedPages; first: Promise<PlannedPage> };
}

const locationKey = (itemId: string): string => `${itemId}:location`;

const licenseWrite = (item: StoredOperationItem): LicenseWrite => ({
  key: item.itemId,
  kind: 'assignLicense',
  userId: item.userId,
  body: item.body,
});

/**
 * Carries out every unsettled item of a running operation through the batch writer (`$batch`es
 * of 20, paced at the tenant's write budget). Items are read a page at a time and each is marked
 * `sent` under its ETag only when the writer takes it, so a stop leaves at most the batches in
 * hand `sent`; those, and what a dead runner left `sent`, are settled by reading the users in
 * chunks, never one read per user. A user without usage location gets it set first, and the
 * license once that has worked. Outcomes are recorded as they stream back.
 */
export async function runItems(run: ItemRun): Promise<ItemRunEnd> {
  const { deps, operation } = run;
  const skus = skuNamerFor(deps, operation.tenantId);
  const inFlight = new Map<string, InFlightItem>();
  const recording = new TaskPool(RECORDING_CONCURRENCY, (error) =>
    deps.logger.warn({ err: error, operationId: operation.id }, 'could not record an outcome'),
  );
  // Settling what a dead runner left sent is part of this pass: its failures end it too.
  // License writes whose usage location was set after the writer had read its last input.
  const followUps: LicenseWrite[] = [];
  let leaseLost = false;
  /** No more planned users are needed: a pilot has its users, or the pass is ending. */
  let enoughRead = false;
  /**
   * Rechecks not yet begun are left out (their users stay `planned` for the next pass) once the
   * run stops, loses its lease or needs no more users.
   */
  const stopping = (): boolean => run.signal?.aborted === true || leaseLost || enoughRead;
  const reader = run.planned ?? {
    pages: new PlannedPages(deps, operation),
    first: undefined,
  };
  reader.pages.readWhile(() => !stopping());

  const resend = await settleLeftSent(run, skus, recording);
  await recording.done();

  async function* writes(): AsyncGenerator<LicenseWrite> {
    for (const left of resend) {
      inFlight.set(left.item.itemId, left);
      yield* writesFor(left);
    }
    // The planned items a batch's worth at a time, pages read one ahead (see `PlannedPages`),
    // each part of a page going to the writer as soon as its users are read again (the first
    // write waited for the whole first page's four reads before: 1.2 s at 10,000 users).
    async function* chunks(): AsyncGenerator<Versioned<StoredOperationItem>[]> {
      // A pilot sends its first users only, then the run pauses for an approver.
      let left = run.pilotLeft ?? Number.POSITIVE_INFINITY;
      if (left <= 0) {
        return;
      }
      let next = reader.first ?? reader.pages.after(undefined);
      for (;;) {
        const page = await next;
        if (page.last === undefined || stopping()) {
          return;
        }
        // The next page is asked for once this one's first part is on its way: not sooner,
        // so the first batches are marked `sent` before the store answers that query.
        let following: Promise<PlannedPage> | undefined;
        const ready: Versioned<StoredOperationItem>[] = [];
        for (const [index, part] of page.parts.entries()) {
          const users = await part.users;
          // Parts left out (see `stopping`) are not sent, nor the pages after them read.
          if (stopping()) {
            return;
          }
          ready.push(...recheck(part.items, users));
          // A batch's worth at a time, the page's rest once its last part is in.
          const pageDone = index === page.parts.length - 1;
          while (left > 0 && (ready.length >= SENT_TOGETHER || (pageDone && ready.length > 0))) {
            const chunk = ready.splice(0, Math.min(SENT_TOGETHER, left));
            left -= chunk.length;
            yield chunk;
          }
          if (left <= 0) {
            enoughRead = true;
            return;
          }
          following ??= reader.pages.after(page.last);
        }
        next = following ?? reader.pages.after(page.last);
      }
    }
    const planned = chunks();
    const markNext = async (): Promise<(InFlightItem | undefined)[] | undefined> => {
      const chunk = await planned.next();
      return chunk.done === true ? undefined : markSent(chunk.value);
    };
    // A batch's worth is marked sent at once, a few ahead of the writer (which then does not
    // wait for the store, even while it answers a slow query): a stop leaves at most the
    // batches in hand and those marked ahead `sent`, and whoever runs next settles them by
    // reading.
    const ahead: Promise<(InFlightItem | undefined)[] | undefined>[] = [];
    const markMore = () => {
      while (ahead.length < MARKED_AHEAD) {
        ahead.push(markAhead(markNext));
      }
    };
    markMore();
    for (;;) {
      yield* followUps.splice(0);
      if (run.signal?.aborted) {
        return;
      }
      // Renewed on its timer (a write here only when that is overdue): not a write per user.
      if (!(await run.lease.held())) {
        leaseLost = true;
        return;
      }
      const sentNow = await ahead.shift();
      if (sentNow === undefined) {
        return;
      }
      markMore();
      for (const sent of sentNow) {
        // Checked again before each user: the rest of the chunk stays `sent`, and whoever
        // runs next settles it by reading.
        if (run.signal?.aborted) {
          return;
        }
        if (!(await run.lease.held())) {
          leaseLost = true;
          return;
        }
        if (sent !== undefined) {
          inFlight.set(sent.item.itemId, sent);
          yield* writesFor(sent);
        }
      }
    }
  }

  /**
   * Items planned again on their users as Graph has them now: what someone changed since the
   * request was planned is not sent stale, and a user already as asked is skipped (recorded with
   * the others, ahead of the writer).
   */
  function recheck(
    page: readonly Versioned<StoredOperationItem>[],
    current: ReadonlyMap<ObjectId, DirectoryUser>,
  ): Versioned<StoredOperationItem>[] {
    return page.flatMap((stored) => {
      const found = recheckItem(stored.value, current.get(stored.value.userId));
      if (found.kind === 'asPlanned') {
        return [stored];
      }
      if (found.kind === 'replanned') {
        const { setUsageLocation: _planned, ...rest } = stored.value;
        return [{ ...stored, value: { ...rest, ...found.change } }];
      }
      recording.run(async () => {
        const moved = await recordItem(
          deps,
          operation,
          stored.value,
          stored.etag,
          { state: 'skipped', note: found.note },
          {},
        );
        // Another runner may have taken it meanwhile: its record stands.
        if (moved.state === 'skipped') {
          run.progress.moved('planned', 'skipped');
          await run.onRecorded();
        }
      });
      return [];
    });
  }

  /** The markings in progress, awaited before the run settles or stops (see `markAhead`). */
  const markings = new Set<Promise<unknown>>();
  function markAhead<T>(mark: () => Promise<T>): Promise<T> {
    const moving = mark();
    // Handled here too: a run that stops before it needs these must not leave a rejection.
    const settled: Promise<unknown> = moving
      .catch(() => undefined)
      .finally(() => markings.delete(settled));
    markings.add(settled);
    return moving;
  }

  /** Marks a batch's worth `sent` in one store write; one another runner took is left out. */
  async function markSent(
    chunk: readonly Versioned<StoredOperationItem>[],
  ): Promise<(InFlightItem | undefined)[]> {
    const moved = await deps.operationItems.moveHeld(
      operation.tenantId,
      operation.id,
      chunk.map((stored) => ({
        held: stored.value,
        etag: stored.etag,
        outcome: { state: 'sent' },
      })),
    );
    return moved.map((sent) => {
      if (sent === 'conflict') {
        // Another runner took it: its record stands.
        return undefined;
      }
      run.progress.moved('planned', 'sent');
      return { item: sent.value, sentEtag: sent.etag, usageLocationSet: false, resent: false };
    });
  }

  function* writesFor(entry: InFlightItem): Generator<LicenseWrite> {
    const { item } = entry;
    if (item.setUsageLocation !== undefined && !entry.usageLocationSet) {
      yield {
        key: locationKey(item.itemId),
        kind: 'setUsageLocation',
        userId: item.userId,
        usageLocation: item.setUsageLocation,
      };
      return;
    }
    yield licenseWrite(item);
  }

  // Users Graph took, recorded a `$batch`'s worth at a time (or after a short wait for the rest).
  const taken: DoneItem[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  function recordTaken(): void {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = taken.splice(0);
    if (batch.length === 0) {
      return;
    }
    recording.run(async () => {
      await recordDone(deps, operation, batch, (settled) => {
        for (const item of settled) {
          run.progress.moved('sent', item.state);
        }
      });
      await run.onRecorded();
    });
  }

  function settle(outcome: LicenseWriteOutcome): void {
    const isLocation = outcome.key.endsWith(':location');
    const itemId = isLocation ? outcome.key.slice(0, -':location'.length) : outcome.key;
    const entry = inFlight.get(itemId);
    if (entry === undefined) {
      return;
    }
    if (isLocation && outcome.ok) {
      entry.usageLocationSet = true;
      followUps.push(licenseWrite(entry.item));
      return;
    }
    inFlight.delete(itemId);
    if (outcome.ok) {
      taken.push({
        item: entry.item,
        sentEtag: entry.sentEtag,
        ...(outcome.requestId === undefined ? {} : { graphRequestId: outcome.requestId }),
        usageLocationSet: entry.usageLocationSet,
      });
      if (taken.length >= RECORDED_TOGETHER) {
        recordTaken();
      } else {
        flushTimer ??= setTimeout(recordTaken, RECORD_WAIT_MS);
      }
      return;
    }
    recording.run(async () => {
      // A re-sent change may be refused because another runner made it meanwhile (a removed SKU
      // is gone already): read the user before calling it a failure.
      if (entry.resent && (await tookEffect(deps, entry.item))) {
        const done = await recordItem(
          deps,
          operation,
          entry.item,
          entry.sentEtag,
          { state: 'done' },
          { usageLocationSet: entry.usageLocationSet },
        );
        run.progress.moved('sent', done.state);
        await run.onRecorded();
        return;
      }
      const settled = await recordItemFailure(deps, operation, entry.item, entry.sentEtag, {
        failure: outcome.failure,
        usageLocationSet: entry.usageLocationSet,
        skus,
      });
      run.progress.moved('sent', settled.state);
      await run.onRecorded();
    });
  }

  const sending = run.signal ? { signal: run.signal } : {};
  // The tenant's own writer: its write budget is shared by every run in that tenant.
  const licenses = deps.licenses.forTenant(operation.tenantId);
  try {
    for await (const outcome of licenses.writeMany(writes(), sending)) {
      // Recording keeps pace with Graph: the writer's own buffer holds what waits meanwhile.
      await recording.room();
      settle(outcome);
    }
    recordTaken();
    // Usage locations that came back after the last input: their licenses go in one more pass.
    while (followUps.length > 0 && !run.signal?.aborted) {
      const tail = followUps.splice(0);
      for await (const outcome of licenses.writeMany(tail, sending)) {
        await recording.room();
        settle(outcome);
      }
      recordTaken();
    }
  } catch (error) {
    if (!run.signal?.aborted) {
      throw error;
    }
  } finally {
    enoughRead = true;
    // Items being marked when the run stopped are `sent` before anyone reads what is left; a
    // read of users in progress ends before the pass does (none begins any more).
    await Promise.all(markings);
    await reader.pages.idle();
    recordTaken();
    await recording.idle();
  }
  if (leaseLost) {
    return 'leaseLost';
  }
  if (run.signal?.aborted === true) {
    return 'stopped';
  }
  // An outcome the store did not take leaves its item `sent` (the next run settles it): this
  // pass failed, and the resume job counts it as a failed attempt.
  await recording.done();
  return inFlight.size > 0 ? 'stopped' : 'finished';
}

/**
 * What a dead runner left `sent` (see `leftSent`): a change that took effect is done, a user who
 * is gone failed; the rest are sent again, which is safe
 * (the same `assignLicense` twice ends in the same licenses and uses no second seat).
 */
async function settleLeftSent(
  run: ItemRun,
  skus: SkuNamer,
  recording: TaskPool,
): Promise<InFlightItem[]> {
  const { deps, operation } = run;
  const resend: InFlightItem[] = [];
  // Counted when the run began, under its lease: none left `sent`, nothing to read.
  if (run.progress.count('sent') === 0) {
    return resend;
  }
  for await (const chunk of leftSent(deps, operation)) {
    for (const { stored, user } of chunk) {
      const { value: item, etag } = stored;
      const location =
        item.setUsageLocation !== undefined &&
        user?.usageLocation?.toUpperCase() === item.setUsageLocation.toUpperCase();
      if (user !== undefined && changeTookEffect(item, user)) {
        deps.logger.info(
          { operationId: operation.id, itemId: item.itemId },
          'item left sent had taken effect: done',
        );
        recording.run(async () => {
          const settled = await recordItem(deps, operation, item, etag, { state: 'done' }, {});
          run.progress.moved('sent', settled.state);
        });
      } else if (user === undefined) {
        recording.run(async () => {
          const settled = await recordItemFailure(deps, operation, item, etag, {
            failure: userGone,
            usageLocationSet: false,
            skus,
          });
          run.progress.moved('sent', settled.state);
        });
      } else {
        resend.push({ item, sentEtag: etag, usageLocationSet: location, resent: true });
      }
    }
  }
  if (resend.length > 0) {
    deps.logger.info(
      { operationId: operation.id, items: resend.length },
      'items left sent had not taken effect: sending them again',
    );
  }
  return resend;
}

async function tookEffect(deps: RequestDependencies, item: StoredOperationItem): Promise<boolean> {
  const user = await deps.directory.forTenant(item.tenantId).findUser(item.userId);
  return user !== null && changeTookEffect(item, user);
}

const userGone: LicensingFailure = {
  code: 'USER_NOT_FOUND',
  message: 'This user no longer exists in the directory.',
  retryable: false,
};

/** The tenant's SKU names, read once per run and only if a failure needs them. */
function skuNamerFor(deps: RequestDependencies, tenantId: string): SkuNamer {
  let skus: ReturnType<SkuNamer> | undefined;
  return () => {
    skus ??= deps.directory.forTenant(tenantId).listSkus();
    return skus;
  };
}
