/**
 * Who a bulk change is for, beyond people named one by one: a group's members (nested groups
 * and dynamic groups included), the users a filter matches, or the rows of a CSV file. Words stay
 * as typed: the group is found, the filter compiled and the file read against the tenant.
 */
export type BulkSelection =
  { kind: 'group'; group: string } | { kind: 'filter'; filter: string } | { kind: 'file' };

/** How a selection reads in a sentence: `group "Sales"`, `users where department eq "Sales"`. */
export function describeSelection(selection: BulkSelection): string {
  switch (selection.kind) {
    case 'group':
      return `group "${selection.group}"`;
    case 'filter':
      return `users where ${selection.filter}`;
    case 'file':
      return 'the users in the file';
  }
}
