import { describe, expect, it, vi } from 'vitest';
import { powerBiPro } from '../../domain/fixtures/tenant.ts';
import { caller, TENANT, useCaseWorld, user } from '../support/use-case-world.ts';

const ADELE = user('adele', 'Adele Vance');
const MEGAN = user('megan', 'Megan Bowen');

/** An approver's one-user assign, approved to run at once; its id. */
async function approvedRequest(world: ReturnType<typeof useCaseWorld>): Promise<string> {
  const outcome = await world.requests.ask(caller(MEGAN, 'approver'), {
    kind: 'assign',
    license: 'POWER_BI_PRO',
    users: [ADELE.id],
    withoutPlans: [],
  });
  expect(outcome.kind).toBe('runNow');
  return outcome.kind === 'runNow' ? outcome.operation.value.id : '';
}

describe('the run use cases', () => {
  it('run an approved request: one write per user, the request succeeded, each move told', async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, MEGAN] });
    const id = await approvedRequest(world);

    const ended = await world.runs.run(TENANT, id);

    expect(ended?.state).toBe('succeeded');
    expect(world.sent).toEqual([
      {
        userId: ADELE.id,
        body: expect.objectContaining({
          addLicenses: [expect.objectContaining({ skuId: powerBiPro.skuId })],
        }) as unknown,
      },
    ]);
    expect(world.changed.map(({ from, to }) => `${from}→${to}`)).toEqual([
      'approved→running',
      'running→succeeded',
    ]);
  });

  it('start a run in the background: the caller has its answer before anything is sent', async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, MEGAN] });
    const id = await approvedRequest(world);

    world.runs.start(TENANT, id);

    expect(world.sent).toEqual([]);
    await vi.waitFor(async () =>
      expect(await world.requests.find(TENANT, id)).toMatchObject({ state: 'succeeded' }),
    );
    expect(world.sent).toHaveLength(1);
  });

  it('resume an approved request nobody started, once', async () => {
    const world = useCaseWorld({ skus: [powerBiPro], users: [ADELE, MEGAN] });
    const id = await approvedRequest(world);

    const first = await world.runs.resume([TENANT], { approvedGraceMs: 0 });
    const second = await world.runs.resume([TENANT], { approvedGraceMs: 0 });

    expect(first.finished.map((operation) => [operation.id, operation.state])).toEqual([
      [id, 'succeeded'],
    ]);
    expect(second.finished).toEqual([]);
    expect(world.sent).toHaveLength(1);
  });
});
