import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askGroupLicense } from '../../../src/app/group-licenses/ask-group-license.ts';
import type { Caller } from '../../../src/app/identity/caller.ts';
import type { LicenseWriter } from '../../../src/app/ports/license-writer.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { decideRequest } from '../../../src/app/requests/decide-request.ts';
import { resumeOperations } from '../../../src/app/runs/resume-operations.ts';
import { runOperation } from '../../../src/app/runs/run-operation.ts';
import { RunsInFlight } from '../../../src/app/runs/runs-in-flight.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { POWER_BI_PRO, runDependencies, sharedStores, TENANT } from '../support/run-world.ts';

const ALEX: Caller = {
  tenantId: TENANT,
  userId: '00000000-0000-0000-0000-0000000000020',
  displayName: 'Alex Wilber',
  userPrincipalName: 'alexw',
  role: 'requester',
};
const MEGAN: Caller = {
  tenantId: TENANT,
  userId: '00000000-0000-0000-0000-0000000000021',
  displayName: 'Megan Bowen',
  userPrincipalName: 'meganb',
  role: 'approver',
};

let sim: RunningSimulator;
let stores: ReturnType<typeof sharedStores>;

/** One instance's dependencies, counting the group writes it sends. */
function instance(name: string): RequestDependencies & { groupWrites: () => number } {
  const deps = runDependencies(sim, stores, { instanceId: name });
  const real = deps.licenses.forTenant(TENANT);
  let writes = 0;
  const counting: LicenseWriter = Object.create(real) as LicenseWriter;
  counting.assignGroupLicenses = async (groupId, body) => {
    writes += 1;
    await real.assignGroupLicenses(groupId, body);
  };
  let ids = 0;
  return {
    ...deps,
    licenses: sameForEveryTenant(counting),
    newId: () => `${name}-op-${(ids += 1)}`,
    runLeaseMs: 300,
    groupWrites: () => writes,
  };
}

function salesEmea() {
  return sim
    .tenant()
    .groups()
    .find((group) => group.displayName === 'Sales EMEA')!;
}

async function approvedRequest(deps: RequestDependencies): Promise<string> {
  const asked = await askGroupLicense(deps, ALEX, {
    kind: 'license',
    group: 'Sales EMEA',
    license: 'Power BI Pro',
    withoutPlans: [],
    justification: 'reporting',
  });
  expect(asked.kind).toBe('pending');
  const id = asked.kind === 'pending' ? asked.operation.value.id : '';
  const decided = await decideRequest(deps, MEGAN, id, { kind: 'approve' });
  expect(decided.ok).toBe(true);
  return id;
}

beforeEach(async () => {
  sim = await startSimulator({ port: 0, size: 200, groupProcessingDelayMs: 400 });
  stores = sharedStores();
  const sku = sim
    .tenant()
    .subscribedSkus()
    .find((s) => s.skuId === POWER_BI_PRO)!;
  sim.tenant().setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + 500);
});

afterEach(async () => {
  await sim.close();
});

describe('a group license run', () => {
  it('sends the group one assignLicense, follows processing, and ends with the members licensed', async () => {
    const deps = instance('a');
    const id = await approvedRequest(deps);
    const done = await runOperation(deps, TENANT, id);
    expect(done?.state).toBe('succeeded');
    expect(deps.groupWrites()).toBe(1);
    expect(done?.checkpoint?.group).toMatchObject({ processing: 'ProcessingComplete' });
    expect(done?.checkpoint?.group?.checks).toBeGreaterThan(1);
    const members = salesEmea().memberIds.length;
    expect(done?.outcome?.counts.done).toBe(members);
    expect((await stores.history.query(TENANT, { operationId: id })).items).toHaveLength(1);
  });

  it('is taken up by another instance after a stop while Entra processes, without sending it again', async () => {
    const a = instance('a');
    const id = await approvedRequest(a);
    const runs = new RunsInFlight();
    // Instance A stops (its process ends) as soon as the change is sent and checkpointed.
    const left = await runOperation(
      {
        ...a,
        runs,
        notifier: {
          changed: () => Promise.resolve(),
          progressed: (operation) => {
            if (operation.checkpoint?.group?.sentAt !== undefined) {
              runs.stop();
            }
          },
        },
      },
      TENANT,
      id,
    );
    expect(left).toBeUndefined();
    expect(a.groupWrites()).toBe(1);
    expect((await stores.operations.get(TENANT, id))?.value.state).toBe('running');
    const b = instance('b');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const pass = await resumeOperations(b, [TENANT]);
    void pass;
    let final = (await stores.operations.get(TENANT, id))?.value;
    for (let i = 0; i < 50 && final?.state === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      final = (await stores.operations.get(TENANT, id))?.value;
    }
    expect(final?.state).toBe('succeeded');
    expect(b.groupWrites()).toBe(0);
    expect((await stores.history.query(TENANT, { operationId: id })).items).toHaveLength(1);
  });

  it('does not send a change the group already has (a run that died between the call and its checkpoint)', async () => {
    const deps = instance('a');
    const id = await approvedRequest(deps);
    const group = salesEmea();
    await deps.licenses.forTenant(TENANT).assignGroupLicenses(group.id, {
      addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }],
      removeLicenses: [],
    });
    const before = deps.groupWrites();
    const done = await runOperation(deps, TENANT, id);
    expect(done?.state).toBe('succeeded');
    expect(deps.groupWrites()).toBe(before);
  });

  it('fails with the reason when the group is gone by the time it runs', async () => {
    const deps = instance('a');
    const id = await approvedRequest(deps);
    // Security turned off on the group after the request: Graph refuses to license it.
    (salesEmea() as { securityEnabled: boolean }).securityEnabled = false;
    const done = await runOperation(deps, TENANT, id);
    expect(done?.state).toBe('failed');
    expect(done?.outcome?.groupErrors?.[0]?.reason).toMatch(/refused the change|no longer exists/);
    expect((await stores.history.query(TENANT, { operationId: id })).items[0]).toMatchObject({
      result: 'failed',
    });
  });
});
