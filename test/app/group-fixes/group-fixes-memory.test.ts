import { describe, expect, it } from 'vitest';
import { groupFixUseCases } from '../../../src/app/group-fixes/group-fix-use-cases.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';
import { oneByOne } from '../support/one-by-one-writer.ts';
import { caller, E3, EXO, GROUP, memoryWorld, TENANT } from './memory-world.ts';

const approver = caller('approver');
const names = (members: readonly { displayName: string }[]) => members.map((m) => m.displayName);

describe('reprocess the members of a group in error', () => {
  it('reprocesses each member in error, says who is fixed and who is still in error and why', async () => {
    const world = memoryWorld();
    world.fixed.add('ann'); // seats were bought meanwhile

    const outcome = await world.fixes.reprocessGroup(approver, GROUP);

    expect(world.writes).toEqual([
      'reprocess ann',
      'reprocess ben',
      'reprocess cy',
      'reprocess dee',
      'reprocess eve',
    ]);
    expect(outcome.ok).toBe(true);
    const result = outcome.ok ? outcome.result : undefined;
    expect(result).toMatchObject({
      groupName: 'Contractors',
      settled: true,
      refused: [],
      capped: false,
    });
    expect(names(result!.fixed)).toEqual(['Ann Count']);
    expect(result!.stillInError.map((r) => [r.kind, names(r.members)])).toEqual([
      ['MutuallyExclusiveViolation', ['Ben Clash']],
      ['ProhibitedInUsageLocationViolation', ['Cy Abroad']],
      ['UniquenessViolation', ['Dee Duplicate']],
      ['Other', ['Eve Unknown']],
    ]);
    // Still in error after two reads a moment apart: settled, not waited for the whole minute.
    expect(world.slept).toEqual([1_000]);
  });

  it('records each reprocess in history with who asked for it', async () => {
    const world = memoryWorld();
    await world.fixes.reprocessGroup(approver, GROUP);

    const { items } = await world.history.query(TENANT, { userId: 'ann' });
    expect(items).toEqual([
      expect.objectContaining({
        change: 'reprocessed',
        userPrincipalName: 'ann@contoso.com',
        requester: { userId: 'megan', displayName: 'Megan Bowen' },
        result: 'succeeded',
        message: 'Group licenses reprocessed (group "Contractors")',
      }),
    ]);
    expect((await world.history.query(TENANT, { adminId: 'megan' })).items).toHaveLength(5);
  });

  it('says "still processing" when Entra has not finished by the end of the wait', async () => {
    const world = memoryWorld({ processing: 'ProcessingInProgress' });

    const outcome = await world.fixes.reprocessGroup(approver, GROUP);

    expect(outcome).toMatchObject({ ok: true, result: { settled: false } });
    expect(world.slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(10_000);
  });

  it('is for approvers only, and says so when nobody is in error', async () => {
    const world = memoryWorld();
    expect(await world.fixes.reprocessGroup(caller('requester'), GROUP)).toEqual({
      ok: false,
      message: 'Only license approvers can fix group license errors. Ask one of them.',
    });
    expect(world.writes).toEqual([]);

    world.fixed.add('ann').add('ben').add('dee').add('eve');
    world.users.find((u) => u.id === 'cy')!.usageLocation = 'FR';
    await world.fixes.reprocessGroup(approver, GROUP);
    expect(await world.fixes.reprocessGroup(approver, GROUP)).toEqual({
      ok: false,
      message: 'No member of "Contractors" is in error now: nothing to reprocess.',
    });
    expect(await world.fixes.reprocessGroup(approver, 'g-gone')).toEqual({
      ok: false,
      message: 'That group no longer exists in your organisation.',
    });
  });
});

describe('reprocess one user', () => {
  it('reprocesses only them and reads them again', async () => {
    const world = memoryWorld();
    world.fixed.add('dee'); // the duplicate address was fixed in Exchange

    const outcome = await world.fixes.reprocessUser(approver, 'dee', GROUP);

    expect(world.writes).toEqual(['reprocess dee']);
    expect(outcome).toMatchObject({ ok: true, result: { settled: true, stillInError: [] } });
    expect(outcome.ok && names(outcome.result.fixed)).toEqual(['Dee Duplicate']);
  });

  it('without a group, says which group license of theirs still fails', async () => {
    const world = memoryWorld();
    const outcome = await world.fixes.reprocessUser(approver, 'ann');
    expect(outcome.ok && outcome.result.stillInError.map((r) => r.kind)).toEqual([
      'CountViolation',
    ]);
    expect(outcome.ok && outcome.result.groupName).toBeUndefined();
  });

  it("reports Graph's refusal in an admin's words and records it as failed", async () => {
    const world = memoryWorld();
    world.refuse.add('eve');

    const outcome = await world.fixes.reprocessUser(approver, 'eve', GROUP);

    expect(outcome).toMatchObject({
      ok: true,
      result: {
        reprocessed: [],
        refused: [{ member: { id: 'eve' }, message: 'That user no longer exists.' }],
      },
    });
    expect((await world.history.query(TENANT, { userId: 'eve' })).items).toMatchObject([
      { change: 'reprocessed', result: 'failed', failureCode: 'USER_NOT_FOUND' },
    ]);
    expect(await world.fixes.reprocessUser(approver, 'nobody')).toEqual({
      ok: false,
      message: 'That person no longer exists in your organisation.',
    });
  });
});

describe('set the usage location of members whose country is not allowed', () => {
  it('sets it for those members only, then reprocesses them; both are in history', async () => {
    const world = memoryWorld();

    const outcome = await world.fixes.setUsageLocations(approver, GROUP, 'fr');

    expect(world.writes).toEqual(['location cy FR', 'reprocess cy']);
    expect(outcome).toMatchObject({ ok: true, result: { usageLocation: 'FR', settled: true } });
    expect(outcome.ok && names(outcome.result.fixed)).toEqual(['Cy Abroad']);
    const { items } = await world.history.query(TENANT, { userId: 'cy' });
    expect(items.map((e) => [e.change, e.result, e.usageLocation])).toEqual(
      expect.arrayContaining([
        ['usageLocationSet', 'succeeded', 'FR'],
        ['reprocessed', 'succeeded', undefined],
      ]),
    );
  });

  it('refuses a word that is not a country code, and a group with nobody in that error', async () => {
    const world = memoryWorld();
    expect(await world.fixes.setUsageLocations(approver, GROUP, 'Narnia')).toEqual({
      ok: false,
      message:
        '"Narnia" is not a country code. Type the two letters of the country where they work, e.g. US, GB or DE.',
    });
    await world.fixes.setUsageLocations(approver, GROUP, 'FR');
    expect(await world.fixes.setUsageLocations(approver, GROUP, 'DE')).toEqual({
      ok: false,
      message: 'No member of "Contractors" is in error for their usage location now.',
    });
    expect(await world.fixes.setUsageLocations(caller('requester'), GROUP, 'DE')).toMatchObject({
      ok: false,
    });
  });
});

describe('who holds a clashing license directly', () => {
  it('names the members a removal request should name, read now', async () => {
    const world = memoryWorld();
    expect(await world.fixes.conflictingDirect(TENANT, GROUP, E3.skuId)).toEqual({
      groupName: 'Contractors',
      partNumber: 'SPE_E3',
      productName: 'Microsoft 365 E3',
      members: [expect.objectContaining({ userPrincipalName: 'ben@contoso.com' })],
    });
    expect(await world.fixes.conflictingDirect(TENANT, GROUP, 'sku-pbi')).toEqual({
      message: 'No member of "Contractors" is in conflict because of that license now.',
    });
    expect(await world.fixes.conflictingDirect(TENANT, 'g-gone', E3.skuId)).toEqual({
      message: 'That group no longer exists in your organisation.',
    });
  });
});

describe('a group with more members in error than one fix reads', () => {
  it('reprocesses the first 500, says so, and takes nobody still in error for fixed', async () => {
    const world = memoryWorld();
    const ann = world.users.find((u) => u.id === 'ann')!;
    const many = Array.from({ length: 520 }, (_, i) => ({
      ...ann,
      id: `c${i}`,
      displayName: `Contractor ${i}`,
      userPrincipalName: `c${i}@contoso.com`,
    }));
    const directory = new MemoryDirectory({
      skus: [EXO],
      users: many,
      groups: [world.group],
      members: { [GROUP]: many.map((u) => u.id) },
    });
    const fixes = groupFixUseCases({
      directory: sameForEveryTenant(directory),
      licenses: sameForEveryTenant(
        oneByOne({
          assignUserLicenses: () => Promise.reject(new Error('not used')),
          assignGroupLicenses: () => Promise.reject(new Error('not used')),
          setUsageLocation: () => Promise.reject(new Error('not used')),
          reprocessUser: () => Promise.resolve(),
          createDynamicGroup: () => Promise.reject(new Error('not used')),
          writeMany: () => {
            throw new Error('wrapped by oneByOne');
          },
        }),
      ),
      history: world.history,
      clock: { now: () => new Date(), sleep: () => Promise.resolve() },
      newId: () => 'fix-2',
      settle: { timeoutMs: 10_000, intervalMs: 1_000 },
    });

    const outcome = await fixes.reprocessGroup(approver, GROUP);

    expect(outcome).toMatchObject({ ok: true, result: { capped: true, fixed: [] } });
    expect(outcome.ok && outcome.result.reprocessed).toHaveLength(500);
    expect(outcome.ok && outcome.result.stillInError[0]!.members).toHaveLength(500);
  });
});
