/**
 * Past this, text is not a command and is not worth parsing. Room for what the request form
 * allows, typed: 20 people by long addresses, a license, plans to leave off, a location and a
 * reason (`assign … to <20 UPNs> without … location FR because …`).
 */
export const MAX_COMMAND_LENGTH = 2_000;

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
