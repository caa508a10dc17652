import { describe, expect, it } from 'vitest';
import {
  forgetDeliveries,
  planDeliveries,
  recordDeliveries,
} from '../../../src/domain/alerts/plan-deliveries.ts';
import { entry, finding, sent, T0, T1 } from './fixtures.ts';

describe('what a subscribed conversation is sent', () => {
  it('gets a card for each open alert it was never sent', () => {
    const alerts = [entry(finding('group-errors:g1')), entry(finding('sku-low:s1'))];
    expect(planDeliveries(alerts, '19:ops', 5)).toEqual({
      posts: [
        { alertIds: ['group-errors:g1'], summary: false },
        { alertIds: ['sku-low:s1'], summary: false },
      ],
      updates: [],
    });
  });

  it('gets the most pressing first, and past the cap one summary card for the rest', () => {
    const alerts = [
      entry(finding('subscription:c1')),
      entry(finding('sku-low:s1')),
      entry(finding('operation-failed:op1')),
      ...Array.from({ length: 4 }, (_, i) => entry(finding(`group-errors:g${i}`))),
    ];
    expect(planDeliveries(alerts, '19:ops', 5).posts).toEqual([
      { alertIds: ['group-errors:g0'], summary: false },
      { alertIds: ['group-errors:g1'], summary: false },
      { alertIds: ['group-errors:g2'], summary: false },
      { alertIds: ['group-errors:g3'], summary: false },
      {
        alertIds: ['operation-failed:op1', 'sku-low:s1', 'subscription:c1'],
        summary: true,
      },
    ]);
  });

  it('is not sent what it has, nor solved alerts it never had', () => {
    const alerts = [
      entry(finding('group-errors:g1'), [sent('19:ops', 'users=3')]),
      entry(finding('sku-low:s1'), [], T1),
      entry(finding('sku-low:s2'), [sent('19:ops', 'users=3', { activityId: undefined })]),
    ];
    expect(planDeliveries(alerts, '19:ops', 5)).toEqual({ posts: [], updates: [] });
  });

  it('has a card updated in place when its alert is solved or changed, and not once it says so', () => {
    const alerts = [
      entry(finding('group-errors:g1'), [sent('19:ops', 'users=3', { activityId: 'a1' })], T1),
      entry(finding('group-errors:g2', 'users=9'), [
        sent('19:ops', 'users=3', { activityId: 'a2' }),
      ]),
      entry(finding('group-errors:g3'), [sent('19:ops', 'users=3', { activityId: 'a3' })]),
      entry(
        finding('group-errors:g4'),
        [sent('19:ops', 'users=3', { activityId: 'a4', solved: true })],
        T1,
      ),
      entry(finding('group-errors:g5'), [
        sent('19:ops', 'users=3', { activityId: 'a5', solved: true }),
      ]),
    ];
    expect(planDeliveries(alerts, '19:ops', 5).updates).toEqual([
      { activityId: 'a1', alertIds: ['group-errors:g1'], summary: false },
      { activityId: 'a2', alertIds: ['group-errors:g2'], summary: false },
      { activityId: 'a5', alertIds: ['group-errors:g5'], summary: false },
    ]);
  });

  it('has a summary card redrawn with all its alerts when one of them is solved', () => {
    const onSummary = (id: string, solvedAt?: string) =>
      entry(
        finding(id),
        [
          sent('19:ops', 'users=3', { activityId: 'sum', summary: true }),
          sent('19:desk', 'users=3'),
        ],
        solvedAt,
      );
    const alerts = [onSummary('group-errors:g1', T1), onSummary('group-errors:g2')];
    expect(planDeliveries(alerts, '19:ops', 5).updates).toEqual([
      { activityId: 'sum', alertIds: ['group-errors:g1', 'group-errors:g2'], summary: true },
    ]);
  });
});

describe('recording messages', () => {
  it('records what a message shows, replacing the claim made before sending', () => {
    const alerts = [
      entry(finding('group-errors:g1'), [sent('19:ops', 'old', { activityId: undefined })]),
      entry(finding('sku-low:s1'), [], T1),
    ];
    const recorded = recordDeliveries(alerts, '19:ops', ['group-errors:g1', 'sku-low:s1'], {
      activityId: 'a1',
      summary: false,
      at: T1,
    });
    expect(recorded.map((e) => e.deliveries)).toEqual([
      [
        {
          conversationId: '19:ops',
          activityId: 'a1',
          summary: false,
          fingerprint: 'users=3',
          solved: false,
          at: T1,
        },
      ],
      [
        {
          conversationId: '19:ops',
          activityId: 'a1',
          summary: false,
          fingerprint: 'users=3',
          solved: true,
          at: T1,
        },
      ],
    ]);
  });

  it('claims a post with no id yet, and leaves other alerts alone', () => {
    const alerts = [entry(finding('group-errors:g1')), entry(finding('sku-low:s1'))];
    const claimed = recordDeliveries(alerts, '19:ops', ['sku-low:s1'], { summary: true, at: T0 });
    expect(claimed[0]).toBe(alerts[0]);
    expect(claimed[1]?.deliveries).toEqual([
      { conversationId: '19:ops', summary: true, fingerprint: 'users=3', solved: false, at: T0 },
    ]);
  });

  it('forgets the claim of a post that did not go out, in that conversation only', () => {
    const alerts = [
      entry(finding('group-errors:g1'), [sent('19:ops', 'users=3'), sent('19:desk', 'users=3')]),
      entry(finding('sku-low:s1'), [sent('19:ops', 'users=3')]),
    ];
    const forgotten = forgetDeliveries(alerts, '19:ops', ['group-errors:g1']);
    expect(forgotten[0]?.deliveries.map((d) => d.conversationId)).toEqual(['19:desk']);
    expect(forgotten[1]).toBe(alerts[1]);
  });
});
