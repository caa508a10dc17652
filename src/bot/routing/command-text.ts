/** Commands are short: past this, text is not a command and is not worth parsing. */
export const MAX_COMMAND_LENGTH = 500;

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
