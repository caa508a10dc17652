import type { IncomingMessage } from 'node:http';
import { ApiProblem } from './problem.ts';

/** The largest JSON body a route takes: a license request is a few hundred bytes. */
export const API_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Reads a JSON body of at most `maxBytes`: another media type is a 415, more bytes a 413 (the
 * rest is not read), text that is not JSON a 400.
 */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported media type',
      'Send the body as application/json.',
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () =>
    new ApiProblem(
      413,
      'BODY_TOO_LARGE',
      'Content too large',
      `A body may have at most ${maxBytes} bytes.`,
    );
  if (declared > maxBytes) {
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
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ApiProblem(400, 'MALFORMED_JSON', 'Bad request', 'The body is not valid JSON.');
  }
}
