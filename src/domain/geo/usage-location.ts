import { normaliseText } from '../text/normalise.ts';
import { countryAliases, countryNames } from './country-codes.ts';

/** Whether `code` is an ISO 3166-1 alpha-2 code, as Graph's `usageLocation` needs (upper case). */
export function isCountryCode(code: string): boolean {
  return countryNames.has(code);
}

/** Codes by their English name made comparable; the first code of a name wins, as a search would. */
const codesByName: ReadonlyMap<string, string> = new Map(
  [...countryNames].reverse().map(([code, name]) => [normaliseText(name), code]),
);

/**
 * The ISO code a country means, from a code in any case ("fr"), an English name ("France"),
 * or a common other name ("USA", "Deutschland"); undefined when it cannot tell.
 */
export function countryCodeOf(country: string | null | undefined): string | undefined {
  if (!country) {
    return undefined;
  }
  const trimmed = country.trim();
  if (/^[a-z]{2}$/i.test(trimmed) && isCountryCode(trimmed.toUpperCase())) {
    return trimmed.toUpperCase();
  }
  const typed = normaliseText(trimmed);
  const aliased = countryAliases[typed];
  if (aliased !== undefined) {
    return aliased;
  }
  return codesByName.get(typed);
}
