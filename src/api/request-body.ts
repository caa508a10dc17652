import type { IncomingMessage } from 'node:http';
import { ApiProblem } from './problem.ts';

/** The largest JSON body a route takes: a license request is a few hundred bytes. */
export const API_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The largest CSV body: as large as a selection file sent in chat, 100,000 rows of an address,
 * a license and plans to leave off. A JSON body names at most 1,000 users; a CSV is how more
 * are named, so it gets the chat's limit rather than JSON's.
 */
export const API_CSV_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** A body as read: JSON parsed, or a CSV's text. */
export type RequestBody = { kind: 'json'; value: unknown } | { kind: 'csv'; text: string };

/** What a route's body may be, and how large. */
export interface BodyLimits {
  jsonBytes: number;
  /** Set only on the routes that take `text/csv`. */
  csvBytes?: number;
}

const mediaType = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const charsetOf = (req: IncomingMessage): string | undefined =>
  /;\s*charset="?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();

async function readBytes(req: IncomingMessage, maxBytes: number, what: string): Promise<Buffer> {
  const tooLarge = () =>
    new ApiProblem(
      413,
      'BODY_TOO_LARGE',
      'Content too large',
      `A ${what} body may have at most ${maxBytes} bytes.`,
    );
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a body: `application/json` of at most `jsonBytes`, or `text/csv` (UTF-8) of at most
 * `csvBytes` where the route takes one. Another media type is a 415, more bytes a 413 (the rest
 * is not read), text that is not JSON or not UTF-8 a 400.
 */
export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<RequestBody> {
  const type = mediaType(req);
  if (type === 'text/csv' && limits.csvBytes !== undefined) {
    const charset = charsetOf(req);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw new ApiProblem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported media type',
        'Send the CSV as UTF-8 (text/csv; charset=utf-8).',
      );
    }
    const bytes = await readBytes(req, limits.csvBytes, 'CSV');
    try {
      return { kind: 'csv', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      throw new ApiProblem(400, 'MALFORMED_CSV', 'Bad request', 'The CSV body is not UTF-8.');
    }
  }
  if (type !== 'application/json') {
    throw new ApiProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported media type',
      limits.csvBytes === undefined
        ? 'Send the body as application/json.'
        : 'Send the body as application/json, or the users as text/csv.',
    );
  }
  const bytes = await readBytes(req, limits.jsonBytes, 'JSON');
  try {
    return { kind: 'json', value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    throw new ApiProblem(400, 'MALFORMED_JSON', 'Bad request', 'The body is not valid JSON.');
  }
}
