import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { personalConversationId } from '../../support/activities.ts';
import {
  ALEX_WILBER,
  startTestStack,
  type TestStack,
  type TurnResult,
} from '../../support/stack.ts';
import { askExportInChannel, exportableHistory, historyLine } from '../support/history-lines.ts';
import { textOf } from '../support/replies.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const ADELE = '00000000-0000-0000-0000-0000000000022'; // neither
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

let stack: TestStack;

interface Attachment {
  contentType: string;
  content: { body?: { text: string }[]; actions?: { type: string; title: string; url: string }[] };
}

const attachmentsOf = (calls: TurnResult['calls']) =>
  calls.flatMap((call) => (call.activity.attachments ?? []) as Attachment[]);

/** The "Download the CSV" link among these calls' cards; fails unless there is exactly one. */
function downloadLinkIn(calls: TurnResult['calls']): string {
  const links = attachmentsOf(calls)
    .filter((a) => a.contentType === ADAPTIVE)
    .flatMap((a) => a.content.actions ?? [])
    .filter((action) => action.type === 'Action.OpenUrl' && action.title === 'Download the CSV');
  expect(links).toHaveLength(1);
  return links[0]!.url;
}

/** Opens a link as a browser would. */
async function download(url: string) {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  return {
    response,
    body,
    rows: body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n'),
  };
}

const event = (i: number, overrides: Partial<HistoryEvent> = {}) =>
  historyLine(stack.tenantId, 'download-op', 3, i, overrides);

beforeAll(async () => {
  stack = await startTestStack();
  await stack.desk.store.history.append(exportableHistory(event, 'download-other'));
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('history export in the embedded demo', () => {
  it('adds a one-time download link next to the consent card, and the link gives the CSV', async () => {
    const turn = await stack.personalMessage(
      'history export for adelev@contoso.onmicrosoft.com',
      MEGAN,
    );
    // The consent flow is still offered, in the same reply.
    expect(attachmentsOf(turn.replies).filter((a) => a.contentType === CONSENT)).toHaveLength(1);
    expect(textOf(turn)).toContain('License history (for Adele Vance): 2 line(s).');
    const url = downloadLinkIn(turn.replies);
    expect(url).toMatch(new RegExp(`^${stack.url}/exports/[A-Za-z0-9_-]{43}$`));

    const file = await download(url);
    expect(file.response.status).toBe(200);
    expect(file.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="license-history-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.rows[0]).toBe(
      'Time,User,Change,License,Disabled plans,Result,Requested by,Approved by,Operation,Reason,Graph request id',
    );
    expect(file.rows).toHaveLength(3);
    expect(file.rows.join('\n')).not.toContain('meganb@');
    // Cells a spreadsheet would run are neutralised, as in the consent flow's file.
    expect(file.rows[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(file.rows[1]).toContain(`"'@Alex, the ""manager"""`);
  });

  it('works once: the second click, or a made-up token, gets a one-line 404', async () => {
    const url = downloadLinkIn((await stack.personalMessage('history export', MEGAN)).replies);
    expect((await download(url)).response.status).toBe(200);
    for (const again of [url, `${stack.url}/exports/not-a-token`]) {
      const refused = await download(again);
      expect(refused.response.status).toBe(404);
      expect(refused.response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(refused.body.toString('utf8')).toBe(
        'This download link is unknown, used or expired: ask License Desk for `history export` again.\n',
      );
    }
  });

  it('gives a requester only the requests they made, read when the link is opened', async () => {
    const turn = await stack.personalMessage('history export', ALEX_WILBER);
    const url = downloadLinkIn(turn.replies);
    // Lines written after the link was made are in the file: it is built at download time.
    await stack.desk.store.history.append([
      event(4, { id: 'download-late:x', operationId: 'download-late' }),
      event(5, {
        id: 'download-megan:x',
        operationId: 'download-megan',
        requester: { userId: MEGAN, displayName: 'Megan Bowen' },
      }),
    ]);
    const file = await download(url);
    expect(file.response.status).toBe(200);
    const lines = file.rows.slice(1);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.some((row) => row.includes('download-late'))).toBe(true);
    expect(lines.every((row) => !row.includes('download-megan'))).toBe(true);
    expect(lines.every((row) => !row.includes('meganb@'))).toBe(true);
  });

  it('makes no link when there is nothing to export', async () => {
    const turn = await stack.personalMessage('history export', ADELE);
    expect(textOf(turn)).toContain('Nothing on record (asked by you)');
    expect(attachmentsOf(turn.replies)).toHaveLength(0);
  });

  it('asked in a channel, puts the link in the personal chat, never in the channel', async () => {
    const channel = {
      id: '19:licensing-download@thread.tacv2',
      conversationType: 'channel',
      tenantId: stack.tenantId,
      isGroup: true,
      name: 'Licensing',
    };
    const turn = await askExportInChannel(stack, channel, MEGAN);
    expect(textOf(turn)).toContain('the export is waiting for you in ours');
    expect(attachmentsOf(turn.replies)).toHaveLength(0);
    const personal = turn.calls.filter(
      (call) => call.conversationId === personalConversationId(MEGAN),
    );
    expect((await download(downloadLinkIn(personal))).response.status).toBe(200);
  });
});
