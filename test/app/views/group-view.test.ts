import { describe, expect, it } from 'vitest';
import { lookUpGroup } from '../../../src/app/views/group-view.ts';
import { contoso } from './fixtures.ts';

describe('group view', () => {
  it('shows licenses, processing, members and members in error with reasons', async () => {
    const found = await lookUpGroup(contoso(), 'sales');
    expect(found).toMatchObject({
      kind: 'found',
      view: {
        displayName: 'Sales',
        memberCount: 2,
        processing: expect.stringMatching(/^Complete/),
        licenses: [
          { name: 'Microsoft 365 E3', disabledPlans: 'SOME_NEW_PLAN' },
          { name: 'Power BI Pro', disabledPlans: 'none' },
        ],
        errorCount: 1,
        errorCountCapped: false,
        membersInError: {
          items: [
            {
              displayName: 'Adele Vance',
              reasons: expect.stringMatching(/^Power BI Pro: Not enough licenses/),
            },
          ],
        },
        // Grouped by reason for the card's fixes: Power BI Pro is over-used, one seat short.
        reasons: [
          {
            kind: 'CountViolation',
            members: [{ displayName: 'Adele Vance' }],
            products: [{ name: 'Power BI Pro', available: -2, shortfall: 1 }],
          },
        ],
      },
    });
  });

  it('offers a choice when several groups start with the name, and none for an unknown one', async () => {
    const found = await lookUpGroup(contoso(), 'Sales ');
    // "Sales" equals one group exactly: that one wins over "Sales Europe" and "Sales US".
    expect(found.kind).toBe('found');
    const several = await lookUpGroup(contoso(), 'sales u');
    expect(several).toMatchObject({ kind: 'found', view: { displayName: 'Sales US' } });
    expect(await lookUpGroup(contoso(), 'sales e')).toEqual({
      kind: 'several',
      more: false,
      choices: [
        { id: 'g-sales-eu', title: 'Sales Europe', subtitle: '' },
        { id: 'g-sales-emea', title: 'Sales EMEA', subtitle: 'Europe, Middle East, Africa' },
      ],
    });
    const directory = contoso();
    expect(await lookUpGroup(directory, 'Marketing')).toEqual({ kind: 'none' });
  });
});
