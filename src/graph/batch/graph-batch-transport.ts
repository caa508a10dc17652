import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { callGraph } from '../graph-call.ts';
import { requestIdOf } from '../graph-error-body.ts';
import type {
  BatchAnswer,
  BatchItemResponse,
  BatchStep,
  BatchTransport,
} from './batch-transport.ts';

const batchBody = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/**
 * `POST /$batch` through the SDK client, with the SDK's retry handler turned off: the batch
 * writer owns retries (inner 429s, which the SDK never retries, and outer ones alike) on a clock
 * tests can replace.
 */
export function graphBatchTransport(
  client: Client,
  options?: { timeoutMs?: number },
): BatchTransport {
  return async (steps: readonly BatchStep[]): Promise<BatchAnswer> => {
    const result = await callGraph(client, {
      method: 'POST',
      path: '/$batch',
      body: { requests: steps },
      sdkRetries: false,
      ...(options?.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    if (result.kind === 'noResponse') {
      return { kind: 'noResponse', timedOut: result.timedOut };
    }
    const parsed = batchBody.safeParse(result.body);
    if (result.status !== 200 || !parsed.success) {
      return {
        kind: 'rejected',
        status: result.status,
        headers: result.headers,
        body: result.body,
      };
    }
    const responses = new Map<string, BatchItemResponse>(
      parsed.data.responses.map((item) => [
        item.id,
        { status: item.status, headers: item.headers ?? {}, body: item.body },
      ]),
    );
    const requestId = requestIdOf(result.headers);
    return { kind: 'answered', responses, ...(requestId === undefined ? {} : { requestId }) };
  };
}
