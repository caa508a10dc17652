import type { DirectoryUser } from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';
import { inFlight } from './read-together.ts';

/** Graph takes at most 15 values in one `in (…)` filter. */
const IN_VALUES = 15;
/** Lookups in flight at once: quick for a thousand names, gentle with Graph's throttling. */
const IN_FLIGHT = 4;

/** Users found by lower-case user principal name and by lower-case object id. */
export interface FoundUsers {
  upn: Map<string, DirectoryUser>;
  objectId: Map<string, DirectoryUser>;
}

function inChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

const odataString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * Users by user principal name and by object id, 15 a read (`userPrincipalName in (…)`, `id in
 * (…)`), a few reads in flight: never one read per user. Names and ids not found are missing.
 */
export async function lookUpUsers(
  directory: Directory,
  wanted: { upns: readonly string[]; objectIds: readonly string[] },
): Promise<FoundUsers> {
  const found: FoundUsers = { upn: new Map(), objectId: new Map() };
  const keep = (user: DirectoryUser): void => {
    found.upn.set(user.userPrincipalName.toLowerCase(), user);
    found.objectId.set(user.id.toLowerCase(), user);
  };
  const unique = (values: readonly string[]) => [...new Set(values.map((v) => v.toLowerCase()))];
  const byName = inChunks(unique(wanted.upns), IN_VALUES).map((names) => async () => {
    const filter = `userPrincipalName in (${names.map(odataString).join(',')})`;
    for await (const user of directory.listUsers(filter, { pageSize: names.length })) {
      keep(user);
    }
  });
  const byId = inChunks(unique(wanted.objectIds), IN_VALUES).map((ids) => async () => {
    for (const user of (await directory.findUsers(ids)).values()) {
      keep(user);
    }
  });
  await inFlight([...byName, ...byId], IN_FLIGHT);
  return found;
}
