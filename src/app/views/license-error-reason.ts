import type { LicenseAssignmentErrorName } from '../../domain/licensing.ts';

/**
 * Graph's group-licensing error names in an admin's words, with what fixes them (after
 * Microsoft's "Identify and resolve license assignment problems for a group in Entra ID").
 */
export function licenseErrorReason(
  error: LicenseAssignmentErrorName | null,
  usageLocation?: string | null,
): string | undefined {
  switch (error) {
    case null:
    case 'None':
      return undefined;
    case 'CountViolation':
      return 'Not enough licenses: every seat of this product is taken. Buy more or free some.';
    case 'MutuallyExclusiveViolation':
      return 'Conflicting service plans: the user has another license with a plan that cannot be on at the same time.';
    case 'DependencyViolation':
      return 'A plan in this license needs another plan the user does not have (or it was removed).';
    case 'ProhibitedInUsageLocationViolation':
      return `Not available in the user's usage location${usageLocation ? ` (${usageLocation})` : ''}: change the usage location or the product.`;
    case 'UniquenessViolation':
      return "The user's proxy address (email) clashes with another object: fix the duplicate address, then reprocess.";
    case 'Other':
    case 'Others':
      return 'Entra could not assign it for another reason: check the user in the Entra admin center and reprocess.';
  }
}

/** The reasons a group's members in error are grouped by: Graph's names, `Others` read as `Other`. */
export type GroupErrorKind =
  | 'CountViolation'
  | 'MutuallyExclusiveViolation'
  | 'DependencyViolation'
  | 'ProhibitedInUsageLocationViolation'
  | 'UniquenessViolation'
  | 'Other';

/** The order reasons are shown in: the ones an admin can fix from the card first. */
export const GROUP_ERROR_KINDS: readonly GroupErrorKind[] = [
  'CountViolation',
  'MutuallyExclusiveViolation',
  'DependencyViolation',
  'ProhibitedInUsageLocationViolation',
  'UniquenessViolation',
  'Other',
];

/** A reason in plain words: its name, what happened, and what fixes it. */
export interface ReasonWords {
  title: string;
  happened: string;
  fix: string;
}

/** The group error kind of one license state in error (`Others`, `None` and null are `Other`). */
export function groupErrorKind(error: LicenseAssignmentErrorName | null): GroupErrorKind {
  return error === null || error === 'None' || error === 'Others' ? 'Other' : error;
}

/**
 * A group error reason for the group card, in an admin's words (after Microsoft's "Identify and
 * resolve license assignment problems for a group in Entra ID"). `products` names the group's
 * licenses involved; `locations` the members' usage locations, for the location reason.
 */
export function groupReasonWords(
  kind: GroupErrorKind,
  products: string,
  locations: string,
): ReasonWords {
  switch (kind) {
    case 'CountViolation':
      return {
        title: 'Not enough licenses',
        happened: `Every seat of ${products} is taken, so Entra could not give it to these members.`,
        fix: 'Buy more seats or free some (see who holds it), then reprocess them.',
      };
    case 'MutuallyExclusiveViolation':
      return {
        title: 'Conflicting service plans',
        happened: `They already hold a license (usually assigned directly) with a service plan that cannot be on together with one in ${products}.`,
        fix: 'Remove the conflicting direct license (it goes to approval like any removal), then reprocess them.',
      };
    case 'DependencyViolation':
      return {
        title: 'A plan is missing what it depends on',
        happened: `A service plan in ${products} needs another plan these members do not have, or one a direct license of theirs turns off.`,
        fix: 'Remove or change the conflicting direct license (it goes to approval), or add the plan it needs to the group; then reprocess them.',
      };
    case 'ProhibitedInUsageLocationViolation':
      return {
        title: 'Not available in their country',
        happened: `${products} cannot be used in these members' usage location${locations === '' ? '' : ` (${locations})`}.`,
        fix: 'Set the usage location where they really work; License Desk reprocesses them right after.',
      };
    case 'UniquenessViolation':
      return {
        title: 'Duplicate email address',
        happened:
          'An email (proxy) address of these members is also used by another object in Exchange Online, so their mailbox cannot be set up.',
        fix: 'Fix the duplicate address in the Exchange admin center (or the on-premises directory that syncs it), then reprocess them.',
      };
    case 'Other':
      return {
        title: 'Another problem',
        happened: `Entra could not assign ${products} and named no specific reason.`,
        fix: 'Reprocess them; if the error stays, look at the user in the Entra admin center.',
      };
  }
}
