import { z } from 'zod';

const graphErrorBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z.object({ 'request-id': z.string().optional() }).loose().optional(),
  }),
});

/** Graph's `{ error: { code, message, innerError } }`, read leniently from any answer. */
export interface GraphErrorDetails {
  status: number;
  code?: string;
  message?: string;
  requestId?: string;
  retryAfterSeconds?: number;
}

type HeaderSource = Headers | Record<string, string | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers === undefined) {
    return undefined;
  }
  if (headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted);
  return found?.[1];
}

/** `Retry-After` in seconds, from a number of seconds or an HTTP date. */
export function retryAfterSeconds(headers: HeaderSource, nowMs: number): number | undefined {
  const value = header(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** The request id Microsoft support asks for: header first, else the body's innerError. */
export function requestIdOf(headers: HeaderSource, body?: unknown): string | undefined {
  const fromHeader = header(headers, 'request-id') ?? header(headers, 'client-request-id');
  if (fromHeader !== undefined) {
    return fromHeader;
  }
  const parsed = graphErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.innerError?.['request-id'] : undefined;
}

/** Everything an error mapper needs from one Graph answer (a whole response or a batch item). */
export function graphErrorDetails(
  status: number,
  headers: HeaderSource,
  body: unknown,
  nowMs: number,
): GraphErrorDetails {
  const parsed = graphErrorBodySchema.safeParse(body);
  const details: GraphErrorDetails = { status };
  if (parsed.success) {
    if (parsed.data.error.code !== undefined) {
      details.code = parsed.data.error.code;
    }
    if (parsed.data.error.message !== undefined) {
      details.message = parsed.data.error.message;
    }
  }
  const requestId = requestIdOf(headers, body);
  if (requestId !== undefined) {
    details.requestId = requestId;
  }
  const retryAfter = retryAfterSeconds(headers, nowMs);
  if (retryAfter !== undefined) {
    details.retryAfterSeconds = retryAfter;
  }
  return details;
}
