/**
 * Past this, text is not a command and is not worth parsing. Room for a pasted list of several
 * hundred addresses with a license, plans, a location and a reason (Teams' own limit is about
 * 28 KB a message); more people are chosen by group, filter or CSV file.
 */
export const MAX_COMMAND_LENGTH = 20_000;

/**
 * Chat text made ready to match: invisible characters dropped, spaces collapsed, trailing
 * punctuation ("licenses?") removed. Case is kept for the argument (a name, a UPN).
 */
export function tidyCommandText(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.,;:]+$/u, '')
    .trim();
}
