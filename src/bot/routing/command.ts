import type { Attachment } from 'botbuilder';
import type { z } from 'zod';
import type { Caller, Role } from '../../app/identity/caller.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { SentFile } from '../files/sent-files.ts';
import type { Outbox, TurnPlace } from '../requests/outbox.ts';

/**
 * What a command answers: a card, a line of text, or a line of text with a file (an export),
 * possibly with a download card next to it (the embedded demo). An invoke answer cannot carry a
 * file: a click's file is posted into the chat and the answer is its text.
 */
export type Reply =
  | { card: Attachment }
  | { text: string }
  | { text: string; file: Attachment; download?: Attachment };

/** What a handler may use: the identified caller and the bot's collaborators. */
export interface CommandTurn {
  caller: Caller;
  deps: BotDependencies;
  /** The conversation this turn happens in. */
  place: TurnPlace;
  /** Writes into other conversations, and work to do after the answer. */
  outbox: Outbox;
  /** Files sent with the message (a personal chat's attachments); none for a card's click. */
  files?: readonly SentFile[];
}

/** A typed command in the routing table, with its own grammar, schema, role and help line. */
export interface TextCommand<I = unknown> {
  /** The name shown in help and suggested by "did you mean". */
  name: string;
  /** Other ways to say it ("licences", "show licenses"). Matched whole, case-insensitive. */
  aliases: readonly string[];
  /** The least role allowed: approvers may run requester commands, not the reverse. */
  role: Role;
  summary: string;
  example: string;
  /** Validates the text after the command word; its failure message tells how to write it. */
  input: z.ZodType<I, string>;
  /** What to say when the input is missing or invalid. */
  usage: string;
  handle(turn: CommandTurn, input: I): Promise<Reply>;
}

/** A card button's verb in the routing table: its data is validated, never trusted. */
export interface CardAction<I = unknown> {
  verb: string;
  role: Role;
  data: z.ZodType<I, unknown>;
  handle(turn: CommandTurn, input: I): Promise<Reply>;
}

/** Whether a caller in `role` may run something that needs `required`. */
export function allows(role: Role, required: Role): boolean {
  return required === 'requester' || role === 'approver';
}
