import { choiceCardData } from '../cards/choice-card.ts';
import { renderCard } from '../cards/render-card.ts';
import { userCardData } from '../cards/user-card.ts';
import type { CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { lookupText } from './lookup-input.ts';

/** A user's licenses card, or a choice of users, or why none was found. */
export async function showUser(
  { caller, deps }: CommandTurn,
  query: string | { id: string },
  page: number,
): Promise<Reply> {
  const found = await deps.views.user(caller.tenantId, query, page);
  if (found.kind === 'found') {
    return { card: renderCard('user', userCardData(found.view)) };
  }
  const typed = typeof query === 'string' ? query : query.id;
  if (found.kind === 'several') {
    return { card: renderCard('choice', choiceCardData('user', typed, found.choices, found.more)) };
  }
  return {
    text:
      `I found nobody matching "${typed}". Try their full email address (user adele@contoso.com) ` +
      'or the start of their display name (user Adele).',
  };
}

/** `user <upn or name>`: a user's licenses, plans, sources and errors. */
export const userCommand: TextCommand<string> = {
  name: 'user',
  aliases: ['show user', 'lookup', 'look up', 'who is', 'whois', 'licenses of', 'licenses for'],
  role: 'requester',
  summary: "a person's licenses: plans on and off, direct or from which group, errors and why",
  example: 'user Adele Vance',
  input: lookupText,
  usage:
    'Tell me whom to look up: `user` followed by an email address or the start of a name, ' +
    'e.g. `user adelev@contoso.com` or `user Adele`.',
  handle: (turn, text) => showUser(turn, text, 1),
};
