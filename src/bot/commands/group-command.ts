import { choiceCardData } from '../cards/choice-card.ts';
import { groupCardData } from '../cards/group-card.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { lookupText } from './lookup-input.ts';

/** A group's licensing card, or a choice of groups, or why none was found. */
export async function showGroup(
  { caller, deps }: CommandTurn,
  query: string | { id: string },
  page: number,
): Promise<Reply> {
  const found = await deps.views.group(caller.tenantId, query, page);
  if (found.kind === 'found') {
    return { card: renderCard('group', groupCardData(found.view)) };
  }
  const typed = typeof query === 'string' ? query : query.id;
  if (found.kind === 'several') {
    return {
      card: renderCard('choice', choiceCardData('group', typed, found.choices, found.more)),
    };
  }
  return {
    text:
      `I found no group named "${typed}" or starting with it. Group names are matched from ` +
      'their start: try the first word, e.g. `group Sales`.',
  };
}

/** `group <name>`: what a group licenses, its processing state and its members in error. */
export const groupCommand: TextCommand<string> = {
  name: 'group',
  aliases: ['show group', 'groups'],
  role: 'requester',
  summary: 'what a group licenses, its processing state, member count and members in error',
  example: 'group Sales',
  input: lookupText,
  usage:
    'Tell me which group: `group` followed by its name or the start of it, e.g. `group Sales`.',
  handle: (turn, text) => showGroup(turn, text, 1),
};
