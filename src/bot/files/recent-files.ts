import type { Clock } from '../../app/ports/clock.ts';

/** A file License Desk built to offer: its bytes and what the offer says of it. */
export interface BuiltFile {
  bytes: Buffer;
  lines: number;
  /** Older lines were left out (the export's limit). */
  cut: boolean;
}

/** How long a file offered waits for its Allow, and how many are kept at once. */
export interface RecentFilesOptions {
  keepMs?: number;
  maxFiles?: number;
}

const DEFAULT_KEEP_MS = 10 * 60_000;
// An export is at most about a megabyte: a handful kept costs a few megabytes at worst.
const DEFAULT_MAX_FILES = 8;

/**
 * Files just offered on a consent card, kept in this process for the Allow that usually follows
 * within minutes, so the file is built once (the card needs its size, the upload its bytes).
 * Each is taken once, and only with the key it was kept under (who asked and for what, as
 * checked at Allow): anything else, an Allow on another instance, or one after `keepMs`, builds
 * the file again.
 */
export class RecentFiles {
  readonly #clock: Clock;
  readonly #keepMs: number;
  readonly #maxFiles: number;
  readonly #files = new Map<string, { key: string; file: BuiltFile; until: number }>();

  constructor(clock: Clock, options: RecentFilesOptions = {}) {
    this.#clock = clock;
    this.#keepMs = options.keepMs ?? DEFAULT_KEEP_MS;
    this.#maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  }

  /** Keeps `file` under the offer's id, dropping expired ones and then the oldest. */
  keep(id: string, key: string, file: BuiltFile): void {
    const now = this.#clock.now().getTime();
    for (const [kept, entry] of this.#files) {
      if (entry.until <= now) {
        this.#files.delete(kept);
      }
    }
    while (this.#files.size >= this.#maxFiles) {
      const oldest = this.#files.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.#files.delete(oldest);
    }
    this.#files.set(id, { key, file, until: now + this.#keepMs });
  }

  /** The file kept under `id` for `key`, once; undefined when there is none (any more). */
  take(id: string, key: string): BuiltFile | undefined {
    const entry = this.#files.get(id);
    if (entry === undefined || entry.key !== key) {
      return undefined;
    }
    this.#files.delete(id);
    return entry.until > this.#clock.now().getTime() ? entry.file : undefined;
  }
}
