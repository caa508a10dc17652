import { closestMatch } from '../../domain/text/closest.ts';
import { tidyCommandText } from './command-text.ts';

/** The part of a routing entry matching needs: its names. */
export interface Named {
  name: string;
  aliases: readonly string[];
}

/** Which command the text names and the rest of it, or the closest name for "did you mean". */
export type CommandMatch<C> =
  | { kind: 'matched'; command: C; argument: string }
  | { kind: 'empty' }
  | { kind: 'unknown'; suggestion?: string };

/**
 * Finds the command a text starts with, longest phrase first so "show licenses" beats "show".
 * The argument keeps the user's case and spacing inside it; only the ends are tidied.
 */
export function matchCommand<C extends Named>(
  text: string,
  commands: readonly C[],
): CommandMatch<C> {
  const tidy = tidyCommandText(text);
  if (tidy === '') {
    return { kind: 'empty' };
  }
  const lower = tidy.toLowerCase();
  const phrases = commands
    .flatMap((command) => [command.name, ...command.aliases].map((phrase) => ({ phrase, command })))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  for (const { phrase, command } of phrases) {
    if (lower === phrase || lower.startsWith(`${phrase} `)) {
      return { kind: 'matched', command, argument: tidy.slice(phrase.length).trim() };
    }
  }
  // A typo is usually in the command word: compare the first word, then the first two.
  const words = lower.split(' ');
  const candidates = phrases.map((entry) => entry.phrase);
  const near =
    closestMatch(words[0] ?? '', candidates) ??
    closestMatch(words.slice(0, 2).join(' '), candidates);
  const suggestion = phrases.find((entry) => entry.phrase === near)?.command.name;
  return suggestion === undefined ? { kind: 'unknown' } : { kind: 'unknown', suggestion };
}
