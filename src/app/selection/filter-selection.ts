import type { Sku } from '../../domain/licensing.ts';
import { compileUserFilter } from '../../domain/selection/filter/compile-user-filter.ts';
import { describeUserFilter } from '../../domain/selection/filter/describe-user-filter.ts';
import { parseUserFilter } from '../../domain/selection/filter/parse-user-filter.ts';
import type { Directory } from '../ports/directory.ts';
import { inFlight, oncePerUser, readAll } from './read-together.ts';
import { filterParts } from './filter-parts.ts';
import type { OpenedResult, SelectionResult } from './selected-users.ts';

/** Graph's largest page of users: 50,000 matches are 51 reads. */
const PAGE_SIZE = 999;
/** Parts of a filter read at once (each a listing paged in turn, one page read ahead). */
const PARTS_IN_FLIGHT = 5;

/**
 * A typed filter ready to read: parsed, compiled to a Graph `$filter` whose values are all
 * quoted by the compiler. Its users are read page by page (as an advanced query when Graph
 * needs one); an in-list is read as one listing per value, side by side (see `filterParts`),
 * each user handed over once. A part that fails fails the read, and the parts still being read
 * stop at their next user.
 */
export function openFilteredUsers(
  directory: Directory,
  typed: string,
  skus: readonly Sku[],
): OpenedResult {
  const parsed = parseUserFilter(typed);
  if (!parsed.ok) {
    return { ok: false, message: `I can't read that filter. ${parsed.failure.message}` };
  }
  const compiled = compileUserFilter(parsed.value, skus);
  if (!compiled.ok) {
    return { ok: false, message: compiled.failure.message };
  }
  // The whole filter compiled, so the parts (smaller filters of the same words) compile too.
  const parts = filterParts(parsed.value).flatMap((part) => {
    const one = compileUserFilter(part, skus);
    return one.ok ? [one.value] : [];
  });
  return {
    ok: true,
    value: {
      label: `users where ${describeUserFilter(parsed.value)}`,
      rowProblems: [],
      read: async (taken) => {
        const take = oncePerUser(taken);
        let failed = false;
        await inFlight(
          parts.map((part, listing) => async () => {
            const users = directory.listUsers(part.filter, {
              pageSize: PAGE_SIZE,
              advanced: part.advanced,
              fields: 'licensing',
            });
            try {
              for await (const user of users) {
                if (failed) {
                  return; // another part failed the read: stop this one (its next page too)
                }
                take(user, listing);
              }
            } catch (error: unknown) {
              failed = true;
              throw error;
            }
          }),
          PARTS_IN_FLIGHT,
        );
        return { devices: 0, contacts: 0, other: 0 };
      },
    },
  };
}

/** The users a typed filter matches, read into one list (see `openFilteredUsers`). */
export async function selectFilteredUsers(
  directory: Directory,
  typed: string,
  skus: readonly Sku[],
): Promise<SelectionResult> {
  const opened = openFilteredUsers(directory, typed, skus);
  return opened.ok ? readAll(opened.value) : opened;
}
