import type { DirectoryUser } from '../../domain/licensing.ts';
import { isObjectId } from '../../domain/object-ids.ts';
import type { Directory } from '../ports/directory.ts';
import { lookUpUsers } from '../selection/look-up-users.ts';

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
  // An email address or anything shaped like an object id is read directly (the directory
  // adapter knows which ids are real: GUIDs, or the demo's); anything else is a name to search.
  const idShaped = (word: string): boolean => word.includes('@') || isObjectId(word, 'testTool');
  const direct = typed.filter(idShaped);
  // Many addresses (a pasted list) are read 15 at a time, never one read each.
  const known =
    direct.length > 1
      ? await lookUpUsers(directory, {
          upns: direct.filter((word) => word.includes('@')),
          objectIds: direct.filter((word) => !word.includes('@')),
        })
      : undefined;
  const readDirectly = async (word: string): Promise<DirectoryUser | null> => {
    if (known === undefined) {
      return directory.findUser(word);
    }
    const key = word.toLowerCase();
    return (word.includes('@') ? known.upn.get(key) : known.objectId.get(key)) ?? null;
  };
  const users: DirectoryUser[] = [];
  for (const word of typed) {
    const hit = idShaped(word) ? await readDirectly(word) : null;
    if (hit) {
      users.push(hit);
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
