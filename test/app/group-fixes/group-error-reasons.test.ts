import { describe, expect, it } from 'vitest';
import { groupErrorReasons } from '../../../src/app/group-fixes/group-error-reasons.ts';
import { E3, EXO, GROUP, memoryWorld, PBI } from './memory-world.ts';

describe('members in error, grouped by reason', () => {
  const reasons = () => {
    const { users } = memoryWorld();
    // The members Graph lists in error: Fay's license works.
    const inError = users.filter((u) => u.id !== 'fay');
    return groupErrorReasons(GROUP, inError, [EXO, E3, PBI]);
  };

  it('gives each reason once, in the order an admin fixes them, with who is under it', () => {
    expect(reasons().map((r) => [r.kind, r.members.map((m) => m.displayName)])).toEqual([
      ['CountViolation', ['Ann Count']],
      ['MutuallyExclusiveViolation', ['Ben Clash']],
      ['ProhibitedInUsageLocationViolation', ['Cy Abroad']],
      ['UniquenessViolation', ['Dee Duplicate']],
      // Graph's older spelling "Others" is the same reason.
      ['Other', ['Eve Unknown']],
    ]);
  });

  it('says what happened and what fixes it in plain words', () => {
    const [count, clash, location, duplicate, other] = reasons();
    expect(count!.words).toEqual({
      title: 'Not enough licenses',
      happened:
        'Every seat of Exchange Online (Plan 1) is taken, so Entra could not give it to these members.',
      fix: 'Buy more seats or free some (see who holds it), then reprocess them.',
    });
    expect(clash!.words.fix).toMatch(
      /^Remove the conflicting direct license \(it goes to approval/,
    );
    expect(location!.words.happened).toBe(
      "Exchange Online (Plan 1) cannot be used in these members' usage location (CN).",
    );
    expect(duplicate!.words.fix).toMatch(/^Fix the duplicate address in the Exchange admin center/);
    expect(other!.words.fix).toMatch(/^Reprocess them/);
  });

  it('counts the seats short for a product out of seats', () => {
    expect(reasons()[0]!.products).toEqual([
      {
        skuId: EXO.skuId,
        name: 'Exchange Online (Plan 1)',
        partNumber: 'EXCHANGESTANDARD',
        members: 1,
        available: 0,
        shortfall: 1,
      },
    ]);
  });

  it('names the direct license that clashes (same service), not every direct license', () => {
    expect(reasons()[1]!.directConflicts).toEqual([
      {
        skuId: E3.skuId,
        name: 'Microsoft 365 E3',
        partNumber: 'SPE_E3',
        members: [expect.objectContaining({ id: 'ben' })],
      },
    ]);
  });

  it('tells how many still have the license working (active with error)', () => {
    expect(reasons().map((r) => r.activeCount)).toEqual([0, 0, 0, 1, 0]);
  });

  it('falls back to the only direct license, and offers none when it cannot tell', () => {
    const { users } = memoryWorld();
    const ben = users.find((u) => u.id === 'ben')!;
    const onlyPbi = { ...ben, licenseAssignmentStates: ben.licenseAssignmentStates!.slice(1) };
    expect(groupErrorReasons(GROUP, [onlyPbi], [EXO, E3, PBI])[0]!.directConflicts).toMatchObject([
      { skuId: PBI.skuId },
    ]);
    const none = { ...ben, licenseAssignmentStates: ben.licenseAssignmentStates!.slice(2) };
    expect(groupErrorReasons(GROUP, [none], [EXO, E3, PBI])[0]!.directConflicts).toEqual([]);
  });

  it('offers the direct license for a missing dependency too, in its own words', () => {
    const { users } = memoryWorld();
    const ben = users.find((u) => u.id === 'ben')!;
    const depending = {
      ...ben,
      licenseAssignmentStates: ben.licenseAssignmentStates!.map((s) =>
        s.assignedByGroup === GROUP ? { ...s, error: 'DependencyViolation' as const } : s,
      ),
    };
    const [reason] = groupErrorReasons(GROUP, [depending], [EXO, E3, PBI]);
    expect(reason).toMatchObject({
      kind: 'DependencyViolation',
      words: { title: 'A plan is missing what it depends on' },
      directConflicts: [{ partNumber: 'SPE_E3' }],
    });
    expect(reason!.words.fix).toMatch(/^Remove or change the conflicting direct license/);
  });

  it('names a missing usage location among the locations not allowed', () => {
    const { users } = memoryWorld();
    const cy = users.find((u) => u.id === 'cy')!;
    const nowhere = { ...cy, id: 'cy2', usageLocation: null };
    expect(groupErrorReasons(GROUP, [cy, nowhere], [EXO])[0]!.words.happened).toBe(
      "Exchange Online (Plan 1) cannot be used in these members' usage location (CN, none set).",
    );
  });

  it('reads a member listed in error with no failing state as another problem', () => {
    const { users } = memoryWorld();
    const fay = users.find((u) => u.id === 'fay')!;
    expect(groupErrorReasons(GROUP, [fay], [EXO])).toMatchObject([
      { kind: 'Other', members: [{ id: 'fay' }] },
    ]);
  });
});
