import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../../src/server/background-jobs.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('waited too long');
    }
    await pause(20);
  }
}

let jobs: BackgroundJobs | undefined;

afterEach(async () => {
  await jobs?.stop();
});

describe('background jobs', () => {
  it('runs a job on its schedule, again and again, the first time one interval after now', async () => {
    jobs = new BackgroundJobs(recordingLogger());
    let runs = 0;
    jobs.register({
      name: 'count',
      schedule: { everySeconds: 2 },
      run: () => {
        runs += 1;
        return Promise.resolve();
      },
    });
    // Work wanted at start is asked for with runNow: the schedule does not run it again at once.
    await pause(1_000);
    expect(runs).toBe(0);
    await until(() => runs >= 2, 8_000);
  });

  it('never runs a job twice at once: a tick or a call while it runs is skipped', async () => {
    const logger = recordingLogger();
    jobs = new BackgroundJobs(logger);
    let running = 0;
    let most = 0;
    let runs = 0;
    jobs.register({
      name: 'slow',
      schedule: { cron: '* * * * * *' },
      run: async () => {
        running += 1;
        most = Math.max(most, running);
        await pause(1_500);
        running -= 1;
        runs += 1;
      },
    });
    await until(() => running === 1);
    expect(await jobs.runNow('slow')).toBe(false);
    await until(() => runs >= 2, 6_000);
    expect(most).toBe(1);
  });

  it('logs a failed run, and runs the job again next time', async () => {
    const logger = recordingLogger();
    jobs = new BackgroundJobs(logger);
    let runs = 0;
    jobs.register({
      name: 'flaky',
      schedule: { everySeconds: 1 },
      run: () => {
        runs += 1;
        return runs === 1 ? Promise.reject(new Error('store away')) : Promise.resolve();
      },
    });
    await until(() => runs >= 2);
    const failed = logger.lines.filter((line) => line.message === 'background job failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.fields).toMatchObject({ job: 'flaky' });
  });

  it('runs a job on demand, and says when it did', async () => {
    jobs = new BackgroundJobs(recordingLogger());
    let runs = 0;
    jobs.register({
      name: 'daily',
      schedule: { cron: '0 3 * * *' },
      run: () => {
        runs += 1;
        return Promise.resolve();
      },
    });
    expect(await jobs.runNow('daily')).toBe(true);
    expect(runs).toBe(1);
    await expect(jobs.runNow('nightly')).rejects.toThrow('No background job named "nightly"');
    expect(() =>
      jobs!.register({
        name: 'daily',
        schedule: { everySeconds: 5 },
        run: () => Promise.resolve(),
      }),
    ).toThrow('already registered');
  });

  it('waits, when asked, for the run in progress to end, and keeps the schedule', async () => {
    jobs = new BackgroundJobs(recordingLogger());
    let finished = 0;
    jobs.register({
      name: 'resume',
      schedule: { cron: '0 3 * * *' },
      run: async () => {
        await pause(200);
        finished += 1;
      },
    });
    void jobs.runNow('resume');
    await jobs.idle();
    expect(finished).toBe(1);
    expect(await jobs.runNow('resume')).toBe(true);
    expect(finished).toBe(2);
  });

  it('stops: waits for the run in progress, then no tick comes', async () => {
    jobs = new BackgroundJobs(recordingLogger());
    let finished = 0;
    let started = 0;
    jobs.register({
      name: 'sweep',
      schedule: { everySeconds: 1 },
      run: async () => {
        started += 1;
        await pause(300);
        finished += 1;
      },
    });
    await until(() => started === 1);
    await jobs.stop();
    expect(finished).toBe(1);
    await pause(1_500);
    expect(started).toBe(1);
    expect(await jobs.runNow('sweep')).toBe(false);
  });

  it('stops within a deadline when a run in progress takes longer, and logs it', async () => {
    const logger = recordingLogger();
    jobs = new BackgroundJobs(logger);
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    jobs.register({
      name: 'slow sweep',
      schedule: { everySeconds: 1 },
      run: async () => {
        started += 1;
        await released;
      },
    });
    await until(() => started === 1);
    const stopping = Date.now();
    // The run is still waiting for `released`: only the deadline can end stop first.
    const first = await Promise.race([
      jobs.stop(200).then(() => 'stopped' as const),
      released.then(() => 'run ended' as const),
    ]);
    expect(first).toBe('stopped');
    // 200 ms and a loaded machine's slack, nowhere near a run that never ends.
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(logger.lines.map((line) => line.message)).toContain(
      'background jobs still running at stop',
    );
    release();
  });
});
