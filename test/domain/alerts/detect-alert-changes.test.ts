import { describe, expect, it } from 'vitest';
import type { AlertKind } from '../../../src/domain/alerts/alert.ts';
import { detectAlertChanges } from '../../../src/domain/alerts/detect-alert-changes.ts';
import { entry, finding, T1 } from './fixtures.ts';

const all: ReadonlySet<AlertKind> = new Set([
  'group-errors',
  'sku-low',
  'subscription',
  'operation-failed',
]);
const ids = (list: readonly { id?: string; finding?: { id: string } }[]) =>
  list.map((item) => item.id ?? item.finding?.id);

describe('detecting new, unchanged, changed and solved alerts', () => {
  const cases: {
    rule: string;
    previous: ReturnType<typeof entry>[];
    findings: ReturnType<typeof finding>[];
    checked?: ReadonlySet<AlertKind>;
    expected: Record<'opened' | 'changed' | 'unchanged' | 'solved' | 'dropped', string[]>;
  }[] = [
    {
      rule: 'a problem never seen is new',
      previous: [],
      findings: [finding('group-errors:g1')],
      expected: {
        opened: ['group-errors:g1'],
        changed: [],
        unchanged: [],
        solved: [],
        dropped: [],
      },
    },
    {
      rule: 'the same problem with the same fingerprint is unchanged',
      previous: [entry(finding('group-errors:g1'))],
      findings: [finding('group-errors:g1')],
      expected: {
        opened: [],
        changed: [],
        unchanged: ['group-errors:g1'],
        solved: [],
        dropped: [],
      },
    },
    {
      rule: 'the same problem with other counts or reasons is changed',
      previous: [entry(finding('group-errors:g1', 'users=3'))],
      findings: [finding('group-errors:g1', 'users=4')],
      expected: {
        opened: [],
        changed: ['group-errors:g1'],
        unchanged: [],
        solved: [],
        dropped: [],
      },
    },
    {
      rule: 'an open problem no longer found is solved',
      previous: [entry(finding('sku-low:s1'))],
      findings: [],
      expected: { opened: [], changed: [], unchanged: [], solved: ['sku-low:s1'], dropped: [] },
    },
    {
      rule: 'a solved problem found again is new again',
      previous: [entry(finding('group-errors:g1'), [], T1)],
      findings: [finding('group-errors:g1')],
      expected: {
        opened: ['group-errors:g1'],
        changed: [],
        unchanged: [],
        solved: [],
        dropped: [],
      },
    },
    {
      rule: 'a solved problem still gone is nothing new',
      previous: [entry(finding('group-errors:g1'), [], T1)],
      findings: [],
      expected: { opened: [], changed: [], unchanged: [], solved: [], dropped: [] },
    },
    {
      rule: 'an open problem of a kind the look could not check stays open',
      previous: [entry(finding('subscription:c1'))],
      findings: [],
      checked: new Set<AlertKind>(['group-errors', 'sku-low', 'operation-failed']),
      expected: {
        opened: [],
        changed: [],
        unchanged: ['subscription:c1'],
        solved: [],
        dropped: [],
      },
    },
    {
      rule: 'a failed request out of the window leaves quietly',
      previous: [entry(finding('operation-failed:op1'))],
      findings: [],
      expected: {
        opened: [],
        changed: [],
        unchanged: [],
        solved: [],
        dropped: ['operation-failed:op1'],
      },
    },
  ];

  it.each(cases)('$rule', ({ previous, findings, checked, expected }) => {
    const changes = detectAlertChanges(previous, findings, checked ?? all);
    expect({
      opened: ids(changes.opened),
      changed: ids(changes.changed),
      unchanged: ids(changes.unchanged),
      solved: ids(changes.solved),
      dropped: ids(changes.dropped),
    }).toEqual(expected);
  });

  it('keeps the newest words of an unchanged problem', () => {
    const changes = detectAlertChanges(
      [entry(finding('group-errors:g1', 'users=3', { title: 'old name' }))],
      [finding('group-errors:g1', 'users=3', { title: 'renamed group' })],
      all,
    );
    expect(changes.unchanged[0]?.finding.title).toBe('renamed group');
  });
});
