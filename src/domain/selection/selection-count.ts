import type { DirectoryUser } from '../licensing.ts';

/** Whom a selection names, as counting needs it: users, and what was left out on the way. */
export interface CountedSelection {
  users: readonly DirectoryUser[];
  /** How the selection reads on a card: `group "Sales Department"`, `users where …`. */
  label: string;
  /** Members of a group that are not users: devices, organisational contacts, others. */
  skippedMembers: { devices: number; contacts: number; other: number };
  /** Rows of a file left out. */
  rowProblems: readonly unknown[];
}

/** What the count-first answer says about a selection before anything is planned. */
export interface SelectionCount {
  label: string;
  count: number;
  withoutUsageLocation: number;
  disabled: number;
  guests: number;
  skippedMembers: CountedSelection['skippedMembers'];
  rowProblems: number;
  /** The first few people, by display name, to check the selection is the intended one. */
  sample: { displayName: string; userPrincipalName: string }[];
}

const SAMPLE_SIZE = 5;

/** Counts a selection: how many, how many without usage location or disabled, and a sample. */
export function countSelection(selected: CountedSelection): SelectionCount {
  let withoutUsageLocation = 0;
  let disabled = 0;
  let guests = 0;
  for (const user of selected.users) {
    withoutUsageLocation += user.usageLocation ? 0 : 1;
    disabled += user.accountEnabled === false ? 1 : 0;
    guests += user.userType?.toLowerCase() === 'guest' ? 1 : 0;
  }
  return {
    label: selected.label,
    count: selected.users.length,
    withoutUsageLocation,
    disabled,
    guests,
    skippedMembers: selected.skippedMembers,
    rowProblems: selected.rowProblems.length,
    sample: selected.users.slice(0, SAMPLE_SIZE).map((user) => ({
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
    })),
  };
}

const plural = (count: number, one: string): string =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : `${one}s`}`;

/** `247 users match group "Sales" (12 without usage location, 3 disabled)`. */
export function describeCount(count: SelectionCount): string {
  const notes = [
    count.withoutUsageLocation > 0 ? `${count.withoutUsageLocation} without usage location` : '',
    count.disabled > 0 ? `${count.disabled} disabled` : '',
    count.guests > 0 ? `${plural(count.guests, 'guest')}` : '',
    count.skippedMembers.devices > 0
      ? `${plural(count.skippedMembers.devices, 'device')} skipped`
      : '',
    count.skippedMembers.contacts > 0
      ? `${plural(count.skippedMembers.contacts, 'contact')} skipped`
      : '',
    count.skippedMembers.other > 0
      ? `${plural(count.skippedMembers.other, 'other member')} skipped`
      : '',
    count.rowProblems > 0 ? `${plural(count.rowProblems, 'row')} left out` : '',
  ].filter((note) => note !== '');
  const verb = count.count === 1 ? 'matches' : 'match';
  return `${plural(count.count, 'user')} ${verb} ${count.label}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}
