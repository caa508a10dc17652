import { randomBytes } from 'node:crypto';
import type { Clock } from '../app/ports/clock.ts';
import type { ExportAsked, ExportLink, ExportLinks } from '../app/ports/export-links.ts';
import type { Logger } from '../app/ports/logger.ts';
import type { ExportDownload } from '../bot/commands/history-export.ts';

/** How long a download link works: long enough to click, short enough not to linger. */
export const DOWNLOAD_LINK_TTL_MS = 10 * 60_000;

/** Links not yet used, at most: each is a few hundred bytes, and old ones are swept first. */
const MAX_OPEN_LINKS = 1_000;

/** The path of a download link; `:token` is the capability. */
export const EXPORT_DOWNLOAD_PATH = '/exports/:token';

/** What `GET /exports/:token` answers: the file, or one line of text with its status. */
export type DownloadAnswer =
  { status: 200; fileName: string; bytes: Buffer } | { status: 403 | 404 | 503; text: string };

const UNKNOWN_LINK =
  'This download link is unknown, used or expired: ask License Desk for `history export` again.';

export interface ExportDownloadsOptions {
  clock: Clock;
  logger: Logger;
  /** Builds the file when the link is opened, for the person who asked, under their rights. */
  build: (asked: ExportAsked) => Promise<ExportDownload>;
  ttlMs?: number;
}

/**
 * History export download links for the embedded demo, where Teams' file consent cannot work.
 * Each link is a random 256-bit token that works once, for ten minutes; the file is built when
 * it is opened. The links live in this process's memory: the embedded mode is one process, and
 * a restart only costs asking again. Production never makes one (the consent flow is the way).
 */
export class ExportDownloads implements ExportLinks {
  readonly #open = new Map<string, { asked: ExportAsked; expiresAt: number }>();
  readonly #options: ExportDownloadsOptions;
  readonly #ttlMs: number;
  #baseUrl: string | undefined;

  constructor(options: ExportDownloadsOptions) {
    this.#options = options;
    this.#ttlMs = options.ttlMs ?? DOWNLOAD_LINK_TTL_MS;
  }

  /** The bot server's URL, known once it listens (before any turn can ask for a link). */
  serveAt(baseUrl: string): void {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
  }

  linkFor(asked: ExportAsked): Promise<ExportLink> {
    if (this.#baseUrl === undefined) {
      return Promise.reject(new Error('export download links asked for before the server listens'));
    }
    const now = this.#options.clock.now().getTime();
    this.#sweep(now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.#ttlMs;
    this.#open.set(token, { asked, expiresAt });
    return Promise.resolve({
      url: `${this.#baseUrl}${EXPORT_DOWNLOAD_PATH.replace(':token', token)}`,
      expiresAt: new Date(expiresAt),
    });
  }

  /** Opens a link: it is used up whatever happens next, and the file is built now. */
  async download(token: string): Promise<DownloadAnswer> {
    const open = this.#open.get(token);
    this.#open.delete(token);
    if (open === undefined || this.#options.clock.now().getTime() >= open.expiresAt) {
      return { status: 404, text: UNKNOWN_LINK };
    }
    try {
      const built = await this.#options.build(open.asked);
      if (built.ok) {
        return { status: 200, fileName: built.fileName, bytes: built.bytes };
      }
      return { status: built.reason === 'refused' ? 403 : 404, text: built.message };
    } catch (error) {
      this.#options.logger.error({ err: error }, 'history export download failed');
      return {
        status: 503,
        text: 'I could not build the file just now: ask License Desk for `history export` again in a moment.',
      };
    }
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

/**
 * Download links only in the embedded mode (anonymous, loopback, the Test Tool); in production
 * nothing, so `GET /exports/:token` does not exist and the consent flow is the only way.
 */
export function exportDownloadsFor(
  mode: 'embedded' | 'production',
  options: ExportDownloadsOptions,
): ExportDownloads | undefined {
  return mode === 'embedded' ? new ExportDownloads(options) : undefined;
}
