import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  groupFixUseCases,
  type GroupFixUseCases,
} from '../../../src/app/group-fixes/group-fix-use-cases.ts';
import type { Caller } from '../../../src/app/identity/caller.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import { lookUpGroup } from '../../../src/app/views/group-view.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  systemClock,
} from '../../../src/graph/index.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import type { SimUser } from '../../../src/simulator/tenant/types.ts';
import { MemoryHistoryLog } from '../../../src/store/index.ts';

const TENANT = '00000000-0000-0000-0000-0000000000001';
const EXCHANGESTANDARD = '4b9405b0-7788-4568-add1-99614e613b69';
const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const MEGAN: Caller = {
  tenantId: TENANT,
  userId: '00000000-0000-0000-0000-0000000000021',
  displayName: 'Megan Bowen',
  userPrincipalName: 'meganb@contoso.onmicrosoft.com',
  role: 'approver',
};

let sim: RunningSimulator;
let directory: GraphDirectory;
let writer: GraphLicenseWriter;
let history: MemoryHistoryLog;
let fixes: GroupFixUseCases;
let contractors: string;

const tenant = () => sim.tenant();
/** Contractors in error from the group for `error`, as the simulator holds them. */
function inError(error: string): SimUser[] {
  const members = tenant().membersWithLicenseErrors(contractors);
  return (members.ok ? members.value : []).filter((user) =>
    user.licenseAssignmentStates.some(
      (s) => s.assignedByGroup === contractors && s.error === error,
    ),
  );
}
const control = (method: string, path: string, body: unknown) =>
  fetch(`${sim.url}/_simulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** Reprocess calls Graph answered, and `$batch` requests that carried calls. */
const calls = async (): Promise<{ reprocess: number; batches: number }> => {
  const res = await fetch(`${sim.url}/_simulator/counters`);
  const body = (await res.json()) as { requests: { byRoute: Record<string, number> } };
  const routes = Object.entries(body.requests.byRoute);
  return {
    reprocess: routes
      .filter(([route]) => route.includes('reprocessLicenseAssignment'))
      .reduce((sum, [, count]) => sum + count, 0),
    batches: body.requests.byRoute['POST /$batch'] ?? 0,
  };
};

beforeAll(async () => {
  sim = await startSimulator({ seed: 1, size: 200, groupProcessingDelayMs: 20 });
  const client = createGraphClient({
    graphBaseUrl: sim.graphBaseUrl,
    credential: { kind: 'staticToken', token: 'license-desk-tests' },
  });
  directory = new GraphDirectory(client, { objectIds: 'testTool' });
  writer = new GraphLicenseWriter(client);
  contractors = tenant()
    .groups()
    .find((g) => g.displayName === 'Contractors')!.id;
});

beforeEach(async () => {
  await control('POST', '/reset', {});
  history = new MemoryHistoryLog();
  fixes = groupFixUseCases({
    directory: sameForEveryTenant(directory),
    licenses: sameForEveryTenant(writer),
    history,
    clock: systemClock,
    newId: () => crypto.randomUUID(),
    settle: { timeoutMs: 5_000, intervalMs: 100 },
  });
});

afterAll(async () => {
  await sim?.close();
});

describe('group error reasons and their fixes, over Graph (the simulator)', () => {
  it("reads the demo Contractors' errors grouped by reason", async () => {
    const found = await lookUpGroup(directory, 'Contractors');
    expect(found.kind).toBe('found');
    const reasons = found.kind === 'found' ? found.view.reasons : [];
    expect(reasons.map((r) => r.kind)).toEqual(
      expect.arrayContaining([
        'CountViolation',
        'MutuallyExclusiveViolation',
        'ProhibitedInUsageLocationViolation',
        'UniquenessViolation',
      ]),
    );
    for (const reason of reasons) {
      const expected = inError(reason.kind)
        .map((u) => u.id)
        .sort();
      expect(reason.members.map((m) => m.id).sort()).toEqual(expected);
    }
    const clash = reasons.find((r) => r.kind === 'MutuallyExclusiveViolation')!;
    expect(clash.directConflicts.map((c) => c.partNumber)).toEqual(['SPE_E3']);
  });

  it('seats bought: reprocessing every member in error fixes those out of seats, through $batch', async () => {
    const short = inError('CountViolation');
    const all = tenant().membersWithLicenseErrors(contractors);
    const count = all.ok ? all.value.length : 0;
    expect(short.length).toBeGreaterThan(0);
    const sku = tenant()
      .subscribedSkus()
      .find((s) => s.skuId === EXCHANGESTANDARD)!;
    const res = await control('PATCH', `/skus/${EXCHANGESTANDARD}`, {
      prepaidUnits: { enabled: sku.consumedUnits + short.length },
    });
    expect(res.status).toBe(200);
    const before = await calls();

    const outcome = await fixes.reprocessGroup(MEGAN, contractors);

    // One reprocess per member in error, sent in `$batch` requests (Graph has no group reprocess).
    const after = await calls();
    expect(after.reprocess).toBe(before.reprocess + count);
    expect(after.batches).toBeGreaterThan(before.batches);
    expect(outcome.ok).toBe(true);
    const result = outcome.ok ? outcome.result : undefined;
    expect(result?.settled).toBe(true);
    expect(result?.fixed.map((m) => m.id).sort()).toEqual(short.map((u) => u.id).sort());
    expect(result?.stillInError.map((r) => r.kind)).not.toContain('CountViolation');
    expect(inError('CountViolation')).toEqual([]);
    const { items } = await history.query(TENANT, { adminId: MEGAN.userId });
    expect(items).toHaveLength(count);
    expect(items.every((e) => e.change === 'reprocessed' && e.result === 'succeeded')).toBe(true);
  });

  it('a usage location where the product is sold: set, reprocessed, licensed', async () => {
    const abroad = inError('ProhibitedInUsageLocationViolation');
    expect(abroad.length).toBeGreaterThan(0);
    const sku = tenant()
      .subscribedSkus()
      .find((s) => s.skuId === EXCHANGESTANDARD)!;
    await control('PATCH', `/skus/${EXCHANGESTANDARD}`, {
      prepaidUnits: { enabled: sku.consumedUnits + abroad.length },
    });

    const outcome = await fixes.setUsageLocations(MEGAN, contractors, 'SG');

    expect(outcome).toMatchObject({ ok: true, result: { usageLocation: 'SG', settled: true } });
    expect(outcome.ok && outcome.result.fixed.map((m) => m.id).sort()).toEqual(
      abroad.map((u) => u.id).sort(),
    );
    for (const user of abroad) {
      expect(tenant().findUser(user.id)!.usageLocation).toBe('SG');
    }
    expect(inError('ProhibitedInUsageLocationViolation')).toEqual([]);
    const { items } = await history.query(TENANT, { userId: abroad[0]!.id });
    expect(items.map((e) => e.change).sort()).toEqual(['reprocessed', 'usageLocationSet']);
  });

  it('the clashing direct license removed (as an approved removal would): reprocessing one user fixes them', async () => {
    const [clashing] = inError('MutuallyExclusiveViolation');
    expect(clashing).toBeDefined();
    const found = await fixes.conflictingDirect(TENANT, contractors, SPE_E3);
    expect(found).toMatchObject({ partNumber: 'SPE_E3', groupName: 'Contractors' });
    expect('members' in found && found.members.map((m) => m.id)).toContain(clashing!.id);
    const sku = tenant()
      .subscribedSkus()
      .find((s) => s.skuId === EXCHANGESTANDARD)!;
    await control('PATCH', `/skus/${EXCHANGESTANDARD}`, {
      prepaidUnits: { enabled: sku.consumedUnits + 1 },
    });
    await writer.assignUserLicenses(clashing!.id, { addLicenses: [], removeLicenses: [SPE_E3] });

    const outcome = await fixes.reprocessUser(MEGAN, clashing!.id, contractors);

    expect(outcome).toMatchObject({ ok: true, result: { settled: true, stillInError: [] } });
    expect(outcome.ok && outcome.result.fixed.map((m) => m.id)).toEqual([clashing!.id]);
  });

  it('a duplicate address: still in error until fixed in Exchange, then reprocessing fixes it', async () => {
    const [duplicate] = inError('UniquenessViolation');
    expect(duplicate).toBeDefined();

    const before = await fixes.reprocessUser(MEGAN, duplicate!.id, contractors);
    expect(before.ok && before.result.stillInError.map((r) => r.kind)).toEqual([
      'UniquenessViolation',
    ]);

    const sku = tenant()
      .subscribedSkus()
      .find((s) => s.skuId === EXCHANGESTANDARD)!;
    await control('PATCH', `/skus/${EXCHANGESTANDARD}`, {
      prepaidUnits: { enabled: sku.consumedUnits + 1 },
    });
    const own = `smtp:${duplicate!.userPrincipalName}`;
    expect(
      (await control('PUT', `/users/${duplicate!.id}/proxyAddresses`, { proxyAddresses: [own] }))
        .status,
    ).toBe(200);
    const after = await fixes.reprocessUser(MEGAN, duplicate!.id, contractors);
    expect(after).toMatchObject({ ok: true, result: { stillInError: [] } });
    expect(after.ok && after.result.fixed.map((m) => m.id)).toEqual([duplicate!.id]);
  });

  it('a license working with an error (ActiveWithError) is listed under its reason, and says so', async () => {
    const members = tenant().groupMembers(contractors, false);
    const working = (members.ok ? members.value : [])
      .flatMap((m) => (m.kind === 'user' ? [m.user] : []))
      .find((u) =>
        u.licenseAssignmentStates.some(
          (s) => s.assignedByGroup === contractors && s.state === 'Active',
        ),
      )!;
    const res = await control(
      'PUT',
      `/users/${working.id}/provisioningErrors/${EXCHANGESTANDARD}`,
      {
        error: 'Other',
      },
    );
    expect(res.status).toBe(200);

    const found = await lookUpGroup(directory, { id: contractors });
    const other =
      found.kind === 'found' ? found.view.reasons.find((r) => r.kind === 'Other') : undefined;
    expect(other).toMatchObject({ activeCount: 1, members: [{ id: working.id }] });
  });
});
