import type { Result } from '../../domain/errors.ts';
import { isAllowedDownloadUrl, type UploadTargets } from './upload-targets.ts';

/** Why a sent file could not be read, in the sender's words. */
export interface DownloadFailure {
  code: 'FILE_HOST_NOT_ALLOWED' | 'FILE_TOO_LARGE' | 'FILE_DOWNLOAD_FAILED';
  message: string;
}

/** Reads files people send the bot; the one way `bot/` fetches one. */
export interface FileDownloads {
  /** The file's text (UTF-8, a byte order mark dropped), or why it could not be read. */
  readText(
    downloadUrl: string,
    options?: { maxBytes?: number },
  ): Promise<Result<string, DownloadFailure>>;
}

export interface HttpFileDownloadsOptions {
  /** Where a file may come from: OneDrive in production, also loopback in the demo and tests. */
  hosts: UploadTargets;
  /** Larger files are refused before or while they are read (default 1 MB). */
  maxBytes?: number;
  /** The whole download, redirects included (default 10 s: a turn has 15). */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

const failure = (code: DownloadFailure['code'], message: string) =>
  ({ ok: false, failure: { code, message } }) as const;

const notAllowed = () =>
  failure(
    'FILE_HOST_NOT_ALLOWED',
    'I can only read files that Teams keeps in OneDrive. Send the file again from Teams.',
  );

const tooLarge = (maxBytes: number) =>
  failure(
    'FILE_TOO_LARGE',
    `That file is over ${Math.round(maxBytes / 1024)} KB, more than I read in one go: send the CSV alone, or split it.`,
  );

const failed = (why: string) =>
  failure('FILE_DOWNLOAD_FAILED', `I could not download the file (${why}). Send it again.`);

/** Reads the body up to `maxBytes`; undefined once it goes past (the rest is not read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the body: nothing more is read from the connection.
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * `FileDownloads` over HTTP: only from `hosts` (each redirect checked again), within a size cap
 * and a timeout, so a message cannot make the bot fetch from anywhere, or wait or hold memory
 * without end. What went wrong is logged by the caller, never the URL (it is a credential).
 */
export function httpFileDownloads(options: HttpFileDownloadsOptions): FileDownloads {
  const defaultMaxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetchImpl ?? fetch;
  return {
    async readText(downloadUrl, read = {}) {
      const maxBytes = read.maxBytes ?? defaultMaxBytes;
      const signal = AbortSignal.timeout(timeoutMs);
      let url = downloadUrl;
      try {
        for (let redirects = 0; ; redirects += 1) {
          if (!isAllowedDownloadUrl(url, options.hosts)) {
            return notAllowed();
          }
          const response = await fetchImpl(url, { redirect: 'manual', signal });
          const location = response.headers.get('location');
          if (response.status >= 300 && response.status < 400 && location !== null) {
            await response.body?.cancel();
            if (redirects >= MAX_REDIRECTS) {
              return failed('too many redirects');
            }
            url = new URL(location, url).toString();
            continue;
          }
          if (!response.ok) {
            await response.body?.cancel();
            return failed(`HTTP ${response.status}`);
          }
          if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
            await response.body?.cancel();
            return tooLarge(maxBytes);
          }
          const bytes = await readCapped(response, maxBytes);
          return bytes === undefined
            ? tooLarge(maxBytes)
            : { ok: true, value: new TextDecoder('utf-8').decode(bytes) };
        }
      } catch {
        return failed(signal.aborted ? 'it took too long' : 'it could not be reached');
      }
    },
  };
}
