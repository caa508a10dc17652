import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Telemetry } from '../app/ports/telemetry.ts';
import { graphPathTemplate } from './graph-path-template.ts';

/** Statuses whose `Retry-After` is a wait Graph asked for (throttling, or busy). */
const WAIT_STATUSES = new Set([429, 503]);

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * A dependency span for every HTTP request the Graph SDK sends (each attempt: it sits after the
 * retry handler), named by method and path template, with the status and Graph's `request-id`
 * and `client-request-id`. A Retry-After on a 429 or 503 is an event and a throttling wait.
 */
export class GraphTelemetryMiddleware implements Middleware {
  readonly #telemetry: Telemetry;
  #next: Middleware | undefined;

  constructor(telemetry: Telemetry) {
    this.#telemetry = telemetry;
  }

  execute(context: Context): Promise<void> {
    const next = this.#next;
    if (next === undefined) {
      throw new Error('GraphTelemetryMiddleware must not be last in the chain');
    }
    const target = context as unknown as {
      request: string | Request;
      options?: RequestInit;
      response?: Response;
    };
    const url = typeof target.request === 'string' ? target.request : target.request.url;
    const method = (target.options?.method ?? 'GET').toUpperCase();
    const path = graphPathTemplate(url);
    const attributes = {
      'http.request.method': method,
      'url.template': path,
      'server.address': new URL(url).host,
      'peer.service': 'Microsoft Graph',
    };
    return this.#telemetry.span(
      `${method} ${path}`,
      attributes,
      async (span) => {
        await next.execute(context);
        const response = target.response;
        if (response === undefined) {
          return;
        }
        span.set({
          'http.response.status_code': response.status,
          'graph.request_id': response.headers.get('request-id') ?? undefined,
          'graph.client_request_id':
            response.headers.get('client-request-id') ??
            new Headers(target.options?.headers).get('client-request-id') ??
            undefined,
        });
        if (response.status >= 400) {
          span.fail();
        }
        const wait = WAIT_STATUSES.has(response.status) ? retryAfterMs(response) : undefined;
        if (wait !== undefined) {
          span.event('retry-after', { 'retry_after.ms': wait, status: response.status });
          this.#telemetry.record('license_desk.throttling.wait_ms', wait, {
            service: 'graph',
            status: response.status,
          });
        }
      },
      'dependency',
    );
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }
}
