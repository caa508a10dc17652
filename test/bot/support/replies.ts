import type { TurnResult } from '../../support/stack.ts';

/** The Adaptive Cards a turn sent, as Teams would receive them. */
export function cardsOf(turn: TurnResult): Record<string, unknown>[] {
  return turn.replies.flatMap((call) => {
    const attachments = (call.activity.attachments ?? []) as {
      contentType: string;
      content: Record<string, unknown>;
    }[];
    return attachments
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content);
  });
}

/** The one card a turn sent; fails the test when there is not exactly one. */
export function cardOf(turn: TurnResult): Record<string, unknown> {
  const cards = cardsOf(turn);
  if (cards.length !== 1) {
    throw new Error(`expected one card, got ${cards.length}: ${textOf(turn)}`);
  }
  return cards[0]!;
}

/** Every string shown on a card (text, fact titles and values, button titles), in order. */
export function shownOn(card: unknown): string[] {
  if (typeof card === 'string') {
    return [card];
  }
  if (Array.isArray(card)) {
    return card.flatMap(shownOn);
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own = ['text', 'title', 'value'].flatMap((key) =>
      typeof record[key] === 'string' ? [record[key]] : [],
    );
    const nested = Object.entries(record)
      .filter(([key]) => !['text', 'title', 'value', 'data'].includes(key))
      .flatMap(([, value]) => (typeof value === 'object' ? shownOn(value) : []));
    return [...own, ...nested];
  }
  return [];
}

/** The plain-text replies of a turn, joined. */
export function textOf(turn: TurnResult): string {
  return turn.replies
    .map((call) => (typeof call.activity.text === 'string' ? call.activity.text : ''))
    .join('\n');
}

/** The Action.Execute buttons of a card: title, verb and data. */
export function buttonsOf(
  card: Record<string, unknown>,
): { title: string; verb: string; data?: Record<string, unknown> }[] {
  return (
    (card.actions ?? []) as { title: string; verb: string; data?: Record<string, unknown> }[]
  ).map(({ title, verb, data }) => ({ title, verb, ...(data ? { data } : {}) }));
}

/** An `adaptiveCard/action` invoke value, as Teams posts it when an Action.Execute is clicked. */
export function executeValue(
  verb: string,
  data?: Record<string, unknown>,
): Record<string, unknown> {
  return { action: { type: 'Action.Execute', verb, ...(data ? { data } : {}) }, trigger: 'manual' };
}

/** The card an invoke answered with, in place of the one clicked. */
export function invokedCard(turn: TurnResult): Record<string, unknown> {
  const body = turn.body as { statusCode: number; type: string; value: Record<string, unknown> };
  if (turn.status !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected a card, got ${turn.status} ${JSON.stringify(body)}`);
  }
  return body.value;
}
