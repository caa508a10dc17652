import { describe, expect, it } from 'vitest';
import type { AlertEntry, AlertFinding } from '../../../src/domain/alerts/alert.ts';
import { alertMessageCard } from '../../../src/bot/alerts/alert-cards.ts';
import { buttonsOf, shownOn } from '../support/replies.ts';

const OPENED = '2026-12-06T08:00:00.000Z';

const finding = (overrides: Partial<AlertFinding>): AlertFinding => ({
  id: 'group-errors:g1',
  kind: 'group-errors',
  fingerprint: 'users=3',
  title: 'Group "Contractors": 3 members without their licenses',
  users: 3,
  reason: '3 members: Not enough licenses',
  fix: { kind: 'group', groupId: 'g1' },
  ...overrides,
});

const entry = (found: AlertFinding, more: Partial<AlertEntry> = {}): AlertEntry => ({
  finding: found,
  openedAt: OPENED,
  changedAt: OPENED,
  deliveries: [],
  ...more,
});

const card = (alerts: AlertEntry[], summary = false) =>
  alertMessageCard({ alerts, summary }).content as Record<string, unknown>;

describe('alert cards', () => {
  it('say a new problem, how many users, why, and offer its fix', () => {
    const drawn = card([entry(finding({}))]);
    expect(shownOn(drawn)).toEqual(
      expect.arrayContaining([
        '⚠️ New alert',
        'Group "Contractors": 3 members without their licenses',
        '3 affected',
        'Open',
        '3 members: Not enough licenses',
      ]),
    );
    expect(buttonsOf(drawn).map((b) => b.verb)).toEqual(['group-reprocess', 'group']);
  });

  it('say when a problem changed, and when it is solved (its fix gone)', () => {
    const changed = card([entry(finding({}), { changedAt: '2026-12-06T09:00:00.000Z' })]);
    expect(shownOn(changed)).toEqual(
      expect.arrayContaining(['⚠️ Alert updated', 'Open, changed at 2026-12-06 09:00 UTC']),
    );
    const solved = card([entry(finding({}), { solvedAt: '2026-12-06T10:00:00.000Z' })]);
    expect(shownOn(solved)).toEqual(
      expect.arrayContaining(['✅ Solved', 'Solved (found gone at 2026-12-06 10:00 UTC)']),
    );
    expect(buttonsOf(solved).map((b) => b.verb)).toEqual(['group']);
  });

  it('offer who holds a SKU, the request and its results, or the admin center steps', () => {
    const sku = card([
      entry(
        finding({
          id: 'sku-low:s1',
          kind: 'sku-low',
          fix: { kind: 'sku-holders', skuId: '4b9405b0-7788-4568-add1-99614e613b69', shortfall: 2 },
        }),
      ),
    ]);
    expect(buttonsOf(sku)).toEqual([
      {
        title: 'Who holds it',
        verb: 'sku-holders',
        data: { skuId: '4b9405b0-7788-4568-add1-99614e613b69', shortfall: 2 },
      },
    ]);
    const failed = card([
      entry(finding({ kind: 'operation-failed', fix: { kind: 'operation', operationId: 'op-1' } })),
    ]);
    expect(buttonsOf(failed)).toEqual([
      { title: 'Open the request', verb: 'request-view', data: { operationId: 'op-1' } },
      { title: 'Results per user', verb: 'request-results', data: { operationId: 'op-1' } },
    ]);
    const expiring = card([
      entry(finding({ kind: 'subscription', fix: { kind: 'admin-center', steps: 'Renew it.' } })),
    ]);
    expect(buttonsOf(expiring)).toEqual([]);
    expect(shownOn(expiring)).toContain('Renew it.');
  });

  it('summarise many alerts in one card of 15 lines, saying how many more, and when all are solved', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      entry(finding({ id: `group-errors:g${i}`, title: `Group ${i} in error` })),
    );
    const summary = card(many, true);
    const shown = shownOn(summary).join('\n');
    expect(shown).toContain('⚠️ 40 new problems (40 still open)');
    expect(shown).toContain('Group 14 in error');
    expect(shown).not.toContain('Group 15 in error');
    expect(shown).toContain('… and 25 more');
    const solved = card(
      many.map((e) => ({ ...e, solvedAt: '2026-12-06T10:00:00.000Z' })),
      true,
    );
    expect(shownOn(solved).join('\n')).toContain('✅ All 40 problems solved');
  });
});
