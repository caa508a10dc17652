import type { TestStack } from '../../support/stack.ts';
import { buttonsOf, executeValue } from './replies.ts';

/** Every input of a card with its value, as Teams posts them on a click. */
export function valuesOf(card: unknown): Record<string, string> {
  if (Array.isArray(card)) {
    return Object.assign({}, ...card.map(valuesOf)) as Record<string, string>;
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own =
      typeof record.type === 'string' && record.type.startsWith('Input.')
        ? { [String(record.id)]: typeof record.value === 'string' ? record.value : '' }
        : {};
    return Object.assign(own, ...Object.values(record).map(valuesOf)) as Record<string, string>;
  }
  return {};
}

/**
 * Clicks the button titled `title` on a form message, as Teams posts it: the card's inputs, what
 * the user `typed` over them, the button's data, and the message's id as `replyToId`.
 */
export function clickOnForm(
  stack: TestStack,
  as: string,
  formMessageId: string,
  card: Record<string, unknown>,
  title: string,
  typed: Record<string, string> = {},
) {
  const button = buttonsOf(card).find((b) => b.title === title)!;
  return stack.invoke(
    'adaptiveCard/action',
    executeValue(button.verb, { ...valuesOf(card), ...typed, ...button.data }),
    as,
    { replyToId: formMessageId },
  );
}
