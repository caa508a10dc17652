import type { PluginConfig, RequestContext, Response } from '@azure/cosmos';
import type { Telemetry } from '../app/ports/telemetry.ts';

/** The container a request path names: `/dbs/{db}/colls/{container}/docs/{id}` → `container`. */
function containerOf(path: string | undefined): string | undefined {
  const match = /\/colls\/([^/]+)/.exec(path ?? '');
  return match?.[1];
}

/** What a response or an error response (the SDK throws one for 4xx/5xx) says about itself. */
function answerOf(answer: unknown): { status?: number; headers: Record<string, unknown> } {
  const { code, headers } = (answer ?? {}) as { code?: unknown; headers?: unknown };
  return {
    ...(typeof code === 'number' ? { status: code } : {}),
    headers:
      typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {},
  };
}

const EXPECTED_FAILURES = new Set([404, 409, 412]);

function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * A `@azure/cosmos` plugin run on every network request (each retry too): a dependency span named
 * by operation and container, with the status and the RU charge. A 429's `x-ms-retry-after-ms`
 * (the SDK then waits that long) is an event and a throttling wait.
 */
export function cosmosTelemetryPlugin(telemetry: Telemetry): PluginConfig {
  return {
    on: 'request',
    plugin: async (context: RequestContext, _diagnostics, next) => {
      const container = containerOf(context.path);
      const operation = context.operationType ?? context.method;
      const outcome = await telemetry.span(
        `Cosmos ${operation} ${container ?? context.resourceType ?? ''}`.trim(),
        {
          'db.system.name': 'azure.cosmosdb',
          'db.operation.name': operation,
          'db.collection.name': container,
          'db.cosmosdb.resource_type': context.resourceType,
          'db.cosmosdb.retry_count': context.retryCount,
        },
        async (span): Promise<{ response: Response<unknown> } | { failure: Error }> => {
          const note = (answer: unknown): number | undefined => {
            const { status, headers } = answerOf(answer);
            span.set({
              'db.response.status_code': status,
              'db.cosmosdb.request_charge': numberOf(headers['x-ms-request-charge']),
            });
            const wait = status === 429 ? numberOf(headers['x-ms-retry-after-ms']) : undefined;
            if (wait !== undefined) {
              span.event('retry-after', { 'retry_after.ms': wait, status });
              telemetry.record('license_desk.throttling.wait_ms', wait, {
                service: 'cosmos',
                status,
              });
            }
            return status;
          };
          try {
            const response = await next(context);
            note(response);
            return { response };
          } catch (error) {
            if (!(error instanceof Error)) {
              throw error;
            }
            // Absent, already there, ETag moved on: answers the stores expect, not faults.
            if (!EXPECTED_FAILURES.has(note(error) ?? 0)) {
              span.fail(error);
            }
            return { failure: error };
          }
        },
        'dependency',
      );
      if ('failure' in outcome) {
        throw outcome.failure;
      }
      return outcome.response;
    },
  };
}
