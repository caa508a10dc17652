/** The key a template name is unique by in a tenant: trimmed, spaces folded, case ignored. */
export const templateNameKey = (name: string): string =>
  name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');

/** What an admin reads when the name is taken. */
export const nameTakenMessage = (name: string): string =>
  `There is already a template called "${name.trim()}". Pick another name, or edit that one.`;
