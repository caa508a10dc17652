import { z } from 'zod';
import type { CardAction, TextCommand } from '../routing/command.ts';
import { templatesCard } from './templates-card.ts';

/** `templates`: the tenant's license templates; approvers edit them from the card. */
export const templatesCommand: TextCommand<string> = {
  name: 'templates',
  aliases: ['template', 'list templates', 'show templates'],
  role: 'requester',
  summary: 'the license templates (a license and the service plans it turns on), to use in assign',
  example: 'templates',
  input: z.string().max(0),
  usage: 'Just type `templates`.',
  handle: (turn) => templatesCard(turn),
};

/** The Cancel button of the template forms: back to the list. */
export const templatesAction: CardAction<Record<string, unknown>> = {
  verb: 'templates',
  role: 'requester',
  data: z.record(z.string(), z.unknown()),
  handle: (turn) => templatesCard(turn),
};
