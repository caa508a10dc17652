import { describe, expect, it } from 'vitest';
import type { OperationItem } from '../../../src/domain/operations/operation.ts';
import {
  previewCsv,
  previewNames,
  previewOutcome,
  previewRow,
} from '../../../src/domain/operations/preview-csv.ts';
import { e3, o365e3, plans, powerBiPro } from '../fixtures/tenant.ts';

const names = previewNames([e3, o365e3, powerBiPro]);
const UNKNOWN_SKU = '00000000-0000-0000-0000-00000000beef';
const UNKNOWN_PLAN = '00000000-0000-0000-0000-00000000cafe';

function item(overrides: Partial<OperationItem> = {}): OperationItem {
  return {
    itemId: 'u-1',
    userId: 'u-1',
    userPrincipalName: 'lynne@contoso.com',
    displayName: 'Lynne Robbins',
    body: { addLicenses: [{ skuId: powerBiPro.skuId, disabledPlans: [] }], removeLicenses: [] },
    state: 'planned',
    ...overrides,
  };
}

describe('preview outcome', () => {
  it.each([
    ['planned', undefined, 'change'],
    ['sent', undefined, 'change'],
    ['done', undefined, 'change'],
    ['skipped', 'Lynne already has Power BI Pro.', 'no change'],
    ['skipped', undefined, 'no change'],
    ['skipped', 'Not possible: no usage location', 'skipped'],
  ] as const)('an item %s with note %j is "%s"', (state, note, outcome) => {
    expect(previewOutcome({ state, ...(note === undefined ? {} : { note }) })).toBe(outcome);
  });
});

describe('preview row', () => {
  it('names the licenses added and removed by product, and the usage location to set', () => {
    const row = previewRow(
      item({
        body: {
          addLicenses: [{ skuId: e3.skuId, disabledPlans: [] }],
          removeLicenses: [o365e3.skuId],
        },
        setUsageLocation: 'FR',
      }),
      names,
    );
    expect(row).toEqual({
      userPrincipalName: 'lynne@contoso.com',
      displayName: 'Lynne Robbins',
      outcome: 'change',
      licensesAdded: 'Microsoft 365 E3',
      licensesRemoved: 'Office 365 E3',
      disabledPlans: '',
      usageLocationToSet: 'FR',
      reason: '',
    });
  });

  it('names disabled plans where the tenant knows them, and keeps unknown ids as they are', () => {
    const row = previewRow(
      item({
        body: {
          addLicenses: [
            { skuId: e3.skuId, disabledPlans: [plans.teams.servicePlanId, UNKNOWN_PLAN] },
          ],
          removeLicenses: [UNKNOWN_SKU],
        },
      }),
      names,
    );
    expect(row.disabledPlans).toBe(`Microsoft Teams, ${UNKNOWN_PLAN}`);
    expect(row.licensesRemoved).toBe(UNKNOWN_SKU);
  });

  it('says which product each list of disabled plans is of when several are added', () => {
    const row = previewRow(
      item({
        body: {
          addLicenses: [
            { skuId: e3.skuId, disabledPlans: [plans.teams.servicePlanId] },
            { skuId: powerBiPro.skuId, disabledPlans: [] },
            { skuId: UNKNOWN_SKU, disabledPlans: [UNKNOWN_PLAN] },
          ],
          removeLicenses: [],
        },
      }),
      names,
    );
    expect(row.licensesAdded).toBe(`Microsoft 365 E3; Power BI Pro; ${UNKNOWN_SKU}`);
    expect(row.disabledPlans).toBe(
      `Microsoft 365 E3: Microsoft Teams; ${UNKNOWN_SKU}: ${UNKNOWN_PLAN}`,
    );
  });

  it('gives a skipped user the reason they are skipped', () => {
    const row = previewRow(
      item({
        body: { addLicenses: [], removeLicenses: [] },
        state: 'skipped',
        note: 'Not possible: Lynne has no usage location.',
      }),
      names,
    );
    expect(row).toMatchObject({
      outcome: 'skipped',
      licensesAdded: '',
      reason: 'Not possible: Lynne has no usage location.',
    });
  });
});

describe('preview CSV', () => {
  it('has the header, one line per user, quotes where needed and neutralises formulas', () => {
    const csv = previewCsv([
      previewRow(item(), names),
      previewRow(
        item({
          userPrincipalName: 'adele@contoso.com',
          displayName: '=HYPERLINK("http://evil.example","x")',
          state: 'skipped',
          note: 'Adele already has Power BI Pro, as asked.',
        }),
        names,
      ),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'UserPrincipalName,DisplayName,Outcome,LicensesAdded,LicensesRemoved,DisabledPlans,UsageLocationToSet,Reason',
      'lynne@contoso.com,Lynne Robbins,change,Power BI Pro,,,,',
      `adele@contoso.com,"'=HYPERLINK(""http://evil.example"",""x"")",no change,Power BI Pro,,,,"Adele already has Power BI Pro, as asked."`,
      '',
    ]);
  });
});
