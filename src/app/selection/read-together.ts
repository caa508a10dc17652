import type { DirectoryUser } from '../../domain/licensing.ts';

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

/**
 * Users read from several listings (parts of a filter, nested groups), each once: Graph lists a
 * user once per listing, and the count of a selection counts people, not listings.
 */
export function eachOnce(users: Iterable<DirectoryUser>): DirectoryUser[] {
  const seen = new Set<string>();
  const once: DirectoryUser[] = [];
  for (const user of users) {
    if (!seen.has(user.id)) {
      seen.add(user.id);
      once.push(user);
    }
  }
  return once;
}
