import type { BulkSelection } from '../selection/user-selection.ts';
import { cleanName } from './command-text.ts';

/**
 * The text with everything inside double or single quotes blanked out (same length), so keywords
 * inside a quoted value ("Head of sales for EMEA") are not read as the command's. A quote that is
 * never closed (an apostrophe in O'Brien) quotes nothing.
 */
export function maskQuoted(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'/g, (quoted) => ' '.repeat(quoted.length));
}

const groupWords =
  /^(?:(?:to|for|from)\s+)?(?:(?:everyone|everybody|all(?:\s+the)?\s+members|members|all\s+users|users)\s+(?:in|of)\s+)?(?:the\s+)?group\s+(.+)$/i;
const filterWords =
  /^(?:(?:to|for|from)\s+)?(?:(?:all\s+)?(?:users|everyone|everybody|people)\s+)?where\s+(.+)$/i;
const fileWords =
  /^(?:(?:to|for|from)\s+)?(?:(?:the\s+)?(?:users|people|everyone)\s+in\s+)?(?:(?:this|the|my)\s+)?(?:attached\s+)?(?:csv\s+)?file(?:\s+attached)?$/i;

/** A bulk selection the words name, or undefined when they name people one by one. */
export function readSelection(words: string): BulkSelection | undefined {
  const text = words.trim();
  const group = groupWords.exec(text);
  if (group) {
    return { kind: 'group', group: cleanName(group[1]!) };
  }
  const filter = filterWords.exec(text);
  if (filter) {
    return { kind: 'filter', filter: filter[1]!.trim() };
  }
  return fileWords.test(text) ? { kind: 'file' } : undefined;
}

// Where a selection may start, after its joining word: "to group …", "for users where …".
const selectionStart =
  /\s(?:to|for|from)\s+(?:(?:everyone|everybody|all(?:\s+the)?\s+members|members|all\s+users|users|people|all)\s+(?:in|of|where)\s|(?:the\s+)?group\s|where\s|(?:this|the|my)\s+(?:attached\s+)?(?:csv\s+)?file\b|attached\s+(?:csv\s+)?file\b)/i;

/**
 * Splits `text` where a selection joined by "to", "for" or "from" starts, outside quotes: the
 * part before, and the selection's words with their joining word. Undefined when there is none.
 */
export function splitAtSelection(text: string): [string, string] | undefined {
  const padded = ` ${text}`;
  const match = selectionStart.exec(maskQuoted(padded));
  if (match === null) {
    return undefined;
  }
  return [padded.slice(0, match.index).trim(), padded.slice(match.index).trim()];
}
