import { describe, expect, it } from 'vitest';
import { powerBiPro } from '../../domain/fixtures/tenant.ts';
import { caller, TENANT, useCaseWorld, user } from '../support/use-case-world.ts';

const ADELE = user('adele', 'Adele Vance');
const MEGAN = user('megan', 'Megan Bowen');
const ALEX = user('alex', 'Alex Wilber');
const assignPowerBi = (...users: string[]) => ({
  kind: 'assign' as const,
  license: 'POWER_BI_PRO',
  users,
  withoutPlans: [],
});

describe('the request use cases', () => {
  it("store a requester's ask pending and hand its approvers' copies to the notifier, sending nothing", async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, ALEX] });

    const outcome = await world.requests.ask(caller(ALEX, 'requester'), assignPowerBi(ADELE.id));

    expect(outcome.kind).toBe('pending');
    const operation = outcome.kind === 'pending' ? outcome.operation.value : undefined;
    expect(world.asked.map((a) => a.operation.id)).toEqual([operation?.id]);
    expect(world.asked[0]?.drawing.impact).toBeDefined();
    expect(world.sent).toEqual([]);
    expect(await world.requests.find(TENANT, operation!.id)).toMatchObject({ state: 'pending' });
  });

  it("approve an approver's one-user assign to run at once, without asking anyone", async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, MEGAN] });

    const outcome = await world.requests.ask(caller(MEGAN, 'approver'), assignPowerBi(ADELE.id));

    expect(outcome.kind).toBe('runNow');
    expect(world.asked).toEqual([]);
    // Running is the runs slice's: asking alone writes nothing to Graph.
    expect(world.sent).toEqual([]);
  });

  it('store a decision and tell the notifier the move, and refuse a second one from the state left', async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, ALEX, MEGAN] });
    const asked = await world.requests.ask(caller(ALEX, 'requester'), assignPowerBi(ADELE.id));
    const id = asked.kind === 'pending' ? asked.operation.value.id : '';

    const approved = await world.requests.decide(caller(MEGAN, 'approver'), id, {
      kind: 'approve',
    });
    const again = await world.requests.decide(caller(MEGAN, 'approver'), id, {
      kind: 'reject',
      reason: 'too late',
    });

    expect(approved.ok && approved.operation.value.state).toBe('approved');
    expect(again.ok).toBe(false);
    expect(world.changed).toEqual([{ id, from: 'pending', to: 'approved' }]);
    expect(world.sent).toEqual([]);
  });

  it("find a request only within the caller's tenant", async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, ALEX] });
    const asked = await world.requests.ask(caller(ALEX, 'requester'), assignPowerBi(ADELE.id));
    const id = asked.kind === 'pending' ? asked.operation.value.id : '';

    expect(await world.requests.find(TENANT, id)).toBeDefined();
    expect(await world.requests.find('another-tenant', id)).toBeUndefined();
  });

  it('offer the tenant’s SKUs and templates, and find people by what was typed', async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, ALEX] });

    expect((await world.requests.choices(TENANT)).skus.map((sku) => sku.skuPartNumber)).toEqual([
      'POWER_BI_PRO',
    ]);
    expect(await world.requests.findUsers(TENANT, [ADELE.userPrincipalName])).toMatchObject({
      kind: 'found',
      users: [{ id: ADELE.id }],
    });
    expect(await world.requests.organizationCountry(TENANT)).toBe('US');
  });

  it('keep where approval cards go, as the approver who said `approvals here` set it', async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [MEGAN] });

    expect(await world.requests.approvalChannel(TENANT)).toBeNull();
    await world.requests.setApprovalChannel(caller(MEGAN, 'approver'), 'channel-1');
    await world.requests.setApprovalChannel(caller(MEGAN, 'approver'), 'channel-2');

    expect(await world.requests.approvalChannel(TENANT)).toMatchObject({
      conversationId: 'channel-2',
      setBy: { userId: MEGAN.id },
    });
  });
});
