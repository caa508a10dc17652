import { ActivityHandler } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/ports/clock.ts';
import type { ExportAsked } from '../../src/app/ports/export-links.ts';
import type { ExportDownload } from '../../src/bot/commands/history-export.ts';
import { startBotPlatform, type BotPlatform } from '../../src/server/bot-platform.ts';
import {
  DOWNLOAD_LINK_TTL_MS,
  ExportDownloads,
  exportDownloadsFor,
} from '../../src/server/export-downloads.ts';
import { recordingLogger, type LogLine } from '../support/recording-logger.ts';

const ASKED: ExportAsked = {
  tenantId: 't1',
  userId: 'u1',
  filter: { adminId: 'u1' },
  described: 'asked by you',
  fileName: 'license-history-2026-11-23.csv',
};

/** A clock the test moves by hand. */
function handClock(): Clock & { advance(ms: number): void } {
  let now = Date.UTC(2026, 10, 23, 12);
  return {
    now: () => new Date(now),
    sleep: () => Promise.resolve(),
    advance: (ms) => {
      now += ms;
    },
  };
}

function downloads(build: (asked: ExportAsked) => Promise<ExportDownload>, logs: LogLine[] = []) {
  const clock = handClock();
  const links = new ExportDownloads({ clock, logger: recordingLogger(logs), build });
  links.serveAt('http://127.0.0.1:3978/');
  return { clock, links };
}

const tokenOf = (url: string): string => url.split('/exports/')[1]!;
const csv = (): Promise<ExportDownload> =>
  Promise.resolve({ ok: true, fileName: ASKED.fileName, bytes: Buffer.from('\uFEFFa,b\r\n') });

describe('export download links', () => {
  it('are random, on the bot server, and last ten minutes', async () => {
    const { links } = downloads(csv);
    const first = await links.linkFor(ASKED);
    const second = await links.linkFor(ASKED);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:3978\/exports\/[A-Za-z0-9_-]{43}$/);
    expect(second.url).not.toBe(first.url);
    expect(first.expiresAt.toISOString()).toBe('2026-11-23T12:10:00.000Z');
  });

  it('build the file for the person who asked, once', async () => {
    const built: ExportAsked[] = [];
    const { links } = downloads((asked) => {
      built.push(asked);
      return csv();
    });
    const token = tokenOf((await links.linkFor(ASKED)).url);
    expect(await links.download(token)).toMatchObject({ status: 200, fileName: ASKED.fileName });
    expect(built).toEqual([ASKED]);
    expect(await links.download(token)).toMatchObject({ status: 404 });
    expect(built).toHaveLength(1);
  });

  it('expire after ten minutes', async () => {
    const { clock, links } = downloads(csv);
    const early = tokenOf((await links.linkFor(ASKED)).url);
    const late = tokenOf((await links.linkFor(ASKED)).url);
    clock.advance(DOWNLOAD_LINK_TTL_MS - 1);
    expect((await links.download(early)).status).toBe(200);
    clock.advance(1);
    expect(await links.download(late)).toMatchObject({
      status: 404,
      text: expect.stringContaining('unknown, used or expired') as unknown,
    });
  });

  it('say why when the person may no longer export, or there is nothing', async () => {
    const { links } = downloads((asked) =>
      Promise.resolve(
        asked.userId === 'gone'
          ? { ok: false, reason: 'refused', message: "I can't find your account." }
          : { ok: false, reason: 'nothing', message: 'Nothing on record: no file to export.' },
      ),
    );
    const gone = tokenOf((await links.linkFor({ ...ASKED, userId: 'gone' })).url);
    const empty = tokenOf((await links.linkFor(ASKED)).url);
    expect(await links.download(gone)).toEqual({
      status: 403,
      text: "I can't find your account.",
    });
    expect(await links.download(empty)).toEqual({
      status: 404,
      text: 'Nothing on record: no file to export.',
    });
  });

  it('answer a failure with one line, and log it without showing it', async () => {
    const logs: LogLine[] = [];
    const { links } = downloads(
      () => Promise.reject(new Error('secret internal detail at /srv/app.ts:42')),
      logs,
    );
    const answer = await links.download(tokenOf((await links.linkFor(ASKED)).url));
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer)).not.toContain('secret');
    expect(logs.some((line) => line.message === 'history export download failed')).toBe(true);
  });

  it('keep at most a thousand open links, dropping the oldest', async () => {
    const { links } = downloads(csv);
    const oldest = tokenOf((await links.linkFor(ASKED)).url);
    for (let i = 0; i < 1_000; i += 1) {
      await links.linkFor(ASKED);
    }
    expect((await links.download(oldest)).status).toBe(404);
  });

  it('are not made before the server listens', async () => {
    const links = new ExportDownloads({
      clock: handClock(),
      logger: recordingLogger(),
      build: csv,
    });
    await expect(links.linkFor(ASKED)).rejects.toThrow(/before the server listens/);
  });

  it('exist in the embedded mode only', () => {
    const options = { clock: handClock(), logger: recordingLogger(), build: csv };
    expect(exportDownloadsFor('embedded', options)).toBeInstanceOf(ExportDownloads);
    expect(exportDownloadsFor('production', options)).toBeUndefined();
  });
});

describe('GET /exports/:token', () => {
  let platform: BotPlatform | undefined;

  afterEach(async () => {
    await platform?.server.close();
    platform = undefined;
  });

  async function start(links?: ExportDownloads): Promise<string> {
    platform = await startBotPlatform({
      bot: new ActivityHandler(),
      auth: { kind: 'anonymous' },
      logger: recordingLogger(),
      port: 0,
      ...(links ? { exportDownload: (token: string) => links.download(token) } : {}),
    });
    links?.serveAt(platform.server.url);
    return platform.server.url;
  }

  it('serves the CSV as an attachment, not cached', async () => {
    const { links } = downloads(csv);
    await start(links);
    const response = await fetch((await links.linkFor(ASKED)).url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="license-history-2026-11-23.csv"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe('\uFEFFa,b\r\n');
  });

  it('does not exist without download links (production): the server’s usual 404', async () => {
    const url = await start();
    const response = await fetch(`${url}/exports/anything`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ code: 'ResourceNotFound' });
  });
});
