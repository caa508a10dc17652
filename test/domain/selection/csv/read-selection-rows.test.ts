import { describe, expect, it } from 'vitest';
import {
  MAX_SELECTION_ROWS,
  readSelectionRows,
} from '../../../../src/domain/selection/csv/read-selection-rows.ts';
import type {
  SelectionRecord,
  SelectionSheet,
} from '../../../../src/domain/selection/csv/selection-sheet.ts';

const ALEX = '6e2a4f0e-8a1c-4b1e-9c55-0f3c2a7b9d10';
const MEGAN = 'a3f0c2d1-5b6e-4f7a-8c9d-0e1f2a3b4c5d';
/** A demo tenant id: 13 hex digits at the end, as the Teams App Test Tool spells them. */
const DEMO_ID = '00000000-0000-0000-0000-0000000000020';

/** Records as the CSV reader gives them: line 1 the header, then one line per row. */
const sheet = (...lines: string[]): SelectionRecord[] =>
  lines.map((line, index) => ({ line: index + 1, fields: line === '' ? [] : line.split(',') }));

const read = (records: SelectionRecord[], objectIds?: 'guid' | 'testTool'): SelectionSheet => {
  const result = readSelectionRows(records, objectIds ? { objectIds } : undefined);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
};

describe('a selection CSV', () => {
  it('gives back every good row with its user, license and plans to disable', () => {
    expect(
      read(
        sheet(
          'UserPrincipalName,LicenseSKU,DisabledPlans',
          'alex@contoso.com,SPE_E5,TEAMS1; SWAY ;',
          'megan@contoso.com,,',
          'lee@contoso.com',
        ),
      ),
    ).toEqual({
      rows: [
        {
          line: 2,
          user: { kind: 'upn', value: 'alex@contoso.com' },
          license: 'SPE_E5',
          disabledPlans: ['TEAMS1', 'SWAY'],
        },
        { line: 3, user: { kind: 'upn', value: 'megan@contoso.com' }, disabledPlans: [] },
        { line: 4, user: { kind: 'upn', value: 'lee@contoso.com' }, disabledPlans: [] },
      ],
      problems: [],
    });
  });

  it.each([
    ['any case', 'userprincipalname,LICENSESKU'],
    ['spaces and underscores', 'User Principal Name,License_SKU'],
    ['SkuPartNumber for the license', 'UserPrincipalName,SkuPartNumber'],
    ['a byte order mark left on the first title', '\uFEFFUserPrincipalName,LicenseSKU'],
    ['other columns, in any order', 'Department,LicenseSKU,Notes,UserPrincipalName'],
  ])('reads the header in %s', (_, header) => {
    const fields = header
      .split(',')
      .map((title) =>
        /principal/i.test(title) ? 'alex@contoso.com' : /sku/i.test(title) ? 'E5' : 'x',
      );
    expect(read(sheet(header, fields.join(','))).rows).toEqual([
      {
        line: 2,
        user: { kind: 'upn', value: 'alex@contoso.com' },
        license: 'E5',
        disabledPlans: [],
      },
    ]);
  });

  it('reads users by object id, and prefers the id when a row has both', () => {
    expect(
      read(sheet('ObjectId,UserPrincipalName', `${ALEX},`, `${MEGAN.toUpperCase()},x@y.com`)).rows,
    ).toEqual([
      { line: 2, user: { kind: 'objectId', value: ALEX }, disabledPlans: [] },
      { line: 3, user: { kind: 'objectId', value: MEGAN.toUpperCase() }, disabledPlans: [] },
    ]);
  });

  it("takes the demo tenant's ids only when told the tenant spells them so", () => {
    expect(read(sheet('ObjectId', DEMO_ID), 'testTool').rows).toHaveLength(1);
    expect(read(sheet('ObjectId', DEMO_ID)).problems).toEqual([
      {
        line: 2,
        reason: 'malformed',
        message: `"${DEMO_ID}" is not an object id (a GUID such as 6e2a4f0e-8a1c-4b1e-9c55-0f3c2a7b9d10).`,
      },
    ]);
  });

  it('skips blank rows, those of empty fields included', () => {
    const records = [
      { line: 1, fields: ['UserPrincipalName', 'LicenseSKU'] },
      { line: 2, fields: [' ', ''] },
      { line: 4, fields: ['alex@contoso.com'] },
      { line: 5, fields: [] },
    ];
    expect(read(records)).toEqual({
      rows: [{ line: 4, user: { kind: 'upn', value: 'alex@contoso.com' }, disabledPlans: [] }],
      problems: [],
    });
  });

  it.each([
    [
      'a bad object id',
      'ObjectId,UserPrincipalName',
      'not-a-guid,alex@contoso.com',
      'not an object id',
    ],
    ['no user', 'ObjectId,UserPrincipalName,LicenseSKU', ',,E5', 'names no user'],
    ['no user (license only)', 'UserPrincipalName,LicenseSKU', ',E5', 'names no user'],
    ['a name without @', 'UserPrincipalName', 'alex', '"alex" is not a user principal name'],
    ['a name without a domain', 'UserPrincipalName', 'alex@contoso', 'not a user principal name'],
    ['a name with spaces', 'UserPrincipalName', 'alex w@contoso.com', 'not a user principal name'],
  ])('reports a row with %s as malformed, by line', (_, header, row, message) => {
    const good = header.startsWith('ObjectId') ? ',megan@contoso.com' : 'megan@contoso.com';
    const { rows, problems } = read(sheet(header, row, good));
    expect(problems).toEqual([
      { line: 2, reason: 'malformed', message: expect.stringContaining(message) as unknown },
    ]);
    expect(rows.map((one) => one.user.value)).toEqual(['megan@contoso.com']);
  });

  it('accepts the user principal names Entra gives guests', () => {
    expect(
      read(
        sheet(
          'UPN_IGNORED,UserPrincipalName',
          ",jo_o'brien_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        ),
      ).problems,
    ).toEqual([]);
  });

  it('reports each repeat of a user (whatever the case) naming the first line', () => {
    const { rows, problems } = read(
      sheet(
        'UserPrincipalName,ObjectId',
        'alex@contoso.com,',
        `,${ALEX}`,
        'ALEX@Contoso.com,',
        `,${ALEX.toUpperCase()}`,
        'alex@contoso.com,',
      ),
    );
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    expect(problems).toEqual([
      {
        line: 4,
        reason: 'duplicate',
        message: 'ALEX@Contoso.com is already on line 2: give each user once.',
      },
      {
        line: 5,
        reason: 'duplicate',
        message: `${ALEX.toUpperCase()} is already on line 3: give each user once.`,
      },
      { line: 6, reason: 'duplicate', message: expect.stringContaining('line 2') as unknown },
    ]);
  });
});

describe('a CSV that is not a selection', () => {
  it('is refused when empty', () => {
    expect(readSelectionRows([])).toEqual({
      ok: false,
      failure: {
        code: 'SELECTION_CSV_EMPTY',
        message:
          'The file is empty: its first line must name the columns `UserPrincipalName (or ObjectId), LicenseSKU, DisabledPlans`.',
      },
    });
  });

  it('is refused with the columns expected when the header names no user column', () => {
    expect(readSelectionRows(sheet('alex@contoso.com,SPE_E5', 'megan@contoso.com,SPE_E5'))).toEqual(
      {
        ok: false,
        failure: {
          code: 'SELECTION_CSV_HEADER',
          message:
            'The first line must name the columns `UserPrincipalName (or ObjectId), LicenseSKU, DisabledPlans`; line 1 has no UserPrincipalName or ObjectId column.',
        },
      },
    );
  });

  it('is refused when it has a header and only blank rows', () => {
    expect(readSelectionRows(sheet('UserPrincipalName', ''))).toMatchObject({
      ok: false,
      failure: { code: 'SELECTION_CSV_EMPTY', message: 'The file has its header but no users.' },
    });
  });

  it(`takes up to ${MAX_SELECTION_ROWS} users, and refuses one more with a clear message`, () => {
    const users = Array.from({ length: MAX_SELECTION_ROWS }, (_, i) => `user${i}@contoso.com`);
    const full = read(sheet('UserPrincipalName', ...users));
    expect(full.rows).toHaveLength(MAX_SELECTION_ROWS);
    expect(readSelectionRows(sheet('UserPrincipalName', ...users, 'one@more.com'))).toEqual({
      ok: false,
      failure: {
        code: 'SELECTION_CSV_TOO_LONG',
        message:
          'The file has 100,001 rows; one change takes at most 100,000 users: split it into smaller files.',
      },
    });
  });
});
