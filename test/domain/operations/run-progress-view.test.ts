import { describe, expect, it } from 'vitest';
import {
  runProgressView,
  type ItemCounts,
} from '../../../src/domain/operations/run-progress-view.ts';

const START = '2026-11-23T10:00:00.000Z';
/** The moment `seconds` after the run started. */
const after = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
const counts = (partial: Partial<ItemCounts>): ItemCounts => ({
  planned: 0,
  sent: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  skipped: 0,
  ...partial,
});

describe('the progress of a run', () => {
  it.each([
    {
      rule: 'counts every state, with thousands separators; sent users are still left',
      counts: counts({ done: 1_234, failed: 3, planned: 700, sent: 63 }),
      text: '1,234 of 2,000 done · 3 failed · 0 skipped · 763 left',
    },
    {
      rule: 'counts a run with nothing settled yet',
      counts: counts({ planned: 20 }),
      text: '0 of 20 done · 0 failed · 0 skipped · 20 left',
    },
    {
      rule: 'names the users a stop left out, as not done',
      counts: counts({ done: 412, cancelled: 1_500, sent: 88 }),
      text: '412 of 2,000 done · 0 failed · 0 skipped · 1,500 not done · 88 left',
    },
    {
      rule: 'counts a run with nothing to do',
      counts: counts({}),
      text: '0 of 0 done · 0 failed · 0 skipped · 0 left',
    },
  ])('$rule', ({ counts, text }) => {
    expect(runProgressView({ counts, startedAt: START, at: after(10) }).counts).toBe(text);
  });

  it.each([
    {
      rule: 'splits the bar by share, adding up to 100',
      counts: counts({ done: 50, failed: 25, skipped: 5, planned: 20 }),
      shares: { done: 50, failed: 25, skipped: 5, left: 20 },
      percent: '80%',
    },
    {
      rule: 'gives what rounding down left over to the largest remainders',
      counts: counts({ done: 1, failed: 1, planned: 1 }),
      shares: { done: 34, failed: 33, skipped: 0, left: 33 },
      percent: '66%',
    },
    {
      rule: 'shows one failure among thousands, taking its share from the largest part',
      counts: counts({ done: 9_998, failed: 1, skipped: 1 }),
      shares: { done: 98, failed: 1, skipped: 1, left: 0 },
      percent: '100%',
    },
    {
      rule: 'is not at 100% while a user is left',
      counts: counts({ done: 999, sent: 1 }),
      shares: { done: 99, failed: 0, skipped: 0, left: 1 },
      percent: '99%',
    },
    {
      rule: 'is all done when there is nothing to do',
      counts: counts({}),
      shares: { done: 100, failed: 0, skipped: 0, left: 0 },
      percent: '100%',
    },
  ])('$rule', ({ counts, shares, percent }) => {
    const view = runProgressView({ counts, startedAt: START, at: after(10) });
    expect(view.shares).toEqual(shares);
    expect(view.percent).toBe(percent);
  });

  it.each([
    {
      rule: 'reads the rate per second and the seconds left',
      counts: counts({ done: 1_800, planned: 720 }),
      seconds: 10,
      pace: '180 users/s · about 4 s left',
    },
    {
      rule: 'counts failed and skipped users as settled, with separators in a large rate',
      counts: counts({ done: 10_000, failed: 2_000, skipped: 340, planned: 12_340 }),
      seconds: 10,
      pace: '1,234 users/s · about 10 s left',
    },
    {
      rule: 'gives a slow rate per second one decimal, and at least a second left',
      counts: counts({ done: 25, planned: 1 }),
      seconds: 10,
      pace: '2.5 users/s · about 1 s left',
    },
    {
      rule: 'speaks of one user in the singular',
      counts: counts({ done: 10, planned: 600 }),
      seconds: 10,
      pace: '1 user/s · about 10 min left',
    },
    {
      rule: 'reads a rate under one a second per minute',
      counts: counts({ done: 12, planned: 1_440 }),
      seconds: 60,
      pace: '12 users/min · about 2 h left',
    },
    {
      rule: 'reads a rate under one a minute per hour, and hours with minutes left',
      counts: counts({ done: 3, planned: 7 }),
      seconds: 3_600,
      pace: '3 users/h · about 2 h 20 min left',
    },
    {
      rule: 'rounds a time just under an hour to the hour',
      counts: counts({ done: 1, planned: 3_599 }),
      seconds: 1,
      pace: '1 user/s · about 1 h left',
    },
    {
      rule: 'says it is finishing once no user is left',
      counts: counts({ done: 40, failed: 2 }),
      seconds: 2,
      pace: '21 users/s · finishing',
    },
    {
      rule: 'tells no rate before a user has settled',
      counts: counts({ planned: 40, sent: 20 }),
      seconds: 5,
      pace: '',
    },
    {
      rule: 'tells no rate for counts taken as the run started',
      counts: counts({ done: 20, planned: 20 }),
      seconds: 0,
      pace: '',
    },
  ])('$rule', ({ counts, seconds, pace }) => {
    expect(runProgressView({ counts, startedAt: START, at: after(seconds) }).pace).toBe(pace);
  });
});
