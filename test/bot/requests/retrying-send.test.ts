import { describe, expect, it } from 'vitest';
import { isRetryable, sendWithRetries } from '../../../src/bot/requests/retrying-send.ts';

/** A failure as botbuilder's REST client throws it. */
const httpError = (status: number, retryAfter?: string) =>
  Object.assign(new Error(`HTTP ${status}`), {
    statusCode: status,
    response: {
      status,
      headers: { get: (name: string) => (name === 'retry-after' ? (retryAfter ?? null) : null) },
    },
  });
const networkError = (code: string) => Object.assign(new Error(code), { code });

/** A send that fails with `failures` in turn, then answers 'sent'; and the waits it caused. */
function flaky(failures: Error[]) {
  let calls = 0;
  const waits: number[] = [];
  return {
    waits,
    calls: () => calls,
    send: () => {
      calls += 1;
      const failure = failures[calls - 1];
      return failure === undefined ? Promise.resolve('sent') : Promise.reject(failure);
    },
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe('sending with retries', () => {
  it('stops waiting and trying once the process stops: the wait gets the signal', async () => {
    const send = flaky([httpError(429, '30'), httpError(429, '30'), httpError(429, '30')]);
    const stopping = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    const failed = sendWithRetries(send.send, {
      signal: stopping.signal,
      // The real clock's sleep: ends early when its signal aborts.
      sleep: (ms, signal) => {
        signals.push(signal);
        return new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      },
    });
    // Abort once it waits out the first Retry-After (30 s), not after a guessed pause.
    while (signals.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const started = Date.now();
    stopping.abort();
    await expect(failed).rejects.toThrow('HTTP 429');
    // Far below the 30 s wait, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(send.calls()).toBe(1);
    expect(signals).toEqual([stopping.signal]);
    // Stopped before the first try fails: no wait at all.
    const again = flaky([httpError(429)]);
    await expect(
      sendWithRetries(again.send, { signal: stopping.signal, sleep: again.sleep }),
    ).rejects.toThrow('HTTP 429');
    expect(again.waits).toEqual([]);
  });

  it('tries again after throttling, a stale precondition and gateway errors, then lands', async () => {
    const send = flaky([httpError(429), httpError(412), httpError(502), httpError(504)]);
    const retries: unknown[] = [];
    await expect(
      sendWithRetries(send.send, {
        sleep: send.sleep,
        random: () => 0.5,
        onRetry: (retry) => retries.push(retry),
      }),
    ).resolves.toBe('sent');
    expect(send.calls()).toBe(5);
    expect(retries[0]).toEqual({ attempt: 1, waitMs: 375, status: 429 });
    expect(retries).toHaveLength(4);
    // Doubling from 500 ms, three quarters of each with a random of one half.
    expect(send.waits).toEqual([375, 750, 1500, 3000]);
  });

  it('tries again after a dropped connection', async () => {
    const send = flaky([networkError('ECONNRESET'), networkError('ETIMEDOUT')]);
    await expect(sendWithRetries(send.send, { sleep: send.sleep })).resolves.toBe('sent');
    expect(send.calls()).toBe(3);
  });

  it('keeps every wait between half and all of its step, and under the cap', async () => {
    const failures = Array.from({ length: 7 }, () => httpError(429));
    for (const random of [0, 0.999]) {
      const send = flaky(failures);
      await sendWithRetries(send.send, {
        sleep: send.sleep,
        random: () => random,
        attempts: 8,
        baseDelayMs: 100,
        maxDelayMs: 1_000,
      });
      const steps = [100, 200, 400, 800, 1_000, 1_000, 1_000];
      send.waits.forEach((wait, index) => {
        expect(wait).toBeGreaterThanOrEqual(steps[index]! / 2);
        expect(wait).toBeLessThanOrEqual(steps[index]!);
      });
    }
  });

  it('waits at least what Retry-After asks, within the cap', async () => {
    const send = flaky([httpError(429, '3'), httpError(429, '600')]);
    await sendWithRetries(send.send, { sleep: send.sleep, random: () => 0, maxDelayMs: 10_000 });
    expect(send.waits).toEqual([3_000, 10_000]);
  });

  it('gives up after the last attempt with the last failure', async () => {
    const last = httpError(429);
    const send = flaky([httpError(429), httpError(429), last]);
    await expect(sendWithRetries(send.send, { sleep: send.sleep, attempts: 3 })).rejects.toBe(last);
    expect(send.calls()).toBe(3);
  });

  it('does not retry what another try cannot fix', async () => {
    for (const failure of [httpError(400), httpError(403), httpError(404), new Error('bug')]) {
      const send = flaky([failure]);
      await expect(sendWithRetries(send.send, { sleep: send.sleep })).rejects.toBe(failure);
      expect(send.calls()).toBe(1);
      expect(isRetryable(failure)).toBe(false);
    }
  });

  it('posts a new message again only when it surely did not go in', async () => {
    const send = flaky([httpError(429), httpError(412), networkError('ECONNREFUSED')]);
    await expect(sendWithRetries(send.send, { sleep: send.sleep, postsNew: true })).resolves.toBe(
      'sent',
    );
    expect(send.calls()).toBe(4);
    // A timed-out hop may have delivered it: a second post would show it twice.
    for (const failure of [
      httpError(502),
      httpError(504),
      networkError('ECONNRESET'),
      networkError('ETIMEDOUT'),
    ]) {
      const post = flaky([failure]);
      await expect(sendWithRetries(post.send, { sleep: post.sleep, postsNew: true })).rejects.toBe(
        failure,
      );
      expect(post.calls()).toBe(1);
      expect(isRetryable(failure, true)).toBe(false);
      // An update in place is the same whatever came of the first try: it is tried again.
      expect(isRetryable(failure)).toBe(true);
    }
  });
});
