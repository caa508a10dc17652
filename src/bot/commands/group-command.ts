import { choiceCardData } from '../cards/choice-card.ts';
import { groupCardData, type GroupCardOptions } from '../cards/group-card.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { lookupText } from './lookup-input.ts';

/** A group's licensing card, or a choice of groups, or why none was found. */
export async function showGroup(
  { caller, deps }: CommandTurn,
  query: string | { id: string },
  page: number,
  notice?: GroupCardOptions['notice'],
  /** Whether an approver gets the fix buttons (not while a fix is under way). */
  fixes = true,
): Promise<Reply> {
  const found = await deps.views.group(caller.tenantId, query, page);
  if (found.kind === 'found') {
    const canFix = fixes && caller.role === 'approver';
    // The organisation's country is the likeliest usage location: a hint for the location fix.
    const countryHint =
      canFix && found.view.reasons.some((r) => r.kind === 'ProhibitedInUsageLocationViolation')
        ? await deps.views.organizationCountry(caller.tenantId)
        : '';
    return {
      card: renderCard(
        'group',
        groupCardData(found.view, { canFix, countryHint, ...(notice ? { notice } : {}) }),
      ),
    };
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

/** `group <name>`: what a group licenses, its processing state, its members in error and fixes. */
export const groupCommand: TextCommand<string> = {
  name: 'group',
  aliases: ['show group', 'groups'],
  role: 'requester',
  summary:
    'what a group licenses, its processing state, member count and members in error by reason, with the fixes (approvers)',
  example: 'group Sales',
  input: lookupText,
  usage:
    'Tell me which group: `group` followed by its name or the start of it, e.g. `group Sales`.',
  handle: (turn, text) => showGroup(turn, text, 1),
};
