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
