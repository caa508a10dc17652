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
