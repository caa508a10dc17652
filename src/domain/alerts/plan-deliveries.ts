import type { AlertEntry, AlertKind } from './alert.ts';
import { deliveryIsStale } from './next-alerts.ts';

/** Which new alerts get cards of their own first when there are too many: people without licenses. */
const PRESSING: readonly AlertKind[] = [
  'group-errors',
  'operation-failed',
  'sku-low',
  'subscription',
];

/** A message to post: one alert's card, or a summary card of several. */
export interface AlertPost {
  alertIds: string[];
  summary: boolean;
}

/** A message to update in place, with every alert it shows. */
export interface AlertUpdate {
  activityId: string;
  alertIds: string[];
  summary: boolean;
}

/** What one conversation needs after a look. */
export interface DeliveryPlan {
  posts: AlertPost[];
  updates: AlertUpdate[];
}

/**
 * What to write into one subscribed conversation: a card for each open alert it was never sent,
 * the most pressing first (groups with members in error, failed requests, seats, subscriptions);
 * past `maxCards` of them, the first `maxCards - 1` get their own cards and the rest one summary
 * card, so a storm is at most `maxCards` messages, not 200;
 * and every message it holds that shows an alert out of date (solved since, or changed), once per
 * message with all the alerts on it. Solved alerts are never posted, only updated.
 */
export function planDeliveries(
  alerts: readonly AlertEntry[],
  conversationId: string,
  maxCards: number,
): DeliveryPlan {
  const unsent = alerts.filter(
    (entry) =>
      entry.solvedAt === undefined &&
      !entry.deliveries.some((d) => d.conversationId === conversationId),
  );
  const ids = unsent
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        PRESSING.indexOf(a.entry.finding.kind) - PRESSING.indexOf(b.entry.finding.kind) ||
        a.index - b.index,
    )
    .map(({ entry }) => entry.finding.id);
  // Past the cap, the most pressing keep cards of their own and the rest share one summary.
  const own = ids.length > maxCards ? ids.slice(0, maxCards - 1) : ids;
  const posts: AlertPost[] = own.map((id) => ({ alertIds: [id], summary: false }));
  if (own.length < ids.length) {
    posts.push({ alertIds: ids.slice(own.length), summary: true });
  }
  const messages = new Map<string, AlertUpdate & { stale: boolean }>();
  for (const entry of alerts) {
    for (const delivery of entry.deliveries) {
      if (delivery.conversationId !== conversationId || delivery.activityId === undefined) {
        continue;
      }
      const message = messages.get(delivery.activityId) ?? {
        activityId: delivery.activityId,
        alertIds: [],
        summary: delivery.summary,
        stale: false,
      };
      message.alertIds.push(entry.finding.id);
      message.stale ||= deliveryIsStale(entry, delivery);
      messages.set(delivery.activityId, message);
    }
  }
  const updates = [...messages.values()]
    .filter((message) => message.stale)
    .map(({ stale: _stale, ...update }) => update);
  return { posts, updates };
}

/** How a message went: its id (absent while a post is under way), when, and whether a summary. */
export interface DeliveryNote {
  activityId?: string;
  summary: boolean;
  at: string;
}

/**
 * The alerts with the conversation's message recorded for each of `alertIds`, showing each as it
 * is now (its fingerprint, solved or not).
 */
export function recordDeliveries(
  alerts: readonly AlertEntry[],
  conversationId: string,
  alertIds: readonly string[],
  note: DeliveryNote,
): AlertEntry[] {
  const marked = new Set(alertIds);
  return alerts.map((entry) =>
    marked.has(entry.finding.id)
      ? {
          ...entry,
          deliveries: [
            ...entry.deliveries.filter((d) => d.conversationId !== conversationId),
            {
              conversationId,
              ...(note.activityId !== undefined ? { activityId: note.activityId } : {}),
              summary: note.summary,
              fingerprint: entry.finding.fingerprint,
              solved: entry.solvedAt !== undefined,
              at: note.at,
            },
          ],
        }
      : entry,
  );
}

/** The alerts without the conversation's message for `alertIds` (a post that did not go out). */
export function forgetDeliveries(
  alerts: readonly AlertEntry[],
  conversationId: string,
  alertIds: readonly string[],
): AlertEntry[] {
  const forgotten = new Set(alertIds);
  return alerts.map((entry) =>
    forgotten.has(entry.finding.id)
      ? {
          ...entry,
          deliveries: entry.deliveries.filter((d) => d.conversationId !== conversationId),
        }
      : entry,
  );
}
