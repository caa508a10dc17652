import type { Attachment } from 'botbuilder';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, type TestStack, type TurnResult } from '../../support/stack.ts';
import { fileAttachment, startFileServer, type FileServer } from '../support/file-server.ts';
import { cardOf, executeValue, invokedCard, shownOn, textOf } from '../support/replies.ts';
import { MEGAN, startRequestStack } from '../support/request-stack.ts';

let stack: TestStack;
let files: FileServer;

const shown = (card: unknown) => shownOn(card).join('\n');
const click = (verb: string, data: Record<string, unknown>, as = MEGAN) =>
  stack.invoke('adaptiveCard/action', executeValue(verb, data), as);
const said = (turn: TurnResult): string => {
  const body = turn.body as { type: string; value: unknown };
  expect(body.type).toBe('application/vnd.microsoft.activity.message');
  return String(body.value);
};

interface Button {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The Action.Execute titled `title` anywhere on a card (body action sets, shown cards). */
function button(card: unknown, title: string): Button {
  const all: Button[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') {
        all.push(record as unknown as Button);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  const found = all.find((candidate) => candidate.title === title);
  if (!found) {
    throw new Error(`no "${title}" on ${shown(card)}`);
  }
  return found;
}

/** The line of the prices card for a part number: its price text. */
function priceOf(card: unknown, partNumber: string): string {
  const texts = shownOn(card);
  const at = texts.findIndex((text) => text.startsWith(`${partNumber} ·`) || text === partNumber);
  return texts[at + 1] ?? '';
}

const sendFile = (attachment: Attachment, text = 'prices', as = MEGAN) =>
  stack.send(
    { type: 'message', text, attachments: [attachment] },
    {
      aadObjectId: as,
      tenantId: stack.tenantId,
    },
  );

beforeAll(async () => {
  stack = await startRequestStack();
  files = await startFileServer({
    '/prices.csv':
      '\ufeffSkuPartNumber,MonthlyPrice,Currency\r\n"SPE_F1","9.50",USD\r\n\r\nEXCHANGESTANDARD,abc,USD\r\n',
    '/big.csv': `SkuPartNumber,MonthlyPrice,Currency\n${'SPE_F1,9.50,USD\n'.repeat(70_000)}`,
  });
});

afterEach(() => stack.settle());

afterAll(async () => {
  await files?.close();
  await stack?.close();
});

describe('prices', () => {
  it('shows an approver every subscribed license with its price, Edit buttons and the import', async () => {
    const card = cardOf(await stack.personalMessage('prices', MEGAN));
    const text = shown(card);
    expect(text).toContain('License prices (per user, per month)');
    expect(text).toMatch(/\d+ licenses, all priced\./);
    expect(priceOf(card, 'SPE_E5')).toBe('$57.00 per user/month');
    expect(button(card, 'Edit SPE_E5').data).toMatchObject({ page: 1 });
    expect(button(card, 'Import').verb).toBe('prices-import');
    expect(button(card, 'Price history').verb).toBe('prices-history');
  });

  it('refuses a requester, typed or clicked, and changes nothing', async () => {
    for (const text of ['prices', 'price SPE_E5 1 USD', 'prices history']) {
      expect(textOf(await stack.personalMessage(text, ALEX_WILBER))).toContain(
        'Only license admins can do that',
      );
    }
    const edit = button(cardOf(await stack.personalMessage('prices', MEGAN)), 'Edit SPE_E5');
    const clicked = await click(
      'price-save',
      { ...edit.data, amount: '1', currency: 'USD' },
      ALEX_WILBER,
    );
    expect(said(clicked)).toContain('Only license admins can do that');
    const after = cardOf(await stack.personalMessage('prices', MEGAN));
    expect(priceOf(after, 'SPE_E5')).toBe('$57.00 per user/month');
  });

  it('sets a price typed in the chat, by product name or part number', async () => {
    const typed = textOf(await stack.personalMessage('price "Power BI Pro" 14.50 usd', MEGAN));
    expect(typed).toContain('Power BI Pro (POWER_BI_PRO) now costs $14.50 per user/month');
    expect(typed).toContain('(was $14.00)');
    const again = textOf(await stack.personalMessage('price POWER_BI_PRO 14.5 USD', MEGAN));
    expect(again).toContain('already costs $14.50 per user/month: nothing changed');
  });

  it('asks which license when the name could be several, and explains bad figures', async () => {
    expect(textOf(await stack.personalMessage('price E5 57 USD', MEGAN))).toMatch(
      /"E5" could be .*\(SPE_E5\) or .*\(ENTERPRISEPREMIUM\)/,
    );
    expect(textOf(await stack.personalMessage('price SPE_E5 57,50 USD', MEGAN))).toContain(
      '"57,50" is not a price',
    );
    expect(textOf(await stack.personalMessage('price SPE_E5 57 dollars', MEGAN))).toContain(
      'not a currency code',
    );
    expect(textOf(await stack.personalMessage('price SPE_E5', MEGAN))).toContain(
      'Say which license, its monthly price per user and the currency',
    );
  });

  it('sets a price from the card: Edit, amount and currency, Save', async () => {
    const list = cardOf(await stack.personalMessage('prices', MEGAN));
    const form = invokedCard(await click('price-edit', button(list, 'Edit SPE_E3').data ?? {}));
    expect(shown(form)).toContain('Now $36.00 per user/month');
    const save = button(form, 'Save');
    const wrong = invokedCard(
      await click(save.verb!, { ...save.data, amount: '40.123', currency: 'EUR' }),
    );
    expect(shown(wrong)).toContain('"40.123" has more than 2 decimals');
    const saved = invokedCard(
      await click(save.verb!, { ...save.data, amount: '33.90', currency: 'eur' }),
    );
    expect(shown(saved)).toContain(
      'Microsoft 365 E3 (SPE_E3) now costs €33.90 per user/month (was $36.00)',
    );
    expect(priceOf(saved, 'SPE_E3')).toBe('€33.90 per user/month');
    expect(shown(saved)).toContain('Prices are in 2 currencies (EUR, USD)');
  });

  it('imports a pasted CSV: the good rows saved, every bad row reported by line', async () => {
    const csv = [
      'SkuPartNumber,MonthlyPrice,Currency',
      'SPE_E5,60,USD',
      'SPE_E55,1,USD',
      'EXCHANGEENTERPRISE,-8,USD',
      'PROJECTPROFESSIONAL,30.001,XYZ',
      'SPE_E5,61,USD',
      'SPB,22,USD',
    ].join('\n');
    const report = invokedCard(await click('prices-import', { csv }));
    const text = shown(report);
    expect(text).toContain('Saved 0 prices; 1 already had that price; 5 rows not imported');
    expect(text).toContain('Line 2: SPE_E5 is on lines 2, 6: give each license once.');
    expect(text).toContain(
      'Line 3: "SPE_E55" is not a license of this tenant (did you mean SPE_E5?)',
    );
    expect(text).toContain('Line 4: "-8" is negative');
    expect(text).toMatch(/Line 5: "30.001" has more than 2 decimals\. "XYZ" is not a currency/);
    expect(text).toContain('Line 6: SPE_E5 is on lines 2, 6');
    const fixed = invokedCard(
      await click('prices-import', {
        csv: 'skupartnumber;monthlyprice;currency\nSPE_E5;60;USD\nSPB;"22.50";USD',
      }),
    );
    expect(shown(fixed)).toContain('Saved 2 prices; 0 already had that price.');
    expect(shown(fixed)).toContain('Microsoft 365 E5 (SPE_E5): $57.00 → $60.00');
  });

  it('imports a CSV file sent with the text "prices", from the local file server', async () => {
    const report = cardOf(await sendFile(fileAttachment('prices.csv', `${files.url}/prices.csv`)));
    expect(shown(report)).toContain('Saved 1 price; 0 already had that price; 1 row not imported');
    expect(shown(report)).toContain('Line 4: "abc" is not a price');
    expect(files.requested).toContain('/prices.csv');
    const listed = cardOf(await stack.personalMessage('prices', MEGAN));
    expect(priceOf(listed, 'SPE_F1')).toBe('$9.50 per user/month');
  });

  it('refuses a file that is too large, not CSV, or not from OneDrive, and one sent without the command', async () => {
    expect(textOf(await sendFile(fileAttachment('big.csv', `${files.url}/big.csv`)))).toContain(
      'That file is over 1024 KB',
    );
    const excel = { ...fileAttachment('prices.xlsx', `${files.url}/prices.csv`) };
    excel.content = { ...excel.content, fileType: 'xlsx' };
    expect(textOf(await sendFile(excel))).toContain('"prices.xlsx" is not a CSV file');
    const before = files.requested.length;
    expect(
      textOf(
        await sendFile(fileAttachment('prices.csv', 'http://169.254.169.254/latest/meta-data')),
      ),
    ).toContain('I can only read files that Teams keeps in OneDrive');
    expect(files.requested.length).toBe(before);
    expect(
      textOf(await sendFile(fileAttachment('prices.csv', `${files.url}/prices.csv`), '')),
    ).toContain('That looks like a price list');
  });

  it('lists the price changes newest first, who made them and how', async () => {
    const card = cardOf(await stack.personalMessage('prices history', MEGAN));
    const text = shown(card);
    expect(text).toContain('(SPE_F1): $8.00 → $9.50');
    expect(text).toContain('by Megan Bowen · from a CSV');
    expect(text).toContain('(SPE_E3): $36.00 → €33.90');
    expect(text).toContain('by Megan Bowen · in the chat');
    const lines = shownOn(card);
    expect(lines.findIndex((line) => line.includes('(SPE_F1)'))).toBeLessThan(
      lines.findIndex((line) => line.includes('(SPE_E3)')),
    );
    const viaButton = invokedCard(await click('prices-history', {}));
    expect(shown(viaButton)).toContain('Price history');
  });

  it('shows money the same way on the licenses card and on the approval card', async () => {
    expect(textOf(await stack.personalMessage('price POWER_BI_PRO 1250 USD', MEGAN))).toContain(
      'now costs $1,250.00 per user/month',
    );
    const licenses = shown(cardOf(await stack.personalMessage('licenses', ALEX_WILBER)));
    expect(licenses).toContain('$1,250.00 per user/month');
    const asked = await stack.personalMessage(
      'assign Power BI Pro to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    const status = cardOf({
      ...asked,
      replies: asked.replies.filter((call) => call.kind !== 'update'),
    });
    expect(shown(status)).toMatch(
      /Monthly cost: \$[\d,]+\.\d\d → \$[\d,]+\.\d\d \(\+\$1,250\.00\)/,
    );
  });
});
