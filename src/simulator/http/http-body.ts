import type { IncomingMessage } from 'node:http';

/** Request bodies above this are refused: Graph's own limit for JSON batches is 4 MB. */
export const maxBodyBytes = 4 * 1024 * 1024;

/** Reads the whole body; undefined when it is larger than `maxBodyBytes`. */
export async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) {
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** JSON body, `undefined` when empty, or `invalid` when it is not JSON. */
export function parseJsonBody(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    return { ok: true, value: undefined };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
