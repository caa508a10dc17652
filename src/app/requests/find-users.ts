import type { DirectoryUser } from '../../domain/licensing.ts';
import { isObjectId } from '../../domain/object-ids.ts';
import type { Directory } from '../ports/directory.ts';

/** How many matches are offered when a typed name fits several people. */
const MAX_MATCHES = 5;

/** The people a command names: each word found exactly once, or the words that were not. */
export type FoundUsers =
  | { kind: 'found'; users: DirectoryUser[] }
  | { kind: 'several'; typed: string; matches: DirectoryUser[] }
  | { kind: 'none'; typed: string };

/**
 * Finds each typed user: an email address or object id is read directly, anything else is the
 * start of a name, and a name that fits several people is asked about, never guessed.
 */
export async function findUsers(
  directory: Directory,
  typed: readonly string[],
): Promise<FoundUsers> {
  const users: DirectoryUser[] = [];
  for (const word of typed) {
    // An email address or anything shaped like an object id is read directly (the directory
    // adapter knows which ids are real: GUIDs, or the demo's); anything else is a name to search.
    const idShaped = word.includes('@') || isObjectId(word, 'testTool');
    const direct = idShaped ? await directory.findUser(word) : null;
    if (direct) {
      users.push(direct);
      continue;
    }
    const matches = await directory.searchUsers(word, { limit: MAX_MATCHES + 1 });
    const exact = matches.filter((user) => user.displayName.toLowerCase() === word.toLowerCase());
    const only = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
    if (only) {
      // The search selects fewer fields than a read by id: read the whole user for planning.
      users.push((await directory.findUser(only.id)) ?? only);
      continue;
    }
    return matches.length === 0
      ? { kind: 'none', typed: word }
      : { kind: 'several', typed: word, matches: matches.slice(0, MAX_MATCHES) };
  }
  return { kind: 'found', users };
}
