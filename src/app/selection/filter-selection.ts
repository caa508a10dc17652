import type { Sku } from '../../domain/licensing.ts';
import { compileUserFilter } from '../../domain/selection/filter/compile-user-filter.ts';
import { describeUserFilter } from '../../domain/selection/filter/describe-user-filter.ts';
import { parseUserFilter } from '../../domain/selection/filter/parse-user-filter.ts';
import type { Directory } from '../ports/directory.ts';
import { eachOnce, inFlight } from './read-together.ts';
import { filterParts } from './filter-parts.ts';
import type { SelectionResult } from './selected-users.ts';

/** Graph's largest page of users: 50,000 matches are 51 reads. */
const PAGE_SIZE = 999;
/** Parts of a filter read at once (each a listing paged in turn, one page read ahead). */
const PARTS_IN_FLIGHT = 5;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) {
    all.push(item);
  }
  return all;
}

/**
 * The users a typed filter matches: parsed, compiled to a Graph `$filter` whose values are all
 * quoted by the compiler, and read page by page (as an advanced query when Graph needs one).
 * An in-list is read as one listing per value, side by side (see `filterParts`): the users come
 * grouped by those values, each once. A part that fails fails the selection; the parts still
 * being read then run to their end unused.
 */
export async function selectFilteredUsers(
  directory: Directory,
  typed: string,
  skus: readonly Sku[],
): Promise<SelectionResult> {
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
  const lists = await inFlight(
    parts.map(
      (part) => () =>
        collect(
          directory.listUsers(part.filter, {
            pageSize: PAGE_SIZE,
            advanced: part.advanced,
            fields: 'licensing',
          }),
        ),
    ),
    PARTS_IN_FLIGHT,
  );
  const users = eachOnce(lists.flat());
  return {
    ok: true,
    value: {
      users,
      label: `users where ${describeUserFilter(parsed.value)}`,
      skippedMembers: { devices: 0, contacts: 0, other: 0 },
      rowProblems: [],
    },
  };
}
