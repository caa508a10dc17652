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

// The page buttons carry a page; the forms' Cancel button carries the form's fields and none.
const pageData = z.preprocess(
  (value) => value ?? {},
  z.looseObject({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) }),
);

/** The page buttons of the templates card, and the Cancel button of the forms: the list. */
export const templatesAction: CardAction<{ page: number }> = {
  verb: 'templates',
  role: 'requester',
  data: pageData,
  handle: (turn, input) => templatesCard(turn, undefined, input.page),
};
