import { z } from 'zod';
import { helpCardData } from '../cards/help-card.ts';
import { renderCard } from '../cards/render-card.ts';
import type { TextCommand } from '../routing/command.ts';

/** `help`: the commands this caller may run, with examples. */
export function helpCommand(listCommands: () => readonly TextCommand[]): TextCommand<string> {
  return {
    name: 'help',
    aliases: ['?', 'commands', 'what can you do', 'hi', 'hello', 'menu'],
    role: 'requester',
    summary: 'this list of commands',
    example: 'help',
    input: z.string(),
    usage: 'help',
    handle: ({ caller }) =>
      Promise.resolve({ card: renderCard('help', helpCardData(caller.role, listCommands())) }),
  };
}
