import type { LicensingFailure } from '../../domain/errors.ts';
import { graphErrorDetails } from '../graph-error-body.ts';
import { mapGraphError, mapNoResponse } from '../graph-error-mapper.ts';
import type { WriteRequest } from '../license-write-request.ts';
import type { BatchAnswer, BatchItemResponse } from './batch-transport.ts';

/** What became of one write of a batch. */
export type ItemVerdict<T> =
  | { kind: 'done'; item: T; requestId?: string }
  /** A business error (4xx): final, never retried. */
  | { kind: 'failed'; item: T; failure: LicensingFailure }
  /** 5xx, a missing answer or a lost connection: worth a bounded number of retries. */
  | { kind: 'transient'; item: T; failure: LicensingFailure }
  /** 429: send again once Retry-After has passed. */
  | { kind: 'throttled'; item: T; failure: LicensingFailure };

/** A whole batch judged: each write's verdict and what the answer says about the budget. */
export interface BatchVerdict<T> {
  items: ItemVerdict<T>[];
  /** The longest Retry-After of the throttled answers, in seconds. */
  retryAfterSeconds?: number;
  /** Writes Graph charged to the budget (answered, other than 429 or 5xx). */
  accepted: number;
  /** The highest `x-ms-throttle-limit-percentage` seen (0 when none). */
  limitShare: number;
}

/** A header of an inner batch response, whatever its case. */
function headerOf(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function limitShareOf(headers: Record<string, string>): number {
  const value = headerOf(headers, 'x-ms-throttle-limit-percentage');
  const share = Number(value);
  return value !== undefined && Number.isFinite(share) ? share : 0;
}

/**
 * Sorts the answer to one `$batch` into per-write verdicts. Pure: the batch writer decides what
 * to do with them (stream, retry, pause).
 */
export function judgeBatch<T extends { request: WriteRequest }>(
  batch: readonly T[],
  answer: BatchAnswer,
  now: number,
): BatchVerdict<T> {
  if (answer.kind === 'noResponse') {
    const failure = mapNoResponse(answer.timedOut);
    return {
      items: batch.map((item) => ({ kind: 'transient', item, failure })),
      accepted: 0,
      limitShare: 0,
    };
  }
  if (answer.kind === 'rejected') {
    const details = graphErrorDetails(answer.status, answer.headers, answer.body, now);
    const kind =
      answer.status === 429 ? 'throttled' : answer.status >= 500 ? 'transient' : 'failed';
    return {
      items: batch.map((item) => ({
        kind,
        item,
        failure: mapGraphError(details, item.request.subject),
      })),
      ...(details.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: details.retryAfterSeconds }),
      accepted: 0,
      limitShare: 0,
    };
  }
  const verdict: BatchVerdict<T> = { items: [], accepted: 0, limitShare: 0 };
  batch.forEach((item, index) => {
    const response: BatchItemResponse | undefined = answer.responses.get(String(index + 1));
    if (response === undefined) {
      verdict.items.push({ kind: 'transient', item, failure: mapNoResponse(false) });
      return;
    }
    const details = graphErrorDetails(response.status, response.headers, response.body, now);
    details.requestId ??= answer.requestId;
    const failure = (): LicensingFailure => mapGraphError(details, item.request.subject);
    if (response.status === 429) {
      verdict.items.push({ kind: 'throttled', item, failure: failure() });
      if (details.retryAfterSeconds !== undefined) {
        verdict.retryAfterSeconds = Math.max(
          verdict.retryAfterSeconds ?? 0,
          details.retryAfterSeconds,
        );
      }
      return;
    }
    if (response.status >= 500) {
      verdict.items.push({ kind: 'transient', item, failure: failure() });
      return;
    }
    verdict.accepted += 1;
    verdict.limitShare = Math.max(verdict.limitShare, limitShareOf(response.headers));
    if (response.status >= 200 && response.status < 300) {
      const requestId = headerOf(response.headers, 'request-id') ?? answer.requestId;
      verdict.items.push({ kind: 'done', item, ...(requestId === undefined ? {} : { requestId }) });
    } else {
      verdict.items.push({ kind: 'failed', item, failure: failure() });
    }
  });
  return verdict;
}
