import type { LicensingFailure } from '../errors.ts';
import { countryCodeOf, isCountryCode } from '../geo/usage-location.ts';
import type { DirectoryUser } from '../licensing.ts';

/** What to do about a user's usage location before a license is added directly. */
export type UsageLocationDecision =
  { ok: true; set?: string } | { ok: false; failure: LicensingFailure };

/**
 * A direct assignment fails without a usage location (unlike group-based licensing, it does not
 * inherit the tenant's), so one is chosen first: the user's own when valid, else the location
 * the request gave, else the user's country mapped to its code; otherwise the user is refused
 * with what to do.
 */
export function decideUsageLocation(
  user: Pick<DirectoryUser, 'usageLocation' | 'country' | 'displayName'>,
  requested: string | undefined,
): UsageLocationDecision {
  if (user.usageLocation && isCountryCode(user.usageLocation)) {
    return { ok: true };
  }
  const chosen = requested ?? countryCodeOf(user.country);
  if (chosen !== undefined) {
    return { ok: true, set: chosen };
  }
  const invalid = Boolean(user.usageLocation);
  return {
    ok: false,
    failure: {
      code: invalid ? 'USAGE_LOCATION_INVALID' : 'USAGE_LOCATION_MISSING',
      message: `${user.displayName} has ${invalid ? `an invalid usage location (${user.usageLocation})` : 'no usage location'} and no country I can use. Add "location" and a two-letter country code to the request, e.g. "location US".`,
      retryable: false,
    },
  };
}
