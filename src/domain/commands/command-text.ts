/**
 * Text from Teams made plain: Teams wraps mentions in `<at>` tags and auto-links addresses as
 * `<a href="mailto:…">`, and HTML-encodes a few characters; none of that is part of the command.
 */
export function plainCommandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** A typed name without surrounding quotes or stray punctuation. */
export function cleanName(text: string): string {
  return text
    .trim()
    .replace(/^["'`]+|["'`.!?]+$/g, '')
    .trim();
}

/**
 * A list as people type it: "a, b and c", "a; b", "a & b", or addresses separated by spaces
 * (a pasted column). Empty entries are dropped. A name that itself contains " and " must be
 * typed by its technical name.
 */
export function splitList(text: string): string[] {
  return text
    .split(/\s*[,;]\s*|\s+(?:and|&)\s+/i)
    .flatMap((entry) => {
      const parts = entry.trim().split(' ');
      return parts.length > 1 && parts.every((part) => part.includes('@')) ? parts : [entry];
    })
    .map(cleanName)
    .filter((entry) => entry !== '');
}

/**
 * A name made safe to put in a list: what `splitList` cuts at becomes a space, so "Vance, Adele"
 * stays one person (found by the look-up or not), never two people, "Vance" and "Adele".
 */
export function asOneName(name: string): string {
  return name
    .replace(/\s*[,;]\s*|\s+(?:and|&)\s+/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Splits `text` at the last whole-word occurrence of `keyword` (case-insensitive): names may
 * contain the word ("Office for the web"), user lists come last.
 */
export function splitAtLast(text: string, keyword: string): [string, string] | undefined {
  const padded = ` ${text} `;
  let last: RegExpExecArray | undefined;
  for (const match of padded.matchAll(new RegExp(`\\s${keyword}\\s`, 'gi'))) {
    last = match;
  }
  if (last === undefined) {
    return undefined;
  }
  return [padded.slice(0, last.index).trim(), padded.slice(last.index + last[0].length).trim()];
}

/** Splits `text` at the first whole-word occurrence of `keyword` (case-insensitive). */
export function splitAtFirst(text: string, keyword: string): [string, string] | undefined {
  const padded = ` ${text} `;
  const match = new RegExp(`\\s${keyword}\\s`, 'i').exec(padded);
  if (match === null) {
    return undefined;
  }
  return [padded.slice(0, match.index).trim(), padded.slice(match.index + match[0].length).trim()];
}

/** A mention Teams put in a message: how it is written in the text and what a command reads. */
export interface TextMention {
  /** The `<at>…</at>` spellings it may have in the text (the entity's own, or from the name). */
  markups: readonly string[];
  /** What a command reads in its place: a person's object id or name, '' for the bot itself. */
  meaning: string;
}

const mentionMarkup = /<at>[^<]*<\/at>/gi;
const sameMarkup = (a: string, b: string): boolean =>
  a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Chat text with each `<at>…</at>` read as what its mention means: the bot's own drops out, a
 * colleague's becomes someone to look up ("assign E5 to @Adele Vance"). Mentions are taken in
 * order, so two people mentioned with the same text are both read. Markup that no mention
 * explains stays, and `plainCommandText` drops it: who it meant is not guessed.
 */
export function readMentions(text: string, mentions: readonly TextMention[]): string {
  const used = new Set<TextMention>();
  return text.replace(mentionMarkup, (markup) => {
    const fits = mentions.filter((mention) =>
      mention.markups.some((candidate) => sameMarkup(candidate, markup)),
    );
    const mention = fits.find((candidate) => !used.has(candidate)) ?? fits[0];
    if (mention === undefined) {
      return markup;
    }
    used.add(mention);
    return ` ${mention.meaning} `;
  });
}
