import type { DirectoryUser, ObjectId, ServicePlanId, SkuId } from '../../domain/licensing.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';

/** A CSV someone sent or uploaded, as text. */
export interface SentCsv {
  name: string;
  text: string;
}

/** Rows of a file that name the same license and plans: the users they name get that. */
export interface RowLicense {
  skuId: SkuId;
  disabledPlanIds: ServicePlanId[];
  userIds: ObjectId[];
}

/**
 * The users a bulk selection names, read once from Graph with what planning needs, and what was
 * left out on the way: members that are not users, rows of a file that could not be used.
 */
export interface SelectedUsers {
  users: DirectoryUser[];
  /** How the selection reads on a card: `group "Sales Department"`, `users where …`. */
  label: string;
  /** Members of a group that are not users: devices, organisational contacts, others. */
  skippedMembers: { devices: number; contacts: number; other: number };
  /** Rows of a file left out, by line and reason. */
  rowProblems: SelectionRowProblem[];
  /** A file's licenses per group of rows, when its rows name them. */
  rowLicenses?: RowLicense[];
}

/** The users a selection names, or why it names nobody in words the admin can act on. */
export type SelectionResult = { ok: true; value: SelectedUsers } | { ok: false; message: string };

/** Members of a group that are not users, by kind. */
export type SkippedMembers = SelectedUsers['skippedMembers'];

/**
 * A selection found (the group, the compiled filter, the file's rows) and not read yet: a
 * request reads it once, and may plan each user as they come instead of holding them all.
 */
export interface OpenedSelection {
  label: string;
  rowProblems: SelectionRowProblem[];
  rowLicenses?: RowLicense[];
  /**
   * Reads the users, handing each to `take` once, with the number of the listing it came from:
   * listings (the parts of a filter) are read side by side, each in its own order, and the
   * selection's order is listing 0's users, then listing 1's, and so on. Answers the members
   * left out because they are not users.
   */
  read(take: (user: DirectoryUser, listing: number) => void): Promise<SkippedMembers>;
}

/** A selection ready to read, or why it names nobody. */
export type OpenedResult = { ok: true; value: OpenedSelection } | { ok: false; message: string };

/** What a file selection reads besides the directory: the file, and a license for bare rows. */
export interface SelectionInput {
  file?: SentCsv;
  /** The license the command's words name, for rows of a file that name none. */
  defaultLicense?: string;
  /** Whether the rows' licenses are what the change is about (assign, remove). */
  rowsNameLicenses: boolean;
}
