import { z } from 'zod';
import { licensesCardData } from '../cards/licenses-card.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply, TextCommand } from '../routing/command.ts';

/** The licenses card at a page: shared by the command and its page buttons. */
export async function showLicenses({ caller, deps }: CommandTurn, page: number): Promise<Reply> {
  const view = await deps.views.licenses(caller.tenantId, page);
  return { card: renderCard('licenses', licensesCardData(view)) };
}

/** `licenses`: seats used and available per subscription, with warnings and prices. */
export const licensesCommand: TextCommand<string> = {
  name: 'licenses',
  aliases: [
    'licences',
    'license',
    'licence',
    'show licenses',
    'show licences',
    'list licenses',
    'list licences',
    'skus',
    'seats',
    'availability',
  ],
  role: 'requester',
  summary: 'seats used and available in each subscription, with warnings and monthly prices',
  example: 'licenses',
  input: z.string(),
  usage: 'licenses',
  handle: (turn) => showLicenses(turn, 1),
};
