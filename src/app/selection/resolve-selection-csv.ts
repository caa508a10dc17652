import type { Result } from '../../domain/errors.ts';
import type { DirectoryUser, ServicePlanId, Sku, SkuId } from '../../domain/licensing.ts';
import type { ObjectIdFormat } from '../../domain/object-ids.ts';
import { groupByLicense, type LicenseGroup } from '../../domain/selection/csv/group-by-license.ts';
import { readSelectionRows } from '../../domain/selection/csv/read-selection-rows.ts';
import {
  resolveRowLicenses,
  type LicensedRow,
} from '../../domain/selection/csv/resolve-row-licenses.ts';
import {
  byLine,
  rowProblem,
  type SelectionRowProblem,
  type SelectionSheetProblem,
} from '../../domain/selection/csv/selection-sheet.ts';
import type { Directory } from '../ports/directory.ts';
import { lookUpUsers, type FoundUsers } from './look-up-users.ts';
import { readSelectionCsv, type SelectionCsvRefusal } from './read-selection-csv.ts';

/** Up to this many rows, users are looked up 15 at a time; beyond, the directory is read once. */
export const LOOKUP_LIMIT = 1_000;
/** The largest page Graph serves of `/users`. */
const SCAN_PAGE_SIZE = 999;

/** A row of the file with its user found: who gets which license, with which plans disabled. */
export interface ResolvedSelectionRow {
  line: number;
  user: DirectoryUser;
  skuId: SkuId;
  disabledPlanIds: ServicePlanId[];
}

/** The file's rows ready to plan, grouped by license, and every row left out, by line. */
export interface ResolvedSelection {
  rows: ResolvedSelectionRow[];
  groups: LicenseGroup<ResolvedSelectionRow>[];
  problems: SelectionRowProblem[];
  /** How users were found: a few looked up, or the whole directory read once. */
  strategy: 'lookup' | 'scan';
}

export interface ResolveSelectionOptions {
  directory: Directory;
  /** The tenant's SKUs, for the rows' license and plan words. */
  skus: readonly Sku[];
  /** The license the message names, for rows without a LicenseSKU. */
  defaultLicense?: string;
  objectIds?: ObjectIdFormat;
  /** Rows up to which users are looked up rather than the directory read (tests lower it). */
  lookupLimit?: number;
}

/**
 * Reads a selection CSV and resolves it against the tenant: rows checked, license and plan
 * words resolved to the tenant's SKUs, users found in the directory. A file that cannot be read
 * as a selection at all is refused; otherwise bad rows are problems and good rows go on.
 */
export async function resolveSelectionCsv(
  text: string,
  options: ResolveSelectionOptions,
): Promise<Result<ResolvedSelection, SelectionCsvRefusal | SelectionSheetProblem>> {
  const records = readSelectionCsv(text);
  if (!records.ok) {
    return records;
  }
  const sheet = readSelectionRows(records.value, { objectIds: options.objectIds ?? 'guid' });
  if (!sheet.ok) {
    return sheet;
  }
  const licensed = resolveRowLicenses(sheet.value.rows, options.skus, options.defaultLicense);
  const users = await resolveSelectionUsers(licensed.rows, options.directory, options);
  return {
    ok: true,
    value: {
      rows: users.rows,
      groups: groupByLicense(users.rows),
      problems: byLine([...sheet.value.problems, ...licensed.problems, ...users.problems]),
      strategy: users.strategy,
    },
  };
}

const foundUser = (found: FoundUsers, row: LicensedRow): DirectoryUser | undefined =>
  found[row.user.kind].get(row.user.value.toLowerCase());

/**
 * Finds the users of the rows: up to `lookupLimit` rows by lookups of 15, a few in flight;
 * beyond, by reading the directory once, keeping only the users the file names (memory grows
 * with the file, not the tenant). Users not found, and a user named twice (once by id, once by
 * name), are problems by line.
 */
export async function resolveSelectionUsers(
  rows: readonly LicensedRow[],
  directory: Directory,
  options: { lookupLimit?: number } = {},
): Promise<{
  rows: ResolvedSelectionRow[];
  problems: SelectionRowProblem[];
  strategy: 'lookup' | 'scan';
}> {
  const strategy = rows.length <= (options.lookupLimit ?? LOOKUP_LIMIT) ? 'lookup' : 'scan';
  const found = strategy === 'lookup' ? await lookUp(rows, directory) : await scan(rows, directory);
  const resolved: ResolvedSelectionRow[] = [];
  const problems: SelectionRowProblem[] = [];
  const firstLines = new Map<string, number>();
  for (const row of rows) {
    const user = foundUser(found, row);
    if (user === undefined) {
      const named = row.user.kind === 'upn' ? row.user.value : `with object id ${row.user.value}`;
      problems.push(rowProblem(row.line, 'unknown user', `No user ${named} in this directory.`));
      continue;
    }
    const first = firstLines.get(user.id.toLowerCase());
    if (first !== undefined) {
      problems.push(
        rowProblem(
          row.line,
          'duplicate',
          `${user.userPrincipalName} is already on line ${first}: give each user once.`,
        ),
      );
      continue;
    }
    firstLines.set(user.id.toLowerCase(), row.line);
    resolved.push({ line: row.line, user, skuId: row.skuId, disabledPlanIds: row.disabledPlanIds });
  }
  return { rows: resolved, problems, strategy };
}

/** The values of one kind the rows name, lower case, once each. */
const valuesOf = (rows: readonly LicensedRow[], kind: 'upn' | 'objectId'): string[] => [
  ...new Set(
    rows.filter((row) => row.user.kind === kind).map((row) => row.user.value.toLowerCase()),
  ),
];

/** The users the rows name, looked up 15 at a time. */
function lookUp(rows: readonly LicensedRow[], directory: Directory): Promise<FoundUsers> {
  return lookUpUsers(directory, {
    upns: valuesOf(rows, 'upn'),
    objectIds: valuesOf(rows, 'objectId'),
  });
}

/**
 * The users the rows name, from one read of the directory, keeping only those (a 100,000-user
 * read tests two names per user: no key strings are built for the users passed by).
 */
async function scan(rows: readonly LicensedRow[], directory: Directory): Promise<FoundUsers> {
  const wanted = { upn: new Set<string>(), objectId: new Set<string>() };
  for (const row of rows) {
    wanted[row.user.kind].add(row.user.value.toLowerCase());
  }
  const all = wanted.upn.size + wanted.objectId.size;
  const found: FoundUsers = { upn: new Map(), objectId: new Map() };
  for await (const user of directory.listUsers(undefined, {
    pageSize: SCAN_PAGE_SIZE,
    fields: 'licensing',
  })) {
    const upn = user.userPrincipalName.toLowerCase();
    if (wanted.upn.has(upn)) {
      found.upn.set(upn, user);
    }
    const id = user.id.toLowerCase();
    if (wanted.objectId.has(id)) {
      found.objectId.set(id, user);
    }
    if (found.upn.size + found.objectId.size === all) {
      break;
    }
  }
  return found;
}
