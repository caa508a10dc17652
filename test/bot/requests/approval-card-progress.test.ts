import { describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import { MAX_CARD_BYTES } from '../../../src/bot/cards/render-card.ts';
import { approvalCard } from '../../../src/bot/requests/approval-card.ts';
import type { OperationState } from '../../../src/domain/operations/operation.ts';
import { cardProblems } from '../../cards/support/validate-card.ts';
import { approver, pendingOperation } from '../../store/support/operation-fixtures.ts';
import { shownOn } from '../support/replies.ts';

const STARTED = '2026-11-20T09:00:00.000Z';

/** A bulk request of 2,000 users in `state`, 7 s into its run, with a checkpoint unless told. */
function runOf(state: OperationState, checkpoint = true): StoredOperation {
  return {
    ...pendingOperation('tenant-1', { users: 2_000 }),
    state,
    decidedBy: approver,
    startedAt: STARTED,
    ...(checkpoint && {
      checkpoint: {
        counts: { planned: 700, sent: 63, done: 1_234, failed: 3, skipped: 0, cancelled: 0 },
        at: '2026-11-20T09:00:07.000Z',
      },
    }),
  };
}

const cardOf = (operation: StoredOperation) => approvalCard(operation, {}).content as object;
const shown = (operation: StoredOperation) => shownOn(cardOf(operation));

/** The bar's parts as drawn: each column's style and weight. */
function barOf(card: object): { style: string; width: number }[] {
  const found: { style: string; width: number }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'ColumnSet') {
        for (const column of record.columns as { style: string; width: number }[]) {
          found.push({ style: column.style, width: column.width });
        }
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

describe('the progress a running request’s card shows', () => {
  it('shows the bar, the counts, the rate and the time left of the latest checkpoint', () => {
    const operation = runOf('running');
    expect(shown(operation)).toEqual(
      expect.arrayContaining([
        '61% · 1,234 of 2,000 done · 3 failed · 0 skipped · 763 left',
        '177 users/s · about 4 s left',
      ]),
    );
    // Weighted columns, coloured by what they count; an empty part is left out.
    expect(barOf(cardOf(operation))).toEqual([
      { style: 'good', width: 61 },
      { style: 'attention', width: 1 },
      { style: 'emphasis', width: 38 },
    ]);
  });

  it('is a valid Adaptive Card 1.5 under 28 KB for a bulk run', () => {
    const attachment = approvalCard(runOf('running'), {
      refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:approver-${i}`),
    });
    expect(cardProblems(attachment.content as object)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(attachment))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('shows every user still to do before the first checkpoint, with no rate yet', () => {
    const texts = shown(runOf('running', false));
    expect(texts).toContain('0% · 0 of 2,000 done · 0 failed · 0 skipped · 2,000 left');
    expect(texts.join('\n')).not.toMatch(/users\/|about .* left/);
    expect(barOf(cardOf(runOf('running', false)))).toEqual([{ style: 'emphasis', width: 100 }]);
  });

  it.each(['approved', 'succeeded', 'partiallyFailed', 'failed'] as const)(
    'shows no progress once %s, checkpoint or not',
    (state) => {
      const operation = runOf(state);
      expect(shown(operation).join('\n')).not.toMatch(/of 2,000 done|users\/s/);
      expect(barOf(cardOf(operation))).toEqual([]);
    },
  );
});
