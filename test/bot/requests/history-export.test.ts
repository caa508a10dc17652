import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import {
  ALEX_WILBER,
  startTestStack,
  type TestStack,
  type TurnResult,
} from '../../support/stack.ts';
import { textOf } from '../support/replies.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const ADELE = '00000000-0000-0000-0000-0000000000022'; // neither
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

let stack: TestStack;

function event(i: number, overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    id: `export-op:${ADELE}:added:${i}`,
    tenantId: stack.tenantId,
    operationId: 'export-op',
    at: new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString(),
    change: 'added',
    userId: ADELE,
    userPrincipalName: 'adelev@contoso.onmicrosoft.com',
    skuId: E5,
    requester: { userId: ALEX_WILBER, displayName: 'Alex Wilber' },
    approver: { userId: MEGAN, displayName: 'Megan Bowen' },
    result: 'succeeded',
    ...overrides,
  };
}

/** The one file a turn sent: its attachment and its text decoded from the data: URL. */
function fileOf(turn: TurnResult) {
  const files = turn.replies.flatMap(
    (call) =>
      (call.activity.attachments ?? []) as {
        contentType: string;
        name: string;
        contentUrl: string;
      }[],
  );
  expect(files).toHaveLength(1);
  const [file] = files;
  const [head, data] = file!.contentUrl.split(',');
  expect(head).toBe('data:text/csv;base64');
  const csv = Buffer.from(data!, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { ...file!, rows: csv.trimEnd().split('\r\n') };
}

beforeAll(async () => {
  stack = await startTestStack();
  await stack.desk.store.history.append([
    event(1),
    event(2, {
      change: 'refused',
      result: 'failed',
      message: '=HYPERLINK("http://evil.example","click")',
      requester: { userId: ALEX_WILBER, displayName: '@Alex, the "manager"' },
    }),
    event(3, {
      id: 'other-op:x',
      operationId: 'other-op',
      userId: MEGAN,
      userPrincipalName: 'meganb@contoso.onmicrosoft.com',
      requester: { userId: MEGAN, displayName: 'Megan Bowen' },
      approver: undefined,
    }),
  ]);
});

afterAll(async () => {
  await stack?.close();
});

describe('history export', () => {
  it('sends the filtered history as a CSV file, newest first, with product names', async () => {
    const turn = await stack.personalMessage(
      'history export for adelev@contoso.onmicrosoft.com',
      MEGAN,
    );
    expect(textOf(turn)).toContain('License history (for Adele Vance): 2 line(s).');
    const file = fileOf(turn);
    expect(file.contentType).toBe('text/csv');
    expect(file.name).toMatch(/^license-history-\d{4}-\d{2}-\d{2}\.csv$/);
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

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const file = fileOf(
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
    expect(mine.replies.flatMap((call) => call.activity.attachments ?? [])).toHaveLength(0);
  });

  it('reads the same filters as the card, and says what was wrong with one', async () => {
    const wrong = await stack.personalMessage('history export since someday', MEGAN);
    expect(textOf(wrong)).toContain('"someday" is not a date I can read');
    const since = fileOf(
      await stack.personalMessage('history export sku Microsoft 365 E5 since 2026-01-02', MEGAN),
    );
    expect(since.rows.slice(1).every((row) => row.startsWith('2026-01-02'))).toBe(true);
  });
});
