import { describe, expect, it } from 'vitest';
import { RunProgress } from '../../../src/app/runs/run-progress.ts';
import { RunsInFlight } from '../../../src/app/runs/runs-in-flight.ts';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('runs in flight', () => {
  it('waits for the runs going, failed ones included, and forgets them once ended', async () => {
    const runs = new RunsInFlight();
    let finish = () => {};
    const slow = runs.track(
      new Promise<string>((resolve) => {
        finish = () => resolve('done');
      }),
    );
    const broken = runs.track(Promise.reject(new Error('Graph is away')));
    await expect(broken).rejects.toThrow('Graph is away');
    expect(runs.size).toBe(1);

    const ended = runs.ended(5_000);
    finish();
    expect(await ended).toBe(true);
    expect(await slow).toBe('done');
    expect(runs.size).toBe(0);
  });

  it('gives up waiting at the deadline and says so', async () => {
    const runs = new RunsInFlight();
    void runs.track(new Promise(() => {}));
    const waiting = Date.now();
    // `false` proves the deadline ended the wait; the bound only leaves a loaded machine room.
    expect(await runs.ended(50)).toBe(false);
    expect(Date.now() - waiting).toBeLessThan(5_000);
  });

  it('signals stop to every run, once and for all', () => {
    const runs = new RunsInFlight();
    expect(runs.signal.aborted).toBe(false);
    runs.stop();
    runs.stop();
    expect(runs.signal.aborted).toBe(true);
  });
});

describe('a run progress', () => {
  const counted = { planned: 30, sent: 1, done: 2, failed: 0, skipped: 0, cancelled: 0 };

  it('moves items between states in memory, and leaves an item another run settled alone', () => {
    const progress = new RunProgress(counted, T0);
    progress.moved('planned', 'done');
    progress.moved('sent', 'failed');
    progress.moved('planned', 'planned');
    expect(progress.checkpoint(T0)).toEqual({
      planned: 29,
      sent: 0,
      done: 3,
      failed: 1,
      skipped: 0,
      cancelled: 0,
    });
  });

  it('is due for a checkpoint after 25 items or 5 seconds, whichever comes first', () => {
    const progress = new RunProgress(counted, T0);
    for (let item = 0; item < 24; item += 1) {
      progress.moved('planned', 'done');
    }
    expect(progress.checkpointDue(later(4_999))).toBe(false);
    progress.moved('planned', 'done');
    expect(progress.checkpointDue(later(1))).toBe(true);
    progress.checkpoint(later(1));
    expect(progress.checkpointDue(later(5_000))).toBe(false);
    expect(progress.checkpointDue(later(5_001))).toBe(true);
  });
});
