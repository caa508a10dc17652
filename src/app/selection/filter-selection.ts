import type { DirectoryUser, Sku } from '../../domain/licensing.ts';
import { compileUserFilter } from '../../domain/selection/filter/compile-user-filter.ts';
import { describeUserFilter } from '../../domain/selection/filter/describe-user-filter.ts';
import { parseUserFilter } from '../../domain/selection/filter/parse-user-filter.ts';
import type { Directory } from '../ports/directory.ts';
import type { SelectionResult } from './selected-users.ts';

/** Graph's largest page of users: 50,000 matches are 51 reads. */
const PAGE_SIZE = 999;

/**
 * The users a typed filter matches: parsed, compiled to a Graph `$filter` whose values are all
 * quoted by the compiler, and read page by page (as an advanced query when Graph needs one).
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
  const users: DirectoryUser[] = [];
  for await (const user of directory.listUsers(compiled.value.filter, {
    pageSize: PAGE_SIZE,
    advanced: compiled.value.advanced,
  })) {
    users.push(user);
  }
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
