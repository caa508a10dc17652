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

/**
 * A selection counted user by user as it is read, keeping only the counts and the first few
 * people: tallies of consecutive slices of the users merge in order into the tally of them all.
 */
export class SelectionTally {
  #count = 0;
  #withoutUsageLocation = 0;
  #disabled = 0;
  #guests = 0;
  #sample: SelectionCount['sample'] = [];

  add(user: DirectoryUser): void {
    this.#count += 1;
    this.#withoutUsageLocation += user.usageLocation ? 0 : 1;
    this.#disabled += user.accountEnabled === false ? 1 : 0;
    this.#guests += user.userType?.toLowerCase() === 'guest' ? 1 : 0;
    if (this.#sample.length < SAMPLE_SIZE) {
      this.#sample.push({
        displayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
      });
    }
  }

  /** Adds the tally of the users that come after this one's. */
  merge(later: SelectionTally): void {
    this.#count += later.#count;
    this.#withoutUsageLocation += later.#withoutUsageLocation;
    this.#disabled += later.#disabled;
    this.#guests += later.#guests;
    this.#sample = [...this.#sample, ...later.#sample].slice(0, SAMPLE_SIZE);
  }

  get count(): number {
    return this.#count;
  }

  /** The count-first answer, with what was left out on the way. */
  counted(selected: Omit<CountedSelection, 'users'>): SelectionCount {
    return {
      label: selected.label,
      count: this.#count,
      withoutUsageLocation: this.#withoutUsageLocation,
      disabled: this.#disabled,
      guests: this.#guests,
      skippedMembers: selected.skippedMembers,
      rowProblems: selected.rowProblems.length,
      sample: this.#sample,
    };
  }
}

/** Counts a selection: how many, how many without usage location or disabled, and a sample. */
export function countSelection(selected: CountedSelection): SelectionCount {
  const tally = new SelectionTally();
  for (const user of selected.users) {
    tally.add(user);
  }
  return tally.counted(selected);
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
