import { randomBytes } from 'node:crypto';
import type { Clock } from '../app/ports/clock.ts';
import type { SentCsv } from '../app/selection/selected-users.ts';
import type { CsvUploads, UploadOwner } from '../bot/files/csv-uploads.ts';
import { UPLOAD_LINK_TTL_MS, type Upload, type UploadOffers } from './upload-links.ts';

interface Held {
  owner: UploadOwner;
  file: SentCsv;
  at: number;
}

const sameOwner = (a: UploadOwner, b: UploadOwner): boolean =>
  a.tenantId.toLowerCase() === b.tenantId.toLowerCase() && a.userId === b.userId;

/**
 * The demo's CSV uploads: the upload page's file is held under the card's token until the
 * person it was offered to presses "Use the uploaded file" (once), or for 15 minutes.
 */
export class DemoCsvUploads implements CsvUploads {
  readonly #held = new Map<string, Held>();
  readonly #clock: Clock;
  #links: UploadOffers | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The upload pages this hands out; set once they exist (they call `received` back). */
  useLinks(links: UploadOffers): void {
    this.#links = links;
  }

  offer(owner: UploadOwner): { url: string; token: string } {
    if (this.#links === undefined) {
      throw new Error('upload links are not served yet');
    }
    const token = randomBytes(18).toString('base64url');
    return { url: this.#links.offer(owner, token), token };
  }

  /** The upload page's callback: keeps the file for the button, and says what to do next. */
  received(upload: Upload): Promise<string> {
    this.#forgetOld();
    this.#held.set(upload.purpose, {
      owner: upload.owner,
      file: { name: upload.fileName, text: upload.text },
      at: this.#clock.now().getTime(),
    });
    const lines = upload.text.split(/\r?\n/).filter((line) => line.trim() !== '').length;
    return Promise.resolve(
      `Received "${upload.fileName}" (${lines.toLocaleString('en-US')} lines). Go back to the chat and press "Use the uploaded file".`,
    );
  }

  take(token: string, owner: UploadOwner): SentCsv | undefined {
    this.#forgetOld();
    const held = this.#held.get(token);
    if (held === undefined || !sameOwner(held.owner, owner)) {
      return undefined;
    }
    this.#held.delete(token);
    return held.file;
  }

  #forgetOld(): void {
    const oldest = this.#clock.now().getTime() - UPLOAD_LINK_TTL_MS;
    for (const [token, held] of this.#held) {
      if (held.at < oldest) {
        this.#held.delete(token);
      }
    }
  }
}
