/** How a send is retried; tests pass a sleep that does not wait and a fixed random. */
export interface RetryOptions {
  /** Waits `ms`, or less once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * The process is stopping: a wait ends at once and the send is not tried again (what it was
   * to say stays untold, and the next start's job tells it).
   */
  signal?: AbortSignal;
  /** In [0, 1); `Math.random` unless given. */
  random?: () => number;
  /** Tries in all, the first included (default 5). */
  attempts?: number;
  /** The first wait before jitter (default 500 ms); it doubles on every retry. */
  baseDelayMs?: number;
  /** No wait is longer, whatever `Retry-After` asks (default 30 s). */
  maxDelayMs?: number;
  /**
   * The send posts a new message: tried again only when it surely was not delivered (throttled,
   * a stale precondition, the connection refused). A gateway timeout (502, 504) or a dropped
   * connection may come after the message went in, and a second post would show it twice.
   * Updates of a message in place are idempotent and retried on all of them (the default).
   */
  postsNew?: boolean;
  /** Told before each wait, e.g. to log that Teams is throttling. */
  onRetry?: (retry: { attempt: number; waitMs: number; status?: number }) => void;
}

// What the Bot Connector answers when it is busy or a hop timed out: worth another try.
const RETRYABLE_STATUSES = new Set([412, 429, 502, 504]);
// Of those, the answers that say the message was not taken: safe to post again.
const NOT_DELIVERED_STATUSES = new Set([412, 429]);
// Refused before anything was sent: safe to post again.
const NOT_SENT_CODES = new Set(['ECONNREFUSED']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
]);

interface HttpishError {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  response?: { status?: unknown; headers?: { get?: (name: string) => string | null | undefined } };
}

/** The HTTP status a failed send carries, as botbuilder's REST client reports it. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { statusCode, status, response } = error as HttpishError;
  const found = [statusCode, status, response?.status].find((value) => typeof value === 'number');
  return found;
}

/**
 * Whether sending again may work: throttled, a gateway hiccup, or the network; for a new post
 * (`postsNew`) only when the failure says it was not delivered, so it is never shown twice.
 */
export function isRetryable(error: unknown, postsNew = false): boolean {
  const status = statusOf(error);
  if (status !== undefined) {
    return (postsNew ? NOT_DELIVERED_STATUSES : RETRYABLE_STATUSES).has(status);
  }
  const code = (error as HttpishError | null)?.code;
  return typeof code === 'string' && (postsNew ? NOT_SENT_CODES : NETWORK_CODES).has(code);
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), when the answer carries it. */
function retryAfterMs(error: unknown): number {
  const value = (error as HttpishError | null)?.response?.headers?.get?.('retry-after');
  if (typeof value !== 'string' || value.trim() === '') {
    return 0;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

/**
 * Runs `send`, and again after a retryable failure: waits grow exponentially from the base,
 * each with jitter (half fixed, half random, so many senders do not come back in step), at least
 * what `Retry-After` asks, never more than the cap. Other failures, and the last one, are thrown.
 */
export async function sendWithRetries<T>(
  send: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error, options.postsNew) || options.signal?.aborted) {
        throw error;
      }
      const backoff = Math.min(cap, base * 2 ** (attempt - 1));
      const jittered = backoff / 2 + (backoff / 2) * random();
      const waitMs = Math.min(cap, Math.max(jittered, retryAfterMs(error)));
      const status = statusOf(error);
      options.onRetry?.({ attempt, waitMs, ...(status !== undefined ? { status } : {}) });
      await options.sleep(waitMs, options.signal);
      if (options.signal?.aborted) {
        throw error;
      }
    }
  }
}
