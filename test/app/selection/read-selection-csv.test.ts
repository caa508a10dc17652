import { describe, expect, it } from 'vitest';
import { readSelectionCsv } from '../../../src/app/selection/read-selection-csv.ts';

const records = (text: string) => {
  const read = readSelectionCsv(text);
  if (!read.ok) {
    throw new Error(read.failure.message);
  }
  return read.value;
};

describe('reading a selection file as CSV', () => {
  it('drops the byte order mark Excel writes, and keeps each record’s line', () => {
    expect(
      records('\uFEFFUserPrincipalName,LicenseSKU\r\n\r\nalex@contoso.com,SPE_E5\r\n'),
    ).toEqual([
      { line: 1, fields: ['UserPrincipalName', 'LicenseSKU'] },
      { line: 3, fields: ['alex@contoso.com', 'SPE_E5'] },
    ]);
  });

  it('reads quoted fields, commas and doubled quotes inside them, and trims spaces', () => {
    expect(
      records(
        'UserPrincipalName,LicenseSKU,DisabledPlans\n "o\'brien@contoso.com" ,"SPE_E5","Teams, Sway;""Yammer"""\n',
      ),
    ).toEqual([
      { line: 1, fields: ['UserPrincipalName', 'LicenseSKU', 'DisabledPlans'] },
      { line: 2, fields: ["o'brien@contoso.com", 'SPE_E5', 'Teams, Sway;"Yammer"'] },
    ]);
  });

  it('keeps the semicolons of DisabledPlans in a comma-separated file', () => {
    expect(records('UserPrincipalName,DisabledPlans\nalex@contoso.com,Teams;Sway')[1]).toEqual({
      line: 2,
      fields: ['alex@contoso.com', 'Teams;Sway'],
    });
  });

  it.each([
    [
      'semicolons (Excel in some countries)',
      'UserPrincipalName;LicenseSKU\nalex@contoso.com;SPE_E5',
    ],
    ['tabs (cells pasted from Excel)', 'UserPrincipalName\tLicenseSKU\nalex@contoso.com\tSPE_E5'],
  ])('reads a file separated by %s', (_, text) => {
    expect(records(text)[1]).toEqual({ line: 2, fields: ['alex@contoso.com', 'SPE_E5'] });
  });

  it('takes rows shorter or longer than the header', () => {
    expect(
      records('UserPrincipalName,LicenseSKU\nalex@contoso.com\nmegan@contoso.com,E5,x'),
    ).toHaveLength(3);
  });

  it.each([
    [
      'a quote never closed',
      'UserPrincipalName\n"alex@contoso.com\n',
      'a quote is opened and never closed.',
    ],
    [
      'a quote inside a field',
      'UserPrincipalName\nalex"@contoso.com\n',
      'a quote sits in the middle of a field.',
    ],
    [
      'text after a closing quote',
      'UserPrincipalName\n"alex"x@contoso.com\n',
      'a quote sits in the middle of a field.',
    ],
  ])('refuses a file with %s, saying where', (_, text, reason) => {
    expect(readSelectionCsv(text)).toEqual({
      ok: false,
      failure: {
        code: 'SELECTION_CSV_UNREADABLE',
        message: expect.stringMatching(
          new RegExp(
            `^I could not read that file as CSV \\(line \\d\\): ${reason.replace(/[.]/g, '\\.')} Nothing was changed\\.$`,
          ),
        ) as unknown,
      },
    });
  });
});
