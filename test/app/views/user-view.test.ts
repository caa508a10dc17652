import { describe, expect, it } from 'vitest';
import { lookUpUser } from '../../../src/app/views/user-view.ts';
import { contoso } from './fixtures.ts';

describe('user view', () => {
  it("shows each license's sources by group name, its plans and errors in plain words", async () => {
    const found = await lookUpUser(contoso(), 'adele@contoso.com');
    expect(found.kind).toBe('found');
    const view = found.kind === 'found' ? found.view : undefined;
    expect(view).toMatchObject({
      displayName: 'Adele Vance',
      usageLocation: 'US',
      details: 'Retail Manager · Retail',
    });
    const [pbi, e3] = view!.licenses.items;
    // Problems first.
    expect(pbi).toMatchObject({
      name: 'Power BI Pro',
      sources: [
        {
          from: 'From group "Sales"',
          state: 'Error',
          problem: expect.stringMatching(/^Not enough licenses/),
        },
      ],
    });
    expect(e3).toMatchObject({
      name: 'Microsoft 365 E3',
      sources: [
        { from: 'Assigned directly', state: 'Active' },
        { from: 'From group "Sales"', state: 'Active' },
      ],
      // Teams is off directly but on from the group: on wins. The unknown plan keeps its name.
      enabledPlans: 'Exchange Online (Plan 2), Microsoft Teams',
      disabledPlans: 'SOME_NEW_PLAN',
    });
  });

  it('finds by the start of a name, and by exact name among several', async () => {
    expect(await lookUpUser(contoso(), 'alex')).toMatchObject({
      kind: 'found',
      view: { displayName: 'Alex Wilber' },
    });
    expect(await lookUpUser(contoso(), 'Adam Adams')).toMatchObject({
      kind: 'found',
      view: { usageLocation: expect.stringMatching(/^not set/) },
    });
  });

  it('offers a choice when several people match, by id', async () => {
    const found = await lookUpUser(contoso(), 'ad');
    expect(found).toEqual({
      kind: 'several',
      more: false,
      choices: [
        {
          id: 'u-adele',
          title: 'Adele Vance',
          subtitle: 'adele@contoso.com · Retail Manager · Retail',
        },
        { id: 'u-adam', title: 'Adam Adams', subtitle: 'adam@contoso.com' },
      ],
    });
    expect(await lookUpUser(contoso(), { id: 'u-adam' })).toMatchObject({
      kind: 'found',
      view: { displayName: 'Adam Adams' },
    });
  });

  it('says none when nobody matches', async () => {
    expect(await lookUpUser(contoso(), 'nobody@contoso.com')).toEqual({ kind: 'none' });
    expect(await lookUpUser(contoso(), { id: 'u-ghost' })).toEqual({ kind: 'none' });
  });
});
