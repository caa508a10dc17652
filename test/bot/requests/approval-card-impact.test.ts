import { describe, expect, it } from 'vitest';
import { usersOf } from '../../../src/domain/operations/new-operation.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import { MAX_CARD_BYTES } from '../../../src/bot/cards/render-card.ts';
import { approvalCard } from '../../../src/bot/requests/approval-card.ts';
import { transition } from '../../../src/domain/operations/state-machine.ts';
import type { Impact } from '../../../src/domain/planning/impact.ts';
import { recordImpact } from '../../../src/domain/planning/impact-record.ts';
import { shownOn } from '../support/replies.ts';

const long = (what: string) => `${what} ${'with a very long name '.repeat(20)}`;

/** A planned impact with every list far longer than any card can show. */
const planned: Impact = {
  userCount: 40,
  changeCount: 30,
  noopCount: 5,
  blockedCount: 5,
  usageLocationsToSet: 3,
  conflictCount: 60,
  conflicts: Array.from({ length: 60 }, (_, index) => ({
    conflict: { kind: 'missingDependency', planId: `plan-${index}`, requiresAnyOf: [] },
    sources: [],
    description: long(`Conflict ${index}`),
  })),
  seats: Array.from({ length: 50 }, (_, index) => ({
    skuId: `sku-${index}`,
    name: long(`SKU ${index}`),
    total: 15,
    usedBefore: 14,
    usedAfter: 15,
    availableAfter: 0,
    shortfall: 0,
  })),
  cost: Array.from({ length: 20 }, (_, index) => ({
    currency: `C${index}`,
    before: 1400,
    after: 1500,
    delta: 100,
  })),
  unpriced: Array.from({ length: 50 }, (_, index) => long(`Unpriced ${index}`)),
  leavesShort: false,
  warnings: [],
};

function operationWith(impact: Impact, reasons: string[], users = 40): StoredOperation {
  const at = '2026-11-23T10:00:00.000Z';
  return {
    id: 'op-1',
    tenantId: 't-1',
    kind: 'assign',
    state: 'pending',
    requester: { userId: 'alex', displayName: 'Alex Wilber' },
    summary: 'Assign Microsoft 365 E3 to 40 users',
    justification: 'New starters',
    ...usersOf(
      Array.from({ length: users }, (_, index) => ({
        itemId: `u-${index}`,
        userId: `u-${index}`,
        userPrincipalName: `user${index}@contoso.com`,
        displayName: `User ${index}`,
        body: { addLicenses: [{ skuId: 'sku-0', disabledPlans: [] }], removeLicenses: [] },
        state: 'planned' as const,
      })),
    ),
    createdAt: at,
    updatedAt: at,
    expiresAt: '2026-11-26T10:00:00.000Z',
    impact: recordImpact(impact, reasons),
    events: [],
  };
}

describe('the approval card draws the impact saved with the request', () => {
  const reasons = ['Bulk requests need an approver.', long('Reason')];
  const operation = operationWith(planned, reasons);

  it('shows, on a redraw, the same impact and reasons as the card drawn when it was planned', () => {
    const live = shownOn(approvalCard(operation, { impact: planned, reasons }).content);
    const redrawn = shownOn(approvalCard(operation, {}).content);
    expect(redrawn).toEqual(live);
    expect(redrawn.join('\n')).toContain('of 15 seats used');
    expect(redrawn.join('\n')).toContain('Monthly cost: 1,400.00 C0 → 1,500.00 C0 (+100.00 C0)');
    expect(redrawn.join('\n')).toContain('… and 40 more licenses');
    expect(redrawn.join('\n')).toContain('Bulk requests need an approver.');
  });

  it('keeps the same impact once the request has moved on', () => {
    const approved = transition(
      operation,
      { type: 'approve' },
      { kind: 'user', userId: 'megan', displayName: 'Megan Bowen', isApprover: true },
      new Date('2026-11-23T10:05:00.000Z'),
    );
    expect(approved.ok).toBe(true);
    const after = shownOn(approvalCard(approved.ok ? approved.value : operation, {}).content);
    expect(after.join('\n')).toContain('Approved by Megan Bowen');
    expect(after.join('\n')).toContain('Monthly cost: 1,400.00 C0 → 1,500.00 C0 (+100.00 C0)');
  });

  it('shows money one way, and says costs in several currencies are not added up', () => {
    const dollars = { currency: 'USD', before: 16074, after: 16131, delta: 57 };
    const inDollars = shownOn(
      approvalCard(operationWith({ ...planned, cost: [dollars] }, []), {}).content,
    ).join('\n');
    expect(inDollars).toContain('Monthly cost: $16,074.00 → $16,131.00 (+$57.00)');
    expect(inDollars).not.toContain('currencies');
    const euros = { currency: 'EUR', before: 100, after: 90, delta: -10 };
    const mixed = shownOn(
      approvalCard(operationWith({ ...planned, cost: [dollars, euros] }, []), {}).content,
    ).join('\n');
    expect(mixed).toContain('Monthly cost: €100.00 → €90.00 (-€10.00)');
    expect(mixed).toContain(
      'Costs are in 2 currencies (USD, EUR), each on its own line: not added up.',
    );
  });

  it('stays under 28 KB with every list of the impact at its longest', () => {
    const card = approvalCard(operation, {});
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('shows no impact lines for a request saved before the impact was kept', () => {
    const { impact: _kept, ...older } = operation;
    const shown = shownOn(approvalCard(older, {}).content).join('\n');
    expect(shown).not.toContain('seats used');
    expect(shown).toContain('User 0, User 1');
  });

  it('names the first 20 people of a bulk request and counts the rest, under 28 KB', () => {
    const bulk = operationWith(planned, reasons, 2_000);
    const card = approvalCard(bulk, {});
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    const shown = shownOn(card.content).join('\n');
    expect(shown).toContain('User 0, User 1');
    expect(shown).toContain('User 19 and 1,980 more');
    expect(shown).not.toContain('User 20,');
  });
});
