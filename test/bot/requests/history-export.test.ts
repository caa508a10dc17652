import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { personalConversationId } from '../../support/activities.ts';
import { startTestStack, type TestStack, type TurnResult } from '../../support/stack.ts';
import { askExportInChannel, exportableHistory, historyLine } from '../support/history-lines.ts';
import { textOf } from '../support/replies.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const ADELE = '00000000-0000-0000-0000-0000000000022'; // neither
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers, never wrote to the bot
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

let stack: TestStack;

/** What OneDrive's upload URL received: one PUT per accepted file. */
interface Upload {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
const uploads: Upload[] = [];
let uploadServer: Server;
let uploadBase: string;
let uploadStatus = 201;
let uploadCount = 0;

interface ConsentAttachment {
  contentType: string;
  name: string;
  content: {
    description: string;
    sizeInBytes: number;
    acceptContext: Record<string, unknown>;
    declineContext: Record<string, unknown>;
  };
}

const attachmentsOf = (calls: TurnResult['calls']) =>
  calls.flatMap((call) => (call.activity.attachments ?? []) as Record<string, unknown>[]);

/** The one consent card among these calls. */
function consentIn(calls: TurnResult['calls']): ConsentAttachment {
  const found = attachmentsOf(calls).filter((a) => a.contentType === CONSENT);
  expect(found).toHaveLength(1);
  return found[0] as unknown as ConsentAttachment;
}

/** Allow or Decline on a consent card, as Teams posts it (with OneDrive's upload session). */
function answer(
  consent: ConsentAttachment,
  action: 'accept' | 'decline',
  as: string,
  context: unknown = action === 'accept'
    ? consent.content.acceptContext
    : consent.content.declineContext,
  uploadUrl?: string,
) {
  uploadCount += 1;
  return stack.invoke(
    'fileConsent/invoke',
    {
      type: 'fileUpload',
      action,
      context,
      ...(action === 'accept'
        ? {
            uploadInfo: {
              contentUrl: `https://contoso-my.sharepoint.com/personal/me/Documents/Applications/${consent.name}`,
              name: consent.name,
              uploadUrl: uploadUrl ?? `${uploadBase}/upload/${uploadCount}`,
              fileType: 'csv',
              uniqueId: `unique-${uploadCount}`,
            },
          }
        : {}),
    },
    as,
  );
}

/**
 * The file of an export asked for in a personal chat: its consent card, then Allow, then the bytes
 * as OneDrive received them (BOM, whole range) and the file card the bot showed.
 */
async function fileOf(turn: TurnResult, as = MEGAN) {
  const consent = consentIn(turn.replies);
  const before = uploads.length;
  const accepted = await answer(consent, 'accept', as);
  expect(accepted.status).toBe(200);
  expect(uploads).toHaveLength(before + 1);
  const upload = uploads.at(-1)!;
  const size = upload.body.byteLength;
  expect(upload.path).toBe(`/upload/${uploadCount}`);
  expect(upload.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
  expect(upload.headers['content-length']).toBe(String(size));
  expect(size).toBe(consent.content.sizeInBytes);
  expect([...upload.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const info = attachmentsOf(accepted.replies).filter((a) => a.contentType === FILE_INFO);
  expect(info).toEqual([
    {
      contentType: FILE_INFO,
      name: consent.name,
      contentUrl: `https://contoso-my.sharepoint.com/personal/me/Documents/Applications/${consent.name}`,
      content: { uniqueId: `unique-${uploadCount}`, fileType: 'csv' },
    },
  ]);
  const csv = upload.body.toString('utf8').replace(/^\uFEFF/, '');
  return { name: consent.name, consent, text: textOf(accepted), rows: csv.trimEnd().split('\r\n') };
}

const event = (i: number, overrides: Partial<HistoryEvent> = {}) =>
  historyLine(stack.tenantId, 'export-op', 2, i, overrides);

beforeAll(async () => {
  uploadServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'PUT') {
        uploads.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      }
      res.statusCode = uploadStatus;
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => uploadServer.listen(0, '127.0.0.1', resolve));
  uploadBase = `http://127.0.0.1:${(uploadServer.address() as AddressInfo).port}`;
  stack = await startTestStack();
  await stack.desk.store.history.append(exportableHistory(event, 'other-op'));
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => uploadServer?.close(resolve));
});

describe('history export', () => {
  it('offers the filtered history as a file, then puts the CSV in OneDrive and shows it', async () => {
    const turn = await stack.personalMessage(
      'history export for adelev@contoso.onmicrosoft.com',
      MEGAN,
    );
    expect(textOf(turn)).toContain('License history (for Adele Vance): 2 line(s).');
    const file = await fileOf(turn);
    expect(file.name).toMatch(/^license-history-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.consent.content.description).toBe('License history (for Adele Vance): 2 line(s).');
    // The card carries who asked and the filter, never the lines.
    expect(JSON.stringify(file.consent.content.acceptContext)).not.toContain('adelev@');
    expect(file.text).toContain('License history (for Adele Vance): 2 line(s).');
    expect(file.rows[0]).toBe(
      'Time,User,Change,License,Disabled plans,Result,Requested by,Approved by,Operation,Reason,Graph request id',
    );
    expect(file.rows).toHaveLength(3);
    expect(file.rows[1]).toContain(
      '2026-01-02T00:02:00.000Z,adelev@contoso.onmicrosoft.com,refused',
    );
    expect(file.rows[2]).toContain(',Microsoft 365 E5,');
    expect(file.rows.join('\n')).not.toContain('meganb@');
  });

  it('builds the file once: the Allow right after the offer reads no history again', async () => {
    const history = stack.desk.store.history;
    const query = history.query.bind(history);
    let reads = 0;
    history.query = (...args) => {
      reads += 1;
      return query(...args);
    };
    try {
      const turn = await stack.personalMessage('history export', MEGAN);
      expect(reads).toBeGreaterThan(0);
      const consent = consentIn(turn.replies);
      reads = 0;
      const before = uploads.length;
      const allowed = await answer(consent, 'accept', MEGAN);
      expect(textOf(allowed)).toContain('line(s)');
      expect(reads).toBe(0);
      expect(uploads).toHaveLength(before + 1);
      expect(uploads.at(-1)!.body.byteLength).toBe(consent.content.sizeInBytes);
      // Taken once: a second Allow on the same card reads the lines again.
      await answer(consent, 'accept', MEGAN);
      expect(reads).toBeGreaterThan(0);
      expect(uploads.at(-1)!.body.equals(uploads.at(-2)!.body)).toBe(true);
    } finally {
      history.query = query;
    }
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const file = await fileOf(
      await stack.personalMessage('history export for adelev@contoso.onmicrosoft.com', MEGAN),
    );
    const refused = file.rows[1]!;
    expect(refused).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(refused).toContain(`"'@Alex, the ""manager"""`);
    expect(refused).not.toMatch(/,=|,@/);
  });

  it('gives a requester only the lines of requests they made', async () => {
    const mine = await stack.personalMessage('history export', ADELE);
    expect(textOf(mine)).toContain('Nothing on record (asked by you)');
    expect(attachmentsOf(mine.replies)).toHaveLength(0);
  });

  it('reads the same filters as the card, and says what was wrong with one', async () => {
    const wrong = await stack.personalMessage('history export since someday', MEGAN);
    expect(textOf(wrong)).toContain('"someday" is not a date I can read');
    const since = await fileOf(
      await stack.personalMessage('history export sku Microsoft 365 E5 since 2026-01-02', MEGAN),
    );
    expect(since.rows.slice(1).every((row) => row.startsWith('2026-01-02'))).toBe(true);
  });

  it('sends nothing when the file is declined, and says so briefly', async () => {
    const consent = consentIn((await stack.personalMessage('history export', MEGAN)).replies);
    const before = uploads.length;
    const declined = await answer(consent, 'decline', MEGAN);
    expect(declined.status).toBe(200);
    expect(textOf(declined)).toContain('No file, as you chose.');
    expect(uploads).toHaveLength(before);
  });

  it('refuses an Allow from someone other than who asked', async () => {
    const consent = consentIn((await stack.personalMessage('history export', MEGAN)).replies);
    const before = uploads.length;
    const other = await answer(consent, 'accept', PATTI);
    expect(other.status).toBe(200);
    expect(textOf(other)).toContain('That export was asked for by someone else');
    expect(attachmentsOf(other.replies)).toHaveLength(0);
    expect(uploads).toHaveLength(before);
  });

  it('holds a requester to their own lines at Allow, whatever the context says', async () => {
    const consent = consentIn((await stack.personalMessage('history export', MEGAN)).replies);
    const forged = { ...consent.content.acceptContext, askedBy: ADELE };
    const before = uploads.length;
    const turn = await answer(consent, 'accept', ADELE, forged);
    expect(textOf(turn)).toContain('Nothing on record');
    expect(uploads).toHaveLength(before);
  });

  it('refuses an upload URL outside OneDrive: nothing is read or sent', async () => {
    const consent = consentIn((await stack.personalMessage('history export', MEGAN)).replies);
    const before = uploads.length;
    for (const forged of [
      'https://contoso-my.sharepoint.com.attacker.example/upload',
      'http://169.254.169.254/latest/meta-data',
      `${uploadBase.replace('http:', 'https:')}/upload/forged`,
      'https://user:secret@contoso-my.sharepoint.com/upload',
    ]) {
      const turn = await answer(consent, 'accept', MEGAN, consent.content.acceptContext, forged);
      expect(turn.status).toBe(200);
      expect(textOf(turn)).toContain('I could not read that answer to a file');
      expect(attachmentsOf(turn.replies)).toHaveLength(0);
    }
    expect(uploads).toHaveLength(before);
  });

  it('says so when OneDrive refuses the upload', async () => {
    const consent = consentIn((await stack.personalMessage('history export', MEGAN)).replies);
    uploadStatus = 500;
    try {
      const failed = await answer(consent, 'accept', MEGAN);
      expect(failed.status).toBe(200);
      expect(textOf(failed)).toContain('I could not put the file in your OneDrive');
      expect(attachmentsOf(failed.replies).filter((a) => a.contentType === FILE_INFO)).toEqual([]);
    } finally {
      uploadStatus = 201;
    }
  });

  it('in a channel, sends the offer to the personal chat, or says to open one', async () => {
    const channel = {
      id: '19:licensing@thread.tacv2',
      conversationType: 'channel',
      tenantId: stack.tenantId,
      isGroup: true,
      name: 'Licensing',
    };
    const ask = (as: string) =>
      askExportInChannel(stack, { ...channel, id: `${channel.id};messageid=42` }, as);
    const megan = await ask(MEGAN);
    expect(textOf(megan)).toContain('the export is waiting for you in ours');
    expect(attachmentsOf(megan.replies)).toHaveLength(0);
    const offered = megan.calls.filter(
      (call) => call.conversationId === personalConversationId(MEGAN),
    );
    expect((await fileOf({ ...megan, replies: offered })).rows.length).toBeGreaterThan(1);
    const patti = await ask(PATTI);
    expect(textOf(patti)).toContain('open a chat with License Desk');
    expect(attachmentsOf(patti.calls)).toHaveLength(0);
  });
});
