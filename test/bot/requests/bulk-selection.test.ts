import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SKUS } from '../../../src/simulator/seed/demo-skus.ts';
import type { ConnectorCall } from '../../support/connector.ts';
import { seededTenant, transitiveUsers } from '../support/seeded-tenant.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { fileAttachment, startFileServer, type FileServer } from '../support/file-server.ts';
import {
  buttonsOf,
  cardOf,
  executeValue,
  invokedCard,
  shownOn,
  textOf,
} from '../support/replies.ts';
import { approvalCardsPosted, MEGAN, startRequestStack } from '../support/request-stack.ts';

const tenant = seededTenant;
const usersById = new Map(tenant.users.map((user) => [user.id, user]));

let stack: TestStack;
let files: FileServer;
const shown = (card: unknown) => shownOn(card).join('\n');
const said = (call: ConnectorCall): string =>
  typeof call.activity.text === 'string' ? call.activity.text : '';
const operationIdOf = (card: Record<string, unknown>): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

async function skuIdsOf(upn: string): Promise<string[]> {
  const res = await fetch(`${stack.simulator.url}/_simulator/users/${upn}/licenses`);
  const body = (await res.json()) as { assignedLicenses: { skuId: string }[] };
  return body.assignedLicenses.map((license) => license.skuId);
}

const holds = (userId: string, skuId: string) =>
  usersById.get(userId)!.licenseAssignmentStates.some((state) => state.skuId === skuId);

beforeAll(async () => {
  stack = await startRequestStack({
    env: { SIMULATOR_SEED: '1', BULK_CONFIRM_ABOVE: '15' },
  });
  // Enough Power BI Pro seats for every selection below.
  await fetch(`${stack.simulator.url}/_simulator/skus/${SKUS.POWER_BI_PRO}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepaidUnits: { enabled: 1000 } }),
  });
  const legal = tenant.users.filter((user) => user.department === 'Legal');
  const salesE3 = tenant.users.filter(
    (user) =>
      user.department === 'Sales' &&
      user.licenseAssignmentStates.some(
        (state) => state.skuId === SKUS.SPE_E3 && state.assignedByGroup === null,
      ),
  );
  files = await startFileServer({
    '/sales-e3.csv': `UserPrincipalName,LicenseSKU\n${salesE3.map((user) => `${user.userPrincipalName},SPE_E3`).join('\n')}\n`,
    '/prices.csv': 'SkuPartNumber,MonthlyPrice,Currency\nPOWER_BI_PRO,10,USD\n',
    '/mixed.csv': `UserPrincipalName,LicenseSKU\n${salesE3[0]!.userPrincipalName},POWER_BI_PRO\n`,
    '/legal.csv':
      '\uFEFFUserPrincipalName,LicenseSKU\r\n' +
      legal.map((user) => `${user.userPrincipalName},POWER_BI_PRO`).join('\r\n') +
      '\r\nnobody@contoso.onmicrosoft.com,POWER_BI_PRO\r\n' +
      `${legal[0]!.userPrincipalName.toUpperCase()},POWER_BI_PRO\r\n`,
  });
});

afterEach(() => stack.settle());

afterAll(async () => {
  await files?.close();
  await stack?.close();
});

describe('bulk selections from chat', () => {
  it('counts a group first (nested groups included), asks to confirm past the size, then runs it once approved', async () => {
    const sales = transitiveUsers('Sales');
    expect(sales.size).toBeGreaterThan(15);
    const asked = await stack.personalMessage(
      'assign Power BI Pro to group "Sales" because quarterly reporting',
      ALEX_WILBER,
    );
    const confirm = cardOf(asked);
    expect(shown(confirm)).toContain(`${sales.size} users match group "Sales"`);
    expect(buttonsOf(confirm).map((button) => button.title)).toEqual([
      `Yes, plan it for all ${sales.size}`,
    ]);
    // Nothing is planned or stored before the confirmation.
    expect(
      (await stack.desk.store.operations.listByState(stack.tenantId, 'pending')).items,
    ).toHaveLength(0);

    const confirmed = await stack.invoke(
      'adaptiveCard/action',
      executeValue('selection-confirm', buttonsOf(confirm)[0]!.data),
      ALEX_WILBER,
    );
    const card = invokedCard(confirmed);
    const operationId = operationIdOf(card);
    expect(shown(card)).toContain(`${sales.size} users match group "Sales"`);

    const [posted] = await stack.waitForCalls(
      () => approvalCardsPosted(stack, operationId).length > 0,
    );
    void posted;
    const approval = (
      approvalCardsPosted(stack, operationId)[0]!.activity.attachments as {
        content: Record<string, unknown>;
      }[]
    )[0]!.content;
    const newHolders = [...sales].filter((id) => !holds(id, SKUS.POWER_BI_PRO)).length;
    expect(shown(approval)).toContain(`${sales.size} users match group "Sales"`);
    expect(shown(approval)).toMatch(new RegExp(`Power BI Pro: (\\d+) → (\\d+) of 1000 seats used`));
    const [, before, after] = /Power BI Pro: (\d+) → (\d+)/.exec(shown(approval))!;
    expect(Number(after) - Number(before)).toBe(newHolders);

    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId }),
      MEGAN,
    );
    await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${ALEX_WILBER}` && said(call).startsWith('Done'),
    );
    for (const id of sales) {
      expect(await skuIdsOf(usersById.get(id)!.userPrincipalName), id).toContain(SKUS.POWER_BI_PRO);
    }
  });

  it('selects by filter, compiled to Graph, and says where a bad filter went wrong', async () => {
    const legalWithout = tenant.users.filter(
      (user) => user.department === 'Finance' && !holds(user.id, SKUS.POWER_BI_PRO),
    );
    const turn = await stack.personalMessage(
      'assign Power BI Pro to users where department eq "Finance" and not has Power BI Pro',
      ALEX_WILBER,
    );
    expect(textOf(turn)).toContain(
      `${legalWithout.length} user${legalWithout.length === 1 ? '' : 's'} match users where department eq "Finance" and not has Power BI Pro`,
    );
    const bad = await stack.personalMessage(
      'assign Power BI Pro to users where department eq Finance',
      ALEX_WILBER,
    );
    expect(textOf(bad)).toMatch(/I can't read that filter\. At character \d+/);
    const unknown = await stack.personalMessage(
      'assign Power BI Pro to users where departmnt eq "Finance"',
      ALEX_WILBER,
    );
    expect(textOf(unknown)).toContain('department');
  });

  it('takes a CSV sent as a Teams file: good rows go on, every bad row is named by line', async () => {
    const legal = tenant.users.filter((user) => user.department === 'Legal');
    const turn = await stack.send(
      {
        type: 'message',
        text: 'assign from this file because legal reporting',
        attachments: [fileAttachment('legal.csv', `${files.url}/legal.csv`)],
      },
      { aadObjectId: ALEX_WILBER, tenantId: stack.tenantId },
    );
    const text = textOf(turn);
    expect(text).toMatch(
      new RegExp(`${legal.length} users match the users in the file \\(.*2 rows left out\\)`),
    );
    expect(text).toMatch(/Line \d+ \(unknown user\)/);
    expect(text).toMatch(/Line \d+ \(duplicate\)/);
    expect(files.requested).toContain('/legal.csv');
  });

  it('takes a CSV sent without words as people to license by its rows; a price list is pointed to `prices`', async () => {
    const legal = tenant.users.filter((user) => user.department === 'Legal');
    const bare = (path: string) =>
      stack.send(
        {
          type: 'message',
          text: '',
          attachments: [fileAttachment(path.slice(1), `${files.url}${path}`)],
        },
        { aadObjectId: ALEX_WILBER, tenantId: stack.tenantId },
      );
    expect(textOf(await bare('/legal.csv'))).toMatch(
      new RegExp(`${legal.length} users match the users in the file`),
    );
    expect(textOf(await bare('/prices.csv'))).toContain('That looks like a price list');
  });

  it('removes the licenses a file names keeping the mailboxes, or refuses a license without one', async () => {
    const send = (path: string) =>
      stack.send(
        {
          type: 'message',
          text: 'remove from this file keeping mailboxes because they move to frontline work',
          attachments: [fileAttachment(path.slice(1), `${files.url}${path}`)],
        },
        { aadObjectId: ALEX_WILBER, tenantId: stack.tenantId },
      );
    const kept = cardOf(await send('/sales-e3.csv'));
    expect(shown(kept)).toMatch(
      /Remove Microsoft 365 E3 from \d+ users? but keep their mailboxes \(Exchange Online stays on; the seat stays taken\)/,
    );
    expect(textOf(await send('/mixed.csv'))).toContain(
      'Power BI Pro has no Exchange Online plan, so it holds no mailbox to keep',
    );
  });

  it('without a file, says how to send one; in the demo, offers an upload page whose file the button uses', async () => {
    const asked = await stack.personalMessage('assign Power BI Pro from this file', ALEX_WILBER);
    const card = cardOf(asked);
    const [upload, use] = buttonsOf(card);
    expect(upload!.title).toBe('Upload the CSV');
    const url = (card.actions as { url?: string }[])[0]!.url!;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const it = tenant.users.filter((user) => user.department === 'IT').slice(0, 3);
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-file-name': 'it.csv' },
      body: `UserPrincipalName\n${it.map((user) => user.userPrincipalName).join('\n')}\n`,
    });
    expect(posted.status).toBe(200);
    const used = await stack.invoke(
      'adaptiveCard/action',
      executeValue('selection-upload', use!.data),
      ALEX_WILBER,
    );
    expect(shown(invokedCard(used))).toContain('3 users match the users in the file');
    // The file is taken once, by the person it was offered to.
    const again = await stack.invoke(
      'adaptiveCard/action',
      executeValue('selection-upload', use!.data),
      ALEX_WILBER,
    );
    expect((again.body as { value: string }).value).toContain(
      'No file was uploaded on that page yet',
    );
  });
});

describe('a pilot', () => {
  it('runs the first users, pauses until an approver continues, then does the rest', async () => {
    const it = tenant.users.filter((user) => user.department === 'IT');
    const without = it.filter((user) => !holds(user.id, SKUS.POWER_BI_PRO));
    expect(without.length).toBeGreaterThan(4);
    const asked = await stack.personalMessage(
      'assign Power BI Pro to users where department eq "IT" pilot 4 because a trial first',
      ALEX_WILBER,
    );
    const operationId = operationIdOf(cardOf(asked));
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId }),
      MEGAN,
    );
    const [paused] = await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${ALEX_WILBER}` &&
        said(call).includes('pilot of your request'),
    );
    expect(said(paused!)).toContain('is done: 4 done, 0 failed');
    const holders = async () => {
      let count = 0;
      for (const user of without) {
        count += (await skuIdsOf(user.userPrincipalName)).includes(SKUS.POWER_BI_PRO) ? 1 : 0;
      }
      return count;
    };
    expect(await holders()).toBe(4);

    const byRequester = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-continue', { operationId }),
      ALEX_WILBER,
    );
    expect((byRequester.body as { value: string }).value).toContain('another approver');
    const continued = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-continue', { operationId }),
      MEGAN,
    );
    expect(shown(invokedCard(continued))).toMatch(/Approved by|Running|Done/);
    await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${ALEX_WILBER}` &&
        said(call).startsWith('Done') &&
        said(call).includes(`Assign Power BI Pro to ${without.length} users`),
    );
    expect(await holders()).toBe(without.length);
  });
});

describe('a department moved from E3 to E5, approved in the approvers’ channel', () => {
  const CHANNEL = '19:license-approvers@thread.tacv2';
  const inChannel = {
    conversation: {
      id: CHANNEL,
      conversationType: 'channel',
      tenantId: '',
      isGroup: true,
      name: 'Approvals',
    },
  };

  it('selects by filter, posts the preview to the channel, and transfers every one of them', async () => {
    await fetch(`${stack.simulator.url}/_simulator/skus/${SKUS.SPE_E5}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepaidUnits: { enabled: 1000 } }),
    });
    const channel = {
      ...inChannel,
      conversation: { ...inChannel.conversation, tenantId: stack.tenantId },
    };
    const set = await stack.send(
      { type: 'message', text: 'approvals here', ...channel },
      { aadObjectId: MEGAN, tenantId: stack.tenantId },
    );
    expect(textOf(set)).toContain('come here');
    const movers = tenant.users.filter(
      (user) =>
        user.department === 'Engineering' &&
        user.licenseAssignmentStates.some(
          (state) => state.skuId === SKUS.SPE_E3 && state.assignedByGroup === null,
        ),
    );
    expect(movers.length).toBeGreaterThan(1);
    const asked = await stack.personalMessage(
      'transfer users where department eq "Engineering" and has SPE_E3 from SPE_E3 to SPE_E5 because the engineers need E5',
      ALEX_WILBER,
    );
    expect(textOf(asked)).toContain(
      `${movers.length} users match users where department eq "Engineering" and has SPE_E3`,
    );
    const operationId = operationIdOf(cardOf(asked));
    const [posted] = await stack.waitForCalls(
      (call) =>
        call.conversationId === CHANNEL &&
        ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).some(
          ({ content }) => content.refresh !== undefined && operationIdOf(content) === operationId,
        ),
    );
    const approval = (posted!.activity.attachments as { content: Record<string, unknown> }[])[0]!
      .content;
    expect(shown(approval)).toMatch(/Microsoft 365 E5: \d+ → \d+ of 1000 seats used/);
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId }),
      MEGAN,
      {
        ...channel,
        replyToId: posted!.activityId ?? 'approval-card',
      },
    );
    await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${ALEX_WILBER}` &&
        said(call).startsWith('Done') &&
        said(call).includes(
          `Move ${movers.length} users from Microsoft 365 E3 to Microsoft 365 E5`,
        ),
    );
    for (const user of movers) {
      const held = await skuIdsOf(user.userPrincipalName);
      expect(held, user.userPrincipalName).toContain(SKUS.SPE_E5);
      expect(held, user.userPrincipalName).not.toContain(SKUS.SPE_E3);
    }
  });
});
