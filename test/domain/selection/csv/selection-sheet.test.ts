import { describe, expect, it } from 'vitest';
import { byLine, rowProblem } from '../../../../src/domain/selection/csv/selection-sheet.ts';

describe('row problems', () => {
  it('read in the order of the file', () => {
    const late = rowProblem(9, 'unknown user', 'No user x@contoso.com in this directory.');
    const early = rowProblem(2, 'malformed', 'This row names no user.');
    expect(byLine([late, early])).toEqual([early, late]);
  });
});
