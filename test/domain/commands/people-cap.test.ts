import { describe, expect, it } from 'vitest';
import { MAX_USERS, parseLicenseCommand } from '../../../src/domain/commands/grammar.ts';

const people = (count: number) =>
  Array.from({ length: count }, (_, i) => `person${i}@contoso.com`).join(', ');

describe('people per typed command', () => {
  it('takes as many people as the request form', () => {
    const result = parseLicenseCommand(`assign E5 to ${people(MAX_USERS)}`);
    expect(result.ok && result.value.kind === 'assign' && result.value.users).toHaveLength(20);
  });

  it('refuses more, says how many and what to do, for every command that names people', () => {
    for (const text of [
      `assign E5 to ${people(21)} because they join`,
      `remove E5 from ${people(21)}`,
      `transfer ${people(80)} from E3 to E5`,
      `disable Teams for ${people(21)}`,
    ]) {
      const result = parseLicenseCommand(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.failure.code).toBe('TOO_MANY_USERS');
        expect(result.failure.message).toMatch(/^That names (21|80) people; .* at most 20/);
        expect(result.failure.message).toContain('Split it into commands of 20 people or fewer');
        expect(result.failure.example).toMatch(/^(assign|remove|transfer|disable) /);
      }
    }
  });

  it('counts people side by side as several (mentions read as object ids)', () => {
    const ids = Array.from(
      { length: 21 },
      (_, i) => `00000000-0000-0000-0000-${String(i).padStart(13, '0')}`,
    ).join(' ');
    const result = parseLicenseCommand(`assign E5 to ${ids}`);
    expect(!result.ok && result.failure.code).toBe('TOO_MANY_USERS');
  });

  it('leaves the request form alone', () => {
    expect(parseLicenseCommand('request')).toEqual({ ok: true, value: { kind: 'request' } });
  });
});
