import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { powerBiPro } from '../../domain/fixtures/tenant.ts';
import { caller, TENANT, useCaseWorld, user } from '../support/use-case-world.ts';

const ADELE = user('adele', 'Adele Vance');
const MEGAN = user('megan', 'Megan Bowen');
const ALEX = user('alex', 'Alex Wilber');

/** A license added to `who` by a request of Megan's, as the history keeps it. */
function line(id: string, who: typeof ADELE): HistoryEvent {
  return {
    id,
    tenantId: TENANT,
    operationId: `op-${id}`,
    at: '2026-12-01T08:00:00.000Z',
    change: 'added',
    userId: who.id,
    userPrincipalName: who.userPrincipalName,
    skuId: powerBiPro.skuId,
    requester: { userId: MEGAN.id, displayName: MEGAN.displayName },
    result: 'succeeded',
  };
}

describe('the history use cases', () => {
  it('resolve who was typed to their id, and read and export the lines of that person', async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, MEGAN, ALEX] });
    await world.deps.history.append([line('h1', ADELE), line('h2', ALEX)]);

    const resolved = await world.history.resolveFilter(caller(MEGAN, 'approver'), {
      export: false,
      user: ADELE.userPrincipalName,
    });
    const filter = resolved.ok ? resolved.filter : {};
    const page = await world.history.read(TENANT, filter);
    const file = await world.history.export(TENANT, filter);

    expect(filter).toMatchObject({ userId: ADELE.id });
    expect(page.items.map((event) => event.id)).toEqual(['h1']);
    expect(file.events.map((event) => event.id)).toEqual(['h1']);
  });
});
