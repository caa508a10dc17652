/**
 * Text as an admin types it, made comparable: lower case, accents dropped, punctuation and
 * underscores turned into spaces, runs of spaces collapsed. "Exchange Online (Plan 1)" and
 * "exchange online plan 1" become the same string.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();
}

/** The words of a normalised text; empty for blank text. */
export function words(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : normalised.split(' ');
}
