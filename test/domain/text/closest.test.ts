import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../../src/domain/text/closest.ts';
import { editDistance } from '../../../src/domain/text/edit-distance.ts';
import { normaliseText, words } from '../../../src/domain/text/normalise.ts';

const commands = ['help', 'licenses', 'user', 'group', 'assign', 'remove', 'transfer', 'history'];

describe('closestMatch', () => {
  it('suggests the command a typo was meant to be', () => {
    expect(closestMatch('lisences', commands)).toBe('licenses');
    expect(closestMatch('asign', commands)).toBe('assign');
  });

  it('counts two swapped letters as one typo', () => {
    expect(editDistance('asisgn', 'assign')).toBe(1);
    expect(closestMatch('trasnfer', commands)).toBe('transfer');
  });

  it('suggests nothing for nonsense', () => {
    expect(closestMatch('xyzzy', commands)).toBeUndefined();
    expect(closestMatch('please make me a sandwich', commands)).toBeUndefined();
  });

  it('suggests nothing for blank input', () => {
    expect(closestMatch('  !! ', commands)).toBeUndefined();
  });

  it('ignores case, accents and punctuation', () => {
    expect(closestMatch('HÉLP!', commands)).toBe('help');
  });

  it('prefers the closer of two candidates, and the earlier one on a tie', () => {
    expect(closestMatch('usr', ['users', 'user'])).toBe('user');
    expect(closestMatch('ab', ['ax', 'xb'], { maxRatio: 1 })).toBe('ax');
  });

  it('honours a stricter threshold', () => {
    expect(closestMatch('lisences', commands, { maxDistance: 1 })).toBeUndefined();
    expect(closestMatch('hlep', commands, { maxRatio: 0.1 })).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('normaliseText', () => {
  it('makes product names comparable', () => {
    expect(normaliseText('Exchange Online (Plan 1)')).toBe('exchange online plan 1');
    expect(normaliseText('POWER_BI_PRO')).toBe('power bi pro');
  });

  it('splits into words, none for blank text', () => {
    expect(words('  Microsoft 365   E3 ')).toEqual(['microsoft', '365', 'e3']);
    expect(words('  ')).toEqual([]);
  });
});
