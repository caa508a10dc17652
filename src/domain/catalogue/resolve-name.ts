import { closestMatch } from '../text/closest.ts';
import { normaliseText, words } from '../text/normalise.ts';

/** What a typed name points to: one item, several (ask which), or nothing (maybe a suggestion). */
export type NameResolution<T> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'unknown'; suggestion?: T };

/** The names one item answers to: an id, a technical name, a friendly name. */
export interface NamedItem<T> {
  item: T;
  id: string;
  /** Technical names (part numbers, plan names): matched whole or word by word, never by prefix. */
  codes: string[];
  /** Names in words (product names): a word typed may also be the start of a word here. */
  titles: string[];
}

// Shorthand admins use, expanded word by word before matching; the typed form is tried too.
const shorthand: Readonly<Record<string, string>> = {
  m365: 'microsoft 365',
  o365: 'office 365',
  ms: 'microsoft',
  exo: 'exchange online',
  pbi: 'power bi',
  aad: 'entra id',
  p1: 'plan 1',
  p2: 'plan 2',
  p3: 'plan 3',
  p5: 'plan 5',
};

function variantsOf(input: string): string[][] {
  const typed = words(input);
  const expanded = typed.flatMap((word) => (shorthand[word] ?? word).split(' '));
  return expanded.join(' ') === typed.join(' ') ? [typed] : [typed, expanded];
}

const compact = (text: string): string => normaliseText(text).replaceAll(' ', '');

function matchesExactly<T>(named: NamedItem<T>, typed: string, variants: string[][]): boolean {
  if (named.id.toLowerCase() === typed.trim().toLowerCase()) {
    return true;
  }
  const typedForms = variants.map((variant) => variant.join(''));
  return [...named.codes, ...named.titles].some((name) => typedForms.includes(compact(name)));
}

/** How well every typed word is found among a name's words: 2 all equal, 1 some by prefix, 0 not. */
function wordScore(typedWords: string[], nameWords: string[], prefixes: boolean): number {
  let score = 2;
  for (const typed of typedWords) {
    if (nameWords.includes(typed)) {
      continue;
    }
    if (prefixes && typed.length >= 3 && nameWords.some((word) => word.startsWith(typed))) {
      score = 1;
      continue;
    }
    return 0;
  }
  return score;
}

function bestWordScore<T>(named: NamedItem<T>, variants: string[][]): number {
  let best = 0;
  for (const variant of variants) {
    for (const code of named.codes) {
      best = Math.max(best, wordScore(variant, words(code), false));
    }
    for (const title of named.titles) {
      best = Math.max(best, wordScore(variant, words(title), true));
    }
  }
  return best;
}

function settle<T>(matches: NamedItem<T>[]): NameResolution<T> | undefined {
  if (matches.length === 1) {
    return { kind: 'found', item: matches[0]!.item };
  }
  if (matches.length > 1) {
    return { kind: 'ambiguous', candidates: matches.map((named) => named.item) };
  }
  return undefined;
}

/**
 * Resolves what an admin typed against named items: an exact id or name first, then every typed
 * word found in one item's names (whole words beating prefixes), else the closest name as a
 * suggestion. Several equally good matches are "ambiguous": the caller asks, never guesses.
 */
export function resolveName<T>(input: string, items: readonly NamedItem<T>[]): NameResolution<T> {
  const variants = variantsOf(input);
  if (variants[0]!.length === 0) {
    return { kind: 'unknown' };
  }
  const exact = settle(items.filter((named) => matchesExactly(named, input, variants)));
  if (exact) {
    return exact;
  }
  const scored = items.map((named) => ({ named, score: bestWordScore(named, variants) }));
  const top = Math.max(...scored.map((entry) => entry.score), 0);
  const byWords = settle(scored.filter((e) => top > 0 && e.score === top).map((e) => e.named));
  if (byWords) {
    return byWords;
  }
  const names = items.flatMap((named) =>
    [...named.titles, ...named.codes].map((name) => ({ name, named })),
  );
  const suggestion = closestMatch(
    input,
    names.map((entry) => entry.name),
  );
  const suggested = names.find((entry) => entry.name === suggestion)?.named.item;
  return suggested === undefined ? { kind: 'unknown' } : { kind: 'unknown', suggestion: suggested };
}
