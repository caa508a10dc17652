import { describe, expect, it } from 'vitest';
import { nameKey, readNameLines } from '../../../src/domain/catalogue/name-table.ts';

describe('nameKey', () => {
  it.each([
    ['SPE_E5', 'SPE_E5'],
    ['spe_e5', 'SPE_E5'],
    ['ATP_ENTERPRISE ', 'ATP_ENTERPRISE'],
    ['Virtualization \tRights  for Windows 10', 'VIRTUALIZATION RIGHTS FOR WINDOWS 10'],
  ])('compares %j as %j', (code, key) => {
    expect(nameKey(code)).toBe(key);
  });
});

describe('readNameLines', () => {
  it('reads one code and name per line, the name running to the end of the line', () => {
    const lines = '\nSPE_E5\tMicrosoft 365 E5\nTEAMS1\tMicrosoft Teams (with\ttab)\n';
    expect(readNameLines(lines)).toEqual(
      new Map([
        ['SPE_E5', 'Microsoft 365 E5'],
        ['TEAMS1', 'Microsoft Teams (with\ttab)'],
      ]),
    );
  });
});
