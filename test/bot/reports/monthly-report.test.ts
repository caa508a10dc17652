import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../../support/connector.ts';
import { ALEX_WILBER, type TestStack, type TurnResult } from '../../support/stack.ts';
import { apiClient, type ApiClient } from '../../api/support/api-client.ts';
import { cardOf, executeValue, shownOn, textOf } from '../support/replies.ts';
import { MEGAN, PATTI, startRequestStack } from '../support/request-stack.ts';

const ADELE_UPN = 'adelev@contoso.onmicrosoft.com';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

let stack: TestStack;
let api: ApiClient;
/** What "OneDrive" received: the body of each PUT. */
const uploads: string[] = [];
let uploadServer: Server;

const shown = (card: unknown) => shownOn(card).join('\n');
const said = (call: ConnectorCall): string =>
  typeof call.activity.text === 'string' ? call.activity.text : '';
const personal = (userId: string) => `a:personal-${userId}`;
const operationIdOf = (card: Record<string, unknown>): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;
const attachmentsOf = (calls: TurnResult['calls']) =>
  calls.flatMap(
    (call) =>
      (call.activity.attachments ?? []) as {
        contentType: string;
        content: { actions?: { type: string; title: string; url?: string }[] };
      }[],
  );

/** A change Megan types in her chat, run (after Patti's approval when it needs one) to Done. */
async function change(text: string, approve: boolean) {
  const sent = await stack.personalMessage(text, MEGAN);
  const card = cardOf({ ...sent, replies: sent.replies.filter((call) => call.kind !== 'update') });
  if (approve) {
    const operationId = operationIdOf(card);
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId }),
      PATTI,
    );
  }
  await stack.waitForCalls(
    (call) => call.conversationId === personal(MEGAN) && /^Done/.test(said(call)),
    { count: 1 },
  );
  await stack.settle();
}

async function licensesOf(upn: string): Promise<string[]> {
  const res = await fetch(`${stack.simulator.url}/_simulator/users/${upn}/licenses`);
  const body = (await res.json()) as { assignedLicenses: { skuId: string }[] };
  return body.assignedLicenses.map((license) => license.skuId);
}

beforeAll(async () => {
  uploadServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      uploads.push(Buffer.concat(chunks).toString('utf8'));
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => uploadServer.listen(0, '127.0.0.1', resolve));
  stack = await startRequestStack();
  api = await apiClient(stack);
}, 60_000);

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => uploadServer?.close(resolve));
});

describe('the monthly report, end to end', () => {
  it('shows a license assigned and removed this month, priced as it stood, and exports it', async () => {
    expect(await licensesOf(ADELE_UPN)).not.toContain(POWER_BI_PRO);
    expect(textOf(await stack.personalMessage('price POWER_BI_PRO 10.00 USD', MEGAN))).toContain(
      '$10.00',
    );
    await change(`assign Power BI Pro to ${ADELE_UPN}`, false);
    expect(await licensesOf(ADELE_UPN)).toContain(POWER_BI_PRO);
    // The price goes up before the removal: each change is priced as the price stood then.
    await stack.personalMessage('price POWER_BI_PRO 12.00 USD', MEGAN);
    stack.replies.length = 0;
    await change(`remove Power BI Pro from ${ADELE_UPN}`, true);
    expect(await licensesOf(ADELE_UPN)).not.toContain(POWER_BI_PRO);

    const card = cardOf(await stack.personalMessage('report this month', MEGAN));
    const text = shown(card);
    expect(text).toMatch(/^License report: \w+ \d{4} so far/);
    expect(text).toContain('Power BI Pro (POWER_BI_PRO)');
    expect(text).toContain('+1 added · −1 removed · net 0');
    // +$10.00 when added, −$12.00 when removed.
    expect(text).toContain('-$2.00');
    expect(text).toContain('price at the change');
    expect(text).toContain('Users changed');

    const month = (card.actions as { data: { month: string } }[])[0]!.data.month;
    const exported = await stack.invoke(
      'adaptiveCard/action',
      executeValue('report-export', { month }),
      MEGAN,
    );
    const posted = attachmentsOf(exported.calls);
    expect(posted.filter((a) => a.contentType === CONSENT)).toHaveLength(1);
    const link = posted
      .flatMap((a) => a.content.actions ?? [])
      .find((action) => action.title === 'Download the CSV')!.url!;
    const file = await fetch(link);
    expect(file.status).toBe(200);
    const rows = (await file.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toMatch(/^Month,SKU,Part number,Seats added,Seats removed,Net seats/);
    expect(rows).toContain(
      `${month},Power BI Pro,POWER_BI_PRO,1,1,0,0,0,0,0,-2.00,USD,price at the change`,
    );
    expect(rows.at(-1)).toMatch(new RegExp(`^${month},Total,`));

    // Allow on the consent card puts the same file in OneDrive; Decline sends nothing.
    const consent = posted.find((a) => a.contentType === CONSENT)!.content as unknown as {
      acceptContext: unknown;
      declineContext: unknown;
    };
    const port = (uploadServer.address() as AddressInfo).port;
    const allowed = await stack.invoke(
      'fileConsent/invoke',
      {
        type: 'fileUpload',
        action: 'accept',
        context: consent.acceptContext,
        uploadInfo: {
          contentUrl: 'https://contoso-my.sharepoint.com/personal/meganb/report.csv',
          name: 'report.csv',
          uploadUrl: `http://127.0.0.1:${port}/upload/1`,
          fileType: 'csv',
          uniqueId: 'unique-1',
        },
      },
      MEGAN,
    );
    expect(textOf(allowed)).toMatch(/^License report for \w+ \d{4} so far: 1 license line\(s\)/);
    expect(uploads.at(-1)).toContain(',Power BI Pro,POWER_BI_PRO,1,1,0,0,0,0,0,-2.00,USD,');
    const declined = await stack.invoke(
      'fileConsent/invoke',
      { type: 'fileUpload', action: 'decline', context: consent.declineContext },
      MEGAN,
    );
    expect(textOf(declined)).toContain('No file, as you chose.');
  });

  it('is for license admins: a requester is refused, a bad month explained', async () => {
    expect(textOf(await stack.personalMessage('report', ALEX_WILBER))).toContain(
      'Only license admins',
    );
    expect(textOf(await stack.personalMessage('report 2026-13', MEGAN))).toBe(
      '"2026-13" is not a month I can read: write it as YYYY-MM, or "this month". For example: `report 2026-01`',
    );
  });

  it('is served by the REST API as JSON or CSV, to Licenses.Read', async () => {
    const reader = await api.appToken('billing-app', ['Licenses.Read']);
    const json = await api.call('GET', '/api/identity/licenses/report?month=this%20month', {
      token: reader,
    });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ partial: true, pricing: 'atChange' });
    expect(json.body.skus).toContainEqual(
      expect.objectContaining({
        skuId: POWER_BI_PRO,
        added: 1,
        removed: 1,
        costs: [{ currency: 'USD', amount: -2 }],
      }),
    );

    const res = await fetch(`${stack.url}/api/identity/licenses/report?month=this%20month`, {
      headers: { authorization: `Bearer ${reader}`, accept: 'text/csv' },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /license-report-\d{4}-\d{2}-so-far\.csv/,
    );
    expect(await res.text()).toContain(',Power BI Pro,POWER_BI_PRO,1,1,0,');

    const requester = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    expect(
      (await api.call('GET', '/api/identity/licenses/report', { token: requester })).status,
    ).toBe(403);
    const bad = await api.call('GET', '/api/identity/licenses/report?month=soon', {
      token: reader,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'MONTH_INVALID' });
  });
});
