import { describe, expect, it } from 'vitest';
import { countryNames } from '../../../src/domain/geo/country-codes.ts';
import { countryCodeOf, isCountryCode } from '../../../src/domain/geo/usage-location.ts';

describe('usage location codes', () => {
  it('knows every ISO 3166-1 alpha-2 country', () => {
    expect(countryNames.size).toBe(249);
    expect([...countryNames.keys()].every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });

  it('accepts only upper-case codes, as Graph stores them', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('fr')).toBe(false);
    expect(isCountryCode('XX')).toBe(false);
  });
});

describe('countryCodeOf', () => {
  it('maps a code in any case', () => {
    expect(countryCodeOf(' fr ')).toBe('FR');
  });

  it('maps an English country name', () => {
    expect(countryCodeOf('Germany')).toBe('DE');
    expect(countryCodeOf('united kingdom')).toBe('GB');
    expect(countryCodeOf("Côte d'Ivoire")).toBe('CI');
  });

  it('maps the other names HR systems use', () => {
    expect(countryCodeOf('USA')).toBe('US');
    expect(countryCodeOf('Deutschland')).toBe('DE');
    expect(countryCodeOf('U.K.')).toBeUndefined();
    expect(countryCodeOf('UK')).toBe('GB');
  });

  it('gives nothing for an empty or unknown country', () => {
    expect(countryCodeOf(null)).toBeUndefined();
    expect(countryCodeOf(undefined)).toBeUndefined();
    expect(countryCodeOf('')).toBeUndefined();
    expect(countryCodeOf('Atlantis')).toBeUndefined();
    expect(countryCodeOf('XX')).toBeUndefined();
  });
});
