import { describe, expect, it } from 'vitest';
import { parseLicenseCommand } from '../../../src/domain/commands/grammar.ts';

const people = (count: number) =>
  Array.from({ length: count }, (_, i) => `person${i}@contoso.com`).join(', ');

const usersOf = (text: string): number => {
  const result = parseLicenseCommand(text);
  return result.ok && result.value.kind !== 'request' ? result.value.users.length : -1;
};

describe('people per typed command', () => {
  it('takes hundreds of people in one command, for every command that names people', () => {
    expect(usersOf(`assign E5 to ${people(300)} because they join`)).toBe(300);
    expect(usersOf(`remove E5 from ${people(300)}`)).toBe(300);
    expect(usersOf(`transfer ${people(300)} from E3 to E5`)).toBe(300);
    expect(usersOf(`disable Teams for ${people(300)}`)).toBe(300);
  });

  it('reads people side by side as several (mentions read as object ids)', () => {
    const ids = Array.from(
      { length: 40 },
      (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    ).join(' ');
    expect(usersOf(`assign E5 to ${ids}`)).toBe(40);
  });

  it('refuses only a message too long to be typed, and says so', () => {
    const result = parseLicenseCommand(`assign E5 to ${people(2_000)}`);
    expect(!result.ok && result.failure.code).toBe('TOO_LONG');
  });

  it('leaves the request form alone', () => {
    expect(parseLicenseCommand('request')).toEqual({ ok: true, value: { kind: 'request' } });
  });
});
