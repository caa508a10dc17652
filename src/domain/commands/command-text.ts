import { isObjectId } from '../object-ids.ts';

const namedEntities: ReadonlyMap<string, string> = new Map([
  ['nbsp', ' '],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['amp', '&'],
]);

/**
 * Text with the HTML entities Teams writes made characters, in one pass so "&amp;lt;" stays
 * "&lt;". An entity it does not know, or a number that is no character, stays as written.
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]{1,6})|#([0-9]{1,7})|([a-z]+));/gi,
    (entity, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        return namedEntities.get(name.toLowerCase()) ?? entity;
      }
      const point = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
      return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
    },
  );
}

/**
 * Text with typographic quotes made plain ones and spaces collapsed: what the parsers ask of
 * text that is already plain. It neither strips tags nor decodes entities, so a reason typed as
 * "a <b> c" (which Teams sends as "a &lt;b&gt; c", made plain once by `plainCommandText`) stays.
 */
export function tidyPlainText(text: string): string {
  return text
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Text from Teams made plain: Teams wraps mentions in `<at>` tags and auto-links addresses as
 * `<a href="mailto:…">`, and HTML-encodes a few characters; none of that is part of the command.
 * Run it once, where a message comes in: run again, it would read a typed "&lt;b&gt;" as a tag.
 */
export function plainCommandText(text: string): string {
  return tidyPlainText(
    decodeHtmlEntities(text.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/<[^>]+>/g, ' ')),
  );
}

/** A typed name without surrounding quotes or stray punctuation. */
export function cleanName(text: string): string {
  return text
    .trim()
    .replace(/^["'`]+|["'`.!?]+$/g, '')
    .trim();
}

/**
 * A list as people type it: "a, b and c", "a; b", "a & b", or addresses and object ids separated
 * by spaces (a pasted column, mentions side by side). Empty entries are dropped. A name that
 * itself contains " and " must be typed by its technical name.
 */
export function splitList(text: string): string[] {
  return text
    .split(/\s*[,;]\s*|\s+(?:and|&)\s+/i)
    .flatMap((entry) => {
      const parts = entry.trim().split(' ');
      // Only where a list is cut: a word shaped like an object id (the demo's too) stands alone
      // here, and the directory adapter decides whether it is one.
      const separate = parts.every((part) => part.includes('@') || isObjectId(part, 'testTool'));
      return parts.length > 1 && separate ? parts : [entry];
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
  /**
   * What a command reads in its place: a person's object id or name, "@" and the name of a
   * channel, team or tag (which finds no one), '' for the bot itself.
   */
  meaning: string;
  /**
   * Whom Teams says is mentioned (`mentioned.id`). New Teams may split one person's mention into
   * a tag per word, all with this id; side by side, they are read as one mention.
   */
  who?: string;
}

const mentionMarkup = /<at>[^<]*<\/at>/gi;
const comparable = (markup: string): string =>
  decodeHtmlEntities(markup).replace(/\s+/g, ' ').trim().toLowerCase();
const sameMarkup = (a: string, b: string): boolean => comparable(a) === comparable(b);
// What may lie between two mentions of one list, and before the command (the bot's address).
const blank = /^(?:\s|&nbsp;)*$/i;

/** The name a `<at>…</at>` markup shows, made plain and kept one entry of a list. */
export function mentionedName(markup: string): string {
  return asOneName(decodeHtmlEntities(markup.replace(/<\/?at>/gi, '')));
}

/**
 * The meaning of one mention Teams split into words, from the meaning so far and the next word's:
 * an object id (or the bot's '') is the same for every word; a name gets the word ("Adele" and
 * "Vance" are "Adele Vance"), a channel's or tag's too, without its "@" again.
 */
const joinedMeaning = (sofar: string, next: string): string =>
  next === sofar ? sofar : `${sofar} ${next.replace(/^@/, '')}`;

/** A `<at>…</at>` in the text: what lies before it, and what it is read as. */
interface ReadTag {
  before: string;
  meaning: string;
  sideBySide: boolean;
  mention: TextMention | undefined;
}

/**
 * Chat text with each `<at>…</at>` read as what its mention means: the bot's own drops out, a
 * colleague's becomes someone to look up ("assign E5 to @Adele Vance"). Mentions are taken in
 * order, so two people mentioned with the same text are both read, and mentions side by side
 * ("@Adele Vance @Megan Bowen", as Teams writes them) are separate entries of a list, unless
 * they mention the same one (`who`): that is one mention Teams split into words. Markup no
 * mention explains is read as the name inside it, so nobody named vanishes from a command,
 * unless it comes before the command, where only the bot is addressed.
 */
export function readMentions(text: string, mentions: readonly TextMention[]): string {
  const used = new Set<TextMention>();
  const tags: ReadTag[] = [];
  let endOfLast = 0;
  let commandStarted = false;
  for (const { 0: markup, index: offset } of text.matchAll(mentionMarkup)) {
    const before = text.slice(endOfLast, offset);
    const sideBySide = blank.test(before);
    commandStarted ||= !sideBySide;
    endOfLast = offset + markup.length;
    const fits = mentions.filter((mention) =>
      mention.markups.some((candidate) => sameMarkup(candidate, markup)),
    );
    const mention = fits.find((candidate) => !used.has(candidate)) ?? fits[0];
    if (mention !== undefined) {
      used.add(mention);
    }
    const meaning = mention?.meaning ?? (commandStarted ? mentionedName(markup) : '');
    const previous = tags.at(-1);
    if (sideBySide && mention?.who !== undefined && previous?.mention?.who === mention.who) {
      previous.meaning = joinedMeaning(previous.meaning, meaning);
    } else {
      tags.push({ before, meaning, sideBySide, mention });
    }
  }
  let lastWasSomeone = false;
  const read = tags.map(({ before, meaning, sideBySide }) => {
    const nextInList = lastWasSomeone && sideBySide;
    lastWasSomeone = meaning !== '';
    if (meaning === '') {
      return `${before} `;
    }
    return nextInList ? `${before}, ${meaning} ` : `${before} ${meaning} `;
  });
  return `${read.join('')}${text.slice(endOfLast)}`;
}
