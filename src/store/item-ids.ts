/**
 * Cosmos ids may not contain `/`, `\`, `?` or `#`, and Teams conversation ids can hold almost
 * anything. Escape those characters (and the escape character itself) reversibly, as
 * botbuilder's Cosmos storage does, so any key maps to one valid id.
 */
export function toItemId(key: string): string {
  return key.replace(/[/\\?#*]/g, (character) => `*${character.charCodeAt(0).toString(16)}`);
}
