import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../app/ports/clock.ts';
import type { Logger } from '../app/ports/logger.ts';
import { uploadPage } from './upload-page.ts';

/** How long an upload link works: time to find the file, short enough not to linger. */
export const UPLOAD_LINK_TTL_MS = 15 * 60_000;
/** The largest file taken: a 100,000-row selection is well under it. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** How long the file may take to arrive once the POST has started. */
const UPLOAD_TIMEOUT_MS = 60_000;
/** Links not yet expired, at most: old ones are swept first. */
const MAX_OPEN_LINKS = 1_000;

/** The path of an upload link; `:token` is the capability. */
export const UPLOAD_PATH = '/uploads/:token';

/** Who a link was offered to: the file is taken as theirs. */
export interface UploadOwner {
  tenantId: string;
  userId: string;
}

/** A file sent through a link, for the callback to act on as if it had been sent in chat. */
export interface Upload {
  owner: UploadOwner;
  /** What the link was offered for, as given to `offer` (e.g. the command text). */
  purpose: string;
  text: string;
  fileName: string;
}

/** What the server answers on an upload link: a page, or one line of text with its status. */
export interface UploadAnswer {
  status: 200 | 400 | 404 | 408 | 410 | 413 | 415 | 503;
  contentType: 'text/html; charset=utf-8' | 'text/plain; charset=utf-8';
  body: string;
}

/** Offers one-time upload links (what a turn needs). */
export interface UploadOffers {
  offer(owner: UploadOwner, purpose: string): string;
}

/** What the HTTP server needs of the links: the page, and taking a file. */
export interface UploadRoutes {
  page(token: string): UploadAnswer;
  receive(token: string, req: IncomingMessage): Promise<UploadAnswer>;
}

export interface UploadLinksOptions {
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  /** Acts on a file sent through a link; its short answer is shown on the page. */
  onUpload: (upload: Upload) => Promise<string>;
  ttlMs?: number;
  maxBytes?: number;
  timeoutMs?: number;
}

interface OpenLink {
  owner: UploadOwner;
  purpose: string;
  expiresAt: number;
  used: boolean;
}

const text = (status: UploadAnswer['status'], body: string): UploadAnswer => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body,
});

const UNKNOWN = text(404, 'This upload link is unknown: ask License Desk for a new one.');
const USED = text(410, 'This upload link was already used: ask License Desk for a new one.');
const EXPIRED = text(410, 'This upload link has expired: ask License Desk for a new one.');

/**
 * One-time upload links for the embedded demo, where the Teams App Test Tool cannot send files:
 * each is a random 256-bit token that takes one file, for fifteen minutes. Used links are kept
 * until they expire, to say "used" rather than "unknown". The links live in this process's
 * memory (the embedded mode is one process); production never makes one.
 */
export class UploadLinks implements UploadOffers, UploadRoutes {
  readonly #open = new Map<string, OpenLink>();
  readonly #options: UploadLinksOptions;
  readonly #ttlMs: number;
  readonly #maxBytes: number;
  #baseUrl: string | undefined;

  constructor(options: UploadLinksOptions) {
    this.#options = options;
    this.#ttlMs = options.ttlMs ?? UPLOAD_LINK_TTL_MS;
    this.#maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  }

  /** The bot server's URL, known once it listens (before any turn can ask for a link). */
  serveAt(baseUrl: string): void {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** A new link for `owner`: `http://<bot host>/uploads/<token>`. */
  offer(owner: UploadOwner, purpose: string): string {
    if (this.#baseUrl === undefined) {
      throw new Error('upload links offered before the server listens');
    }
    const now = this.#now();
    this.#sweep(now);
    const token = randomBytes(32).toString('base64url');
    this.#open.set(token, { owner, purpose, expiresAt: now + this.#ttlMs, used: false });
    return `${this.#baseUrl}${UPLOAD_PATH.replace(':token', token)}`;
  }

  /** `GET`: the page with the file input, while the link is unused and unexpired. */
  page(token: string): UploadAnswer {
    const open = this.#usable(token);
    if ('status' in open) {
      return open;
    }
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: uploadPage(open.purpose, this.#maxBytes),
    };
  }

  /**
   * `POST`: takes the file's text, uses the link up and hands the file to `onUpload`. A refused
   * body (not `text/csv`, too big, too slow) leaves the link usable, so a smaller file can follow.
   */
  async receive(token: string, req: IncomingMessage): Promise<UploadAnswer> {
    const before = this.#usable(token);
    if ('status' in before) {
      return before;
    }
    const body = await readTextBody(req, {
      maxBytes: this.#maxBytes,
      timeoutMs: this.#options.timeoutMs ?? UPLOAD_TIMEOUT_MS,
    });
    if (typeof body !== 'string') {
      return body;
    }
    const open = this.#usable(token);
    if ('status' in open) {
      return open;
    }
    open.used = true;
    const fileName = fileNameOf(req.headers['x-file-name']);
    try {
      const answer = await this.#options.onUpload({
        owner: open.owner,
        purpose: open.purpose,
        text: body,
        fileName,
      });
      return text(200, answer);
    } catch (error) {
      this.#options.logger.error({ err: error }, 'upload could not be handed on');
      return text(503, 'I could not take the file just now: ask License Desk for a new link.');
    }
  }

  #now(): number {
    return this.#options.clock.now().getTime();
  }

  #usable(token: string): OpenLink | UploadAnswer {
    const open = this.#open.get(token);
    if (open === undefined) {
      return UNKNOWN;
    }
    if (open.used) {
      return USED;
    }
    return this.#now() >= open.expiresAt ? EXPIRED : open;
  }

  /** Drops expired links, then the oldest ones beyond the cap (a Map keeps insertion order). */
  #sweep(now: number): void {
    for (const [token, open] of this.#open) {
      if (now >= open.expiresAt || this.#open.size >= MAX_OPEN_LINKS) {
        this.#open.delete(token);
      }
    }
  }
}

/** The name the page sent (percent-encoded), or a plain one; never a path. */
function fileNameOf(header: string | string[] | undefined): string {
  const raw = typeof header === 'string' ? header : '';
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  const base = name.split(/[\\/]/).pop()!.trim().slice(0, 255);
  return base === '' ? 'upload.csv' : base;
}

const isCsv = (header: string | undefined): boolean =>
  header?.split(';')[0]!.trim().toLowerCase() === 'text/csv';

/** The body as UTF-8 text, bounded in size and time; only `text/csv` is read at all. */
async function readTextBody(
  req: IncomingMessage,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<string | UploadAnswer> {
  const tooBig = text(
    413,
    `That file is over ${Math.floor(limits.maxBytes / (1024 * 1024))} MB: send a smaller one (split the list if need be).`,
  );
  if (!isCsv(req.headers['content-type'])) {
    return text(415, 'Send the file as text/csv, from the upload page.');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    return tooBig;
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: string | UploadAnswer): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish(text(408, 'The file did not arrive in time: try again.')),
      limits.timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        finish(tooBig);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks).toString('utf8'));
    const onError = (): void => finish(text(400, 'The file could not be read: try again.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Writes an answer: never cached, the token never sent on as a referrer, the page allowed its
 * own inline script and a request to its own origin, nothing else. A body refused before it
 * was read closes the connection (the rest of it is never read).
 */
export function writeUploadAnswer(res: ServerResponse, answer: UploadAnswer): void {
  if ([408, 413, 415].includes(answer.status)) {
    res.setHeader('Connection', 'close');
  }
  res.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'",
  });
  res.end(answer.body);
}

/** Upload links only in the embedded mode; in production nothing, and no `/uploads` route. */
export function uploadLinksFor(
  mode: 'embedded' | 'production',
  options: UploadLinksOptions,
): UploadLinks | undefined {
  return mode === 'embedded' ? new UploadLinks(options) : undefined;
}
