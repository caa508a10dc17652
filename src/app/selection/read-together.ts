import type { DirectoryUser } from '../../domain/licensing.ts';
import type { OpenedSelection, SelectionResult } from './selected-users.ts';

/** Runs the tasks with at most `limit` in flight; answers in the tasks' order. */
export async function inFlight<T>(
  tasks: readonly (() => Promise<T>)[],
  limit: number,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** What a selection's reader hands each user to, with the listing it came from. */
export type TakeUser = (user: DirectoryUser, listing: number) => void;

/**
 * `take`, given each user once (the first time they are listed): Graph lists a user once per
 * listing (parts of a filter, nested groups), and a selection counts people, not listings.
 */
export function oncePerUser(take: TakeUser): TakeUser {
  const seen = new Set<string>();
  return (user, listing) => {
    if (!seen.has(user.id)) {
      seen.add(user.id);
      take(user, listing);
    }
  };
}

/** Reads an opened selection's users into one list, in the selection's order. */
export async function readAll(opened: OpenedSelection): Promise<SelectionResult> {
  const listings: DirectoryUser[][] = [];
  const skippedMembers = await opened.read((user, listing) => {
    (listings[listing] ??= []).push(user);
  });
  return {
    ok: true,
    value: {
      users: listings.flat(),
      label: opened.label,
      skippedMembers,
      rowProblems: opened.rowProblems,
      ...(opened.rowLicenses ? { rowLicenses: opened.rowLicenses } : {}),
    },
  };
}
