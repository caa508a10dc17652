import { describe, expect, it } from 'vitest';
import type { FixResult } from '../../src/app/group-fixes/group-fix-use-cases.ts';
import { groupReasonWords } from '../../src/app/views/license-error-reason.ts';
import { fixNotice } from '../../src/bot/commands/group-fix-actions.ts';

const member = (id: string, displayName: string) => ({
  id,
  displayName,
  userPrincipalName: `${id}@contoso.com`,
  usageLocation: 'US',
});
const ANN = member('ann', 'Ann Count');
const BEN = member('ben', 'Ben Clash');
const result = (extra: Partial<FixResult>): FixResult => ({
  groupId: 'g',
  groupName: 'Contractors',
  reprocessed: [ANN, BEN],
  refused: [],
  fixed: [ANN, BEN],
  stillInError: [],
  settled: true,
  capped: false,
  ...extra,
});

describe("a fix's result on the group card", () => {
  it('all fixed: says who, in green', () => {
    expect(fixNotice(result({}))).toEqual({
      text: 'Reprocessed 2 members of "Contractors".\n\nNo longer in error: Ann Count and Ben Clash.',
      color: 'Good',
    });
  });

  it('some still in error: says why, and that Entra may still be at it', () => {
    const notice = fixNotice(
      result({
        fixed: [ANN],
        settled: false,
        stillInError: [
          {
            kind: 'MutuallyExclusiveViolation',
            words: groupReasonWords('MutuallyExclusiveViolation', 'Exchange Online (Plan 1)', ''),
            members: [BEN],
            activeCount: 0,
            products: [],
            directConflicts: [],
          },
        ],
      }),
    );
    expect(notice.color).toBe('Warning');
    expect(notice.text.split('\n\n')).toEqual([
      'Reprocessed 2 members of "Contractors".',
      'No longer in error: Ann Count.',
      'Still in error: Conflicting service plans (MutuallyExclusiveViolation): Ben Clash. See each reason below for its fix.',
      'Entra is still processing them: what is above may change. Open the group again in a minute.',
    ]);
  });

  it("nothing fixed: Graph's refusals in its words, the cap said, in red", () => {
    const notice = fixNotice(
      result({
        usageLocation: 'FR',
        reprocessed: [],
        fixed: [],
        refused: [{ member: BEN, message: 'That user no longer exists.' }],
        capped: true,
      }),
    );
    expect(notice.color).toBe('Attention');
    expect(notice.text.split('\n\n')).toEqual([
      'Usage location set to FR for 0 members of "Contractors", then reprocessed.',
      'Not done for Ben Clash: That user no longer exists.',
      'Only the first 500 members in error were reprocessed: reprocess again for the rest.',
    ]);
  });
});
