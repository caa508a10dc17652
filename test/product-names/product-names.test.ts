import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseName } from '../../scripts/product-names/choose-name.ts';
import { readTable, TABLE_FILE, type TableRow } from '../../scripts/product-names/read-table.ts';
import { MODULE_FILE, renderModule } from '../../scripts/product-names/render-module.ts';
import { planDisplayName, skuDisplayName } from '../../src/domain/catalogue/display-names.ts';
import { nameKey } from '../../src/domain/catalogue/name-table.ts';

const table = readTable(readFileSync(TABLE_FILE));

describe('the generated product names', () => {
  it('are what the table in data/ generates, character for character', () => {
    // Fails when one changed without the other: run `npm run refresh-product-names`.
    expect(readFileSync(MODULE_FILE, 'utf8')).toBe(renderModule(table));
  });

  it.each([
    [
      'product',
      (row: TableRow) => ({ code: row.partNumber, name: row.productName }),
      skuDisplayName,
    ],
    [
      'service plan',
      (row: TableRow) => ({ code: row.planName, name: row.planFriendlyName }),
      planDisplayName,
    ],
  ] as const)('give every %s of the table one of the names its rows give it', (_, pair, show) => {
    const spellings = new Map<string, Set<string>>();
    for (const { code, name } of table.map(pair)) {
      spellings.set(nameKey(code), (spellings.get(nameKey(code)) ?? new Set()).add(name));
    }
    const misnamed = [...spellings].filter(([code, names]) => !names.has(show(code)));
    expect(misnamed).toEqual([]);
  });

  it('keep names that need escaping in a template string literal', () => {
    const row = table[0]!;
    const odd = { ...row, partNumber: 'ODD', productName: 'a `b` ${c} \\d' };
    const source = renderModule([odd]);
    expect(source).toContain('ODD\\ta \\`b\\` \\${c} \\\\d\n');
  });
});

describe('readTable', () => {
  it('reads cells with stray spaces, tabs and no-break spaces as plain single spaces', () => {
    const header = [
      'Product_Display_Name',
      'String_Id',
      'GUID',
      'Service_Plan_Name',
      'Service_Plan_Id',
      'Service_Plans_Included_Friendly_Names',
    ].join(',');
    const row = [
      'Defender \t for\u00a0Office ',
      'ATP_ENTERPRISE ',
      'F20FEDF3-0000-0000-0000-000000000000',
      'ATP_ENTERPRISE ',
      'F20FEDF3-0000-0000-0000-000000000001',
      ' Defender',
    ].join(',');
    const csv = `\uFEFF${header}\r\n${row}\r\n`;
    expect(readTable(csv)).toEqual([
      {
        productName: 'Defender for Office',
        partNumber: 'ATP_ENTERPRISE',
        skuId: 'f20fedf3-0000-0000-0000-000000000000',
        planName: 'ATP_ENTERPRISE',
        servicePlanId: 'f20fedf3-0000-0000-0000-000000000001',
        planFriendlyName: 'Defender',
      },
    ]);
  });

  it('refuses a file that is not the table', () => {
    expect(() => readTable('Name,Id\r\nTeams,1\r\n')).toThrow();
    expect(() => readTable('<html>Not found</html>')).toThrow();
  });
});

describe('chooseName', () => {
  it.each([
    [
      'takes the spelling most rows use',
      'INTUNE_A',
      ['Microsoft Intune', 'Microsoft Intune Plan 1', 'Microsoft Intune Plan 1'],
      'Microsoft Intune Plan 1',
    ],
    [
      'counts a name in capitals as the same name, written in mixed case',
      'SWAY',
      ['SWAY', 'Sway', 'Sway Online', 'SWAY'],
      'Sway',
    ],
    [
      'prefers how most mixed-case rows write a name',
      'SHAREPOINTWAC',
      ['Office for the web', 'Office for the Web', 'Office for the Web'],
      'Office for the Web',
    ],
    [
      'keeps a name only ever written in capitals',
      'TEAMS_FREE',
      ['MICROSOFT TEAMS (FREE)'],
      'MICROSOFT TEAMS (FREE)',
    ],
    [
      'passes over the code given as its own name',
      'BI_AZURE_P0',
      ['BI_AZURE_P0', 'Power BI (free)', 'BI_AZURE_P0'],
      'Power BI (free)',
    ],
    [
      'uses the code when no row names it otherwise',
      'YAMMER_MIDSIZE',
      ['YAMMER_MIDSIZE'],
      'YAMMER_MIDSIZE',
    ],
    [
      'breaks a tie with the spelling met first',
      'ONEDRIVE',
      ['OneDrive (Plan 1)', 'OneDrive for Business'],
      'OneDrive (Plan 1)',
    ],
  ] as const)('%s', (_rule, code, spellings, name) => {
    expect(chooseName(code, spellings)).toBe(name);
  });

  it('names the plans the table spells several ways as admins know them', () => {
    expect(planDisplayName('TEAMS1')).toBe('Microsoft Teams');
    expect(planDisplayName('YAMMER_ENTERPRISE')).toBe('Yammer Enterprise');
    expect(planDisplayName('INTUNE_A')).toBe('Microsoft Intune Plan 1');
    expect(planDisplayName('SHAREPOINTWAC')).toBe('Office for the Web');
  });
});
