import type { IncomingMessage } from 'node:http';

/** Why a request body was not taken, with the HTTP status and a message for the caller. */
export interface BodyRefusal {
  ok: false;
  status: 400 | 408 | 413 | 415;
  code: string;
  message: string;
}

export type BodyOutcome = { ok: true; body: unknown } | BodyRefusal;

export interface JsonBodyLimits {
  maxBytes: number;
  /** How long the whole body may take to arrive: a body that never ends is cut off. */
  timeoutMs: number;
}

/** `application/json`, with or without parameters (`; charset=utf-8`); nothing else. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) {
    return false;
  }
  const mediaType = header.split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

const refusal = (status: BodyRefusal['status'], code: string, message: string): BodyRefusal => ({
  ok: false,
  status,
  code,
  message,
});

/**
 * Reads a JSON body into memory, bounded in size and time, and parses it. Anything but
 * `application/json` is refused before a byte is read, so no body of any other kind is buffered,
 * parsed or written anywhere (restify's body parser would spool multipart uploads to disk).
 */
export async function readJsonBody(
  req: IncomingMessage,
  limits: JsonBodyLimits,
): Promise<BodyOutcome> {
  if (!isJsonContentType(req.headers['content-type'])) {
    return refusal(415, 'UnsupportedMediaType', 'Send the activity as application/json.');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    return refusal(413, 'PayloadTooLarge', `The body is over ${limits.maxBytes} bytes.`);
  }
  const text = await new Promise<string | BodyRefusal>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: string | BodyRefusal): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish(refusal(408, 'RequestTimeout', 'The body did not arrive in time.')),
      limits.timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        finish(refusal(413, 'PayloadTooLarge', `The body is over ${limits.maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks).toString('utf8'));
    const onError = (): void => finish(refusal(400, 'BadRequest', 'The body could not be read.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  if (typeof text !== 'string') {
    return text;
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return refusal(400, 'BadRequest', 'The body is not valid JSON.');
  }
}
