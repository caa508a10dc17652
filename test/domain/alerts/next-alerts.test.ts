import { describe, expect, it } from 'vitest';
import { detectAlertChanges } from '../../../src/domain/alerts/detect-alert-changes.ts';
import { nextAlerts } from '../../../src/domain/alerts/next-alerts.ts';
import type { AlertEntry, AlertFinding, AlertKind } from '../../../src/domain/alerts/alert.ts';
import { entry, finding, sent, T0, T1 } from './fixtures.ts';

const all = new Set<AlertKind>(['group-errors', 'sku-low', 'subscription', 'operation-failed']);
const subscribers = new Set(['19:ops', '19:desk']);

function after(previous: AlertEntry[], findings: AlertFinding[]): AlertEntry[] {
  return nextAlerts(previous, detectAlertChanges(previous, findings, all), T1, subscribers);
}

describe('the snapshot after a look', () => {
  it('opens a new problem now, with no message yet', () => {
    expect(after([], [finding('group-errors:g1')])).toEqual([
      { finding: finding('group-errors:g1'), openedAt: T1, changedAt: T1, deliveries: [] },
    ]);
  });

  it('keeps an unchanged problem as it was, messages included', () => {
    const kept = entry(finding('sku-low:s1'), [sent('19:ops', 'users=3')]);
    expect(after([kept], [finding('sku-low:s1')])).toEqual([kept]);
  });

  it('takes the new finding of a changed problem and notes when it changed', () => {
    const [changed] = after(
      [entry(finding('group-errors:g1', 'users=3'), [sent('19:ops', 'users=3')])],
      [finding('group-errors:g1', 'users=5')],
    );
    expect(changed).toMatchObject({
      finding: { fingerprint: 'users=5' },
      openedAt: T0,
      changedAt: T1,
      deliveries: [{ conversationId: '19:ops', fingerprint: 'users=3' }],
    });
  });

  it('marks a solved problem solved while a message still shows it open', () => {
    const [solved] = after([entry(finding('group-errors:g1'), [sent('19:ops', 'users=3')])], []);
    expect(solved?.solvedAt).toBe(T1);
  });

  it('forgets a solved problem once every message says so, or none can be updated', () => {
    const told = entry(
      finding('group-errors:g1'),
      [sent('19:ops', 'users=3', { solved: true })],
      T0,
    );
    const neverKnown = entry(
      finding('group-errors:g2'),
      [sent('19:ops', 'users=3', { activityId: undefined })],
      T0,
    );
    expect(after([told, neverKnown], [])).toEqual([]);
  });

  it('opens a solved problem that is back as a new alert, its old message left as solved', () => {
    const old = entry(finding('group-errors:g1'), [sent('19:ops', 'users=3')], T0);
    expect(after([old], [finding('group-errors:g1')])).toEqual([
      { finding: finding('group-errors:g1'), openedAt: T1, changedAt: T1, deliveries: [] },
    ]);
  });

  it('drops a failed request that left the window, and messages of unsubscribed conversations', () => {
    const next = after(
      [
        entry(finding('operation-failed:op1')),
        entry(finding('sku-low:s1'), [sent('19:ops', 'users=3'), sent('19:gone', 'users=3')]),
      ],
      [finding('sku-low:s1')],
    );
    expect(next.map((e) => [e.finding.id, e.deliveries.map((d) => d.conversationId)])).toEqual([
      ['sku-low:s1', ['19:ops']],
    ]);
  });
});
