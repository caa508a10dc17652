import type {
  AlertSubscription,
  AlertSubscriptionStore,
} from '../ports/alert-subscription-store.ts';
import type { AlertCardWriter, AlertWriteResult } from '../ports/alert-card-writer.ts';
import type { AlertSnapshotStore } from '../ports/alert-snapshot-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { LeaseStore } from '../ports/lease-store.ts';
import type { Logger } from '../ports/logger.ts';
import type { OperationStore } from '../ports/operation-store.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import { ConcurrencyConflictError, type ConversationStore } from '../ports/stores.ts';
import type { GoneConversations } from '../conversations/forget-conversations.ts';
import { detectAlertChanges } from '../../domain/alerts/detect-alert-changes.ts';
import { nextAlerts } from '../../domain/alerts/next-alerts.ts';
import {
  forgetDeliveries,
  planDeliveries,
  recordDeliveries,
  type AlertPost,
  type AlertUpdate,
} from '../../domain/alerts/plan-deliveries.ts';
import { lookForProblems } from './look-for-problems.ts';
import { SnapshotBook } from './snapshot-book.ts';

/** The lease one instance holds while it looks at a tenant and sends what is new. */
export const ALERT_TICK_LEASE = 'tick:alerts';

/** New alerts past this many in one look, for one conversation, go in one summary card. */
export const MAX_ALERT_CARDS = 5;

/**
 * Teams takes at most 8 messages per 2 s and 60 per 30 s in a conversation, updates included:
 * one write every half second keeps within both, and at most 20 a look (the rest next look).
 */
export const WRITE_GAP_MS = 500;
export const MAX_WRITES_PER_LOOK = 20;

/** What the monitor works with, from the composition root. */
export interface MonitorDependencies {
  directories: PerTenant<Directory>;
  operations: Pick<OperationStore, 'listByState'>;
  subscriptions: AlertSubscriptionStore;
  snapshots: AlertSnapshotStore;
  conversations: Pick<ConversationStore, 'get'>;
  leases: LeaseStore;
  writer: AlertCardWriter;
  /** This process, as lease holder. */
  instanceId: string;
  /** How long a tick's lease lasts: longer than a tick takes. */
  leaseMs: number;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  /** Forgets a conversation Teams says the bot is not in (which unsubscribes it too). */
  forgetConversations?: (gone: GoneConversations) => Promise<unknown>;
  maxCards?: number;
  /** Waits between two writes into one conversation (`WRITE_GAP_MS`); tests need not wait. */
  pace?: (ms: number) => Promise<void>;
}

/** One tick's work in one conversation: where it writes and what it has written so far. */
interface Delivery {
  deps: MonitorDependencies;
  book: SnapshotBook;
  subscription: AlertSubscription;
  at: string;
  log: Logger;
  /** Writes made into this conversation in this look. */
  writes: number;
}

/**
 * One look at a tenant with subscribers, by one instance at a time (the tenant's `tick:alerts`
 * lease): what is found is compared with the snapshot, the snapshot written (ETag-guarded), then
 * each subscribed conversation gets the alerts it never had (a card each, or one summary) and
 * its cards of solved or changed alerts updated in place. A post is recorded in the snapshot
 * before it is sent, so neither a restart nor a second instance sends it again.
 */
export async function monitorTenant(deps: MonitorDependencies, tenantId: string): Promise<void> {
  const log = deps.logger.child({ tenantId, job: 'alerts' });
  const subscriptions = await deps.subscriptions.list(tenantId);
  if (subscriptions.length === 0) {
    return;
  }
  const claim = await deps.leases.tryAcquire({
    tenantId,
    name: ALERT_TICK_LEASE,
    holder: deps.instanceId,
    durationMs: deps.leaseMs,
    now: deps.clock.now(),
  });
  if (!claim.acquired) {
    log.debug({ heldBy: claim.heldBy }, 'alerts: another instance is looking now');
    return;
  }
  let lease = claim.lease;
  try {
    const now = deps.clock.now();
    const at = now.toISOString();
    const look = await lookForProblems(
      { directory: deps.directories.forTenant(tenantId), operations: deps.operations, logger: log },
      tenantId,
      now,
    );
    const book = new SnapshotBook(deps.snapshots, tenantId, await deps.snapshots.get(tenantId));
    const changes = detectAlertChanges(book.alerts, look.findings, look.checked);
    const subscribers = new Set(subscriptions.map((s) => s.conversationId));
    await book.save(nextAlerts(book.alerts, changes, at, subscribers), at);
    if (changes.opened.length + changes.changed.length + changes.solved.length > 0) {
      log.info(
        {
          opened: changes.opened.map((f) => f.id),
          changed: changes.changed.map((f) => f.id),
          solved: changes.solved.map((e) => e.finding.id),
        },
        'alerts: what changed since the last look',
      );
    }
    for (const subscription of subscriptions) {
      const where = log.child({ conversationId: subscription.conversationId });
      await deliver({ deps, book, subscription, at, log: where, writes: 0 });
      // Kept while conversations are written; lost (taken over), the rest is that instance's.
      const renewed = await deps.leases.renew(lease, deps.clock.now(), deps.leaseMs);
      if (renewed === null) {
        log.warn('alerts: the tick lease was taken over: the other instance sends the rest');
        return;
      }
      lease = renewed;
    }
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) {
      throw error;
    }
    log.warn('alerts: another instance wrote the snapshot meanwhile: it sends, this look stops');
  } finally {
    // Given back when still ours (not when taken over), so the next look need not wait for it.
    await deps.leases.release(lease).catch((error: unknown) => {
      log.warn({ err: error }, 'alerts: could not give the tick lease back: it lapses');
    });
  }
}

/** Writes one conversation's posts and updates; stops at the first that must wait. */
async function deliver(delivery: Delivery): Promise<void> {
  const { deps, book, subscription } = delivery;
  const conversation = await deps.conversations.get(
    subscription.tenantId,
    subscription.conversationId,
  );
  if (conversation === null) {
    delivery.log.warn('alerts: the subscribed conversation is no longer known: unsubscribed');
    await deps.subscriptions.unsubscribe(subscription.tenantId, subscription.conversationId);
    return;
  }
  const plan = planDeliveries(
    book.alerts,
    subscription.conversationId,
    deps.maxCards ?? MAX_ALERT_CARDS,
  );
  for (const post of plan.posts) {
    if (!(await paced(delivery)) || !(await postOne(delivery, conversation, post))) {
      return;
    }
  }
  for (const update of plan.updates) {
    if (!(await paced(delivery)) || !(await updateOne(delivery, conversation, update))) {
      return;
    }
  }
}

/** Waits its turn to write into the conversation; false once this look wrote enough there. */
async function paced(delivery: Delivery): Promise<boolean> {
  if (delivery.writes >= MAX_WRITES_PER_LOOK) {
    delivery.log.info('alerts: enough written here for one look: the rest comes with the next');
    return false;
  }
  if (delivery.writes > 0) {
    await delivery.deps.pace?.(WRITE_GAP_MS);
  }
  delivery.writes += 1;
  return true;
}

type Conversation = NonNullable<Awaited<ReturnType<ConversationStore['get']>>>;

/** Claims, posts and records one message; false when this conversation must wait. */
async function postOne(
  delivery: Delivery,
  conversation: Conversation,
  post: AlertPost,
): Promise<boolean> {
  const { deps, book, at } = delivery;
  const id = delivery.subscription.conversationId;
  const note = { summary: post.summary, at };
  // Claimed first: from here on no look posts it again, whatever happens to this process.
  await book.save(recordDeliveries(book.alerts, id, post.alertIds, note), at);
  const result = await deps.writer.post(conversation, {
    alerts: book.entries(post.alertIds),
    summary: post.summary,
  });
  switch (result.outcome) {
    case 'done':
      await book.save(
        recordDeliveries(book.alerts, id, post.alertIds, {
          ...note,
          ...(result.activityId !== undefined ? { activityId: result.activityId } : {}),
        }),
        at,
      );
      return true;
    case 'later':
      // Teams said it was not delivered: the next look posts it.
      await book.save(forgetDeliveries(book.alerts, id, post.alertIds), at);
      return false;
    case 'failed':
      // It may have gone in: never posted twice, so the claim stays (and is logged by the writer).
      return true;
    case 'gone':
      await unsubscribeGone(delivery);
      return false;
  }
}

/** Redraws one message in place; false when this conversation must wait. */
async function updateOne(
  delivery: Delivery,
  conversation: Conversation,
  update: AlertUpdate,
): Promise<boolean> {
  const { deps, book, at } = delivery;
  const result: AlertWriteResult = await deps.writer.update(conversation, update.activityId, {
    alerts: book.entries(update.alertIds),
    summary: update.summary,
  });
  if (result.outcome === 'gone') {
    await unsubscribeGone(delivery);
    return false;
  }
  if (result.outcome === 'later') {
    return false;
  }
  // Done, or refused for good (the message was deleted): recorded, so it is not tried forever.
  const note = { activityId: update.activityId, summary: update.summary, at };
  await book.save(
    recordDeliveries(book.alerts, delivery.subscription.conversationId, update.alertIds, note),
    at,
  );
  return true;
}

async function unsubscribeGone({ deps, subscription, log }: Delivery): Promise<void> {
  log.warn('alerts: Teams says the bot is no longer in this conversation: unsubscribed');
  if (deps.forgetConversations) {
    await deps.forgetConversations({
      tenantId: subscription.tenantId,
      conversationIds: [subscription.conversationId],
      why: 'Teams refused an alert card: the bot is not in that conversation',
    });
  }
  await deps.subscriptions.unsubscribe(subscription.tenantId, subscription.conversationId);
}
