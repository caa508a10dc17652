import { z } from 'zod';
import { helpCardData } from '../cards/help-card.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CardAction, TextCommand } from '../routing/command.ts';
import { showGroup } from './group-command.ts';
import { showLicenses } from './licenses-command.ts';
import { showUser } from './user-command.ts';

// Card data carries ids and page numbers only; the caller is re-identified from the activity.
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const objectId = z.string().trim().min(1).max(100);
// Action.Execute without data arrives with none at all: read that as no fields.
const cardData = <S extends z.ZodRawShape>(shape: S) =>
  z.preprocess((value) => value ?? {}, z.object(shape));

/** The buttons License Desk's cards carry: pages, picks from a choice list, help. */
export function cardActions(listCommands: () => readonly TextCommand[]): CardAction[] {
  const licenses: CardAction<{ page: number }> = {
    verb: 'licenses',
    role: 'requester',
    data: cardData({ page }),
    handle: (turn, input) => showLicenses(turn, input.page),
  };
  const user: CardAction<{ id: string; page: number }> = {
    verb: 'user',
    role: 'requester',
    data: cardData({ id: objectId, page }),
    handle: (turn, input) => showUser(turn, { id: input.id }, input.page),
  };
  const group: CardAction<{ id: string; page: number }> = {
    verb: 'group',
    role: 'requester',
    data: cardData({ id: objectId, page }),
    handle: (turn, input) => showGroup(turn, { id: input.id }, input.page),
  };
  const help: CardAction<object> = {
    verb: 'help',
    role: 'requester',
    data: cardData({}),
    handle: ({ caller }) =>
      Promise.resolve({ card: renderCard('help', helpCardData(caller.role, listCommands())) }),
  };
  return [licenses, user, group, help] as CardAction[];
}
