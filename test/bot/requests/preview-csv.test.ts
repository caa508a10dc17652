import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenantSeed } from '../../../src/simulator/seed/demo-tenant.ts';
import { SKUS } from '../../../src/simulator/seed/demo-skus.ts';
import { ALEX_WILBER, type TestStack, type TurnResult } from '../../support/stack.ts';
import { buttonsOf, executeValue, invokedCard, textOf } from '../support/replies.ts';
import { approvalCardsPosted, MEGAN, startRequestStack } from '../support/request-stack.ts';

const ADELE = '00000000-0000-0000-0000-0000000000022'; // a requester, not the asker
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const HEADER =
  'UserPrincipalName,DisplayName,Outcome,LicensesAdded,LicensesRemoved,DisabledPlans,UsageLocationToSet,Reason';

// The stack's demo tenant (SIMULATOR_SEED 1), rebuilt here to know the answers.
const tenant = createDemoTenantSeed({ seed: 1, size: 200 });
const usersById = new Map(tenant.users.map((user) => [user.id, user]));
const groupsById = new Map(tenant.groups.map((group) => [group.id, group]));

/** The users of "Marketing Team", nested groups' members included (24 with seed 1). */
function groupUsers(): string[] {
  const found = new Set<string>();
  const visit = (id: string) => {
    for (const member of groupsById.get(id)!.memberIds) {
      if (groupsById.has(member)) {
        visit(member);
      } else {
        found.add(member);
      }
    }
  };
  visit(tenant.groups.find((group) => group.displayName === 'Marketing Team')!.id);
  return [...found];
}

interface Attachment {
  contentType: string;
  name?: string;
  content: {
    acceptContext?: Record<string, unknown>;
    actions?: { type: string; title: string; url: string }[];
  };
}

const attachmentsOf = (calls: TurnResult['calls']) =>
  calls.flatMap((call) => (call.activity.attachments ?? []) as Attachment[]);
const said = (turn: TurnResult) => (turn.body as { value?: string } | undefined)?.value ?? '';
const titles = (card: Record<string, unknown>) => buttonsOf(card).map((button) => button.title);

let stack: TestStack;
let operationId: string;
let uploadServer: Server;
let uploadBase: string;
const uploads: Buffer[] = [];

function previewClick(as: string) {
  return stack.invoke('adaptiveCard/action', executeValue('request-preview', { operationId }), as);
}

/** Allow on a consent card, as Teams posts it, with an upload URL on the test's server. */
function allow(consent: Attachment, as: string, context = consent.content.acceptContext) {
  return stack.invoke(
    'fileConsent/invoke',
    {
      type: 'fileUpload',
      action: 'accept',
      context,
      uploadInfo: {
        contentUrl: `https://contoso-my.sharepoint.com/personal/me/Documents/${consent.name}`,
        name: consent.name,
        uploadUrl: `${uploadBase}/upload`,
        fileType: 'csv',
        uniqueId: 'unique-preview',
      },
    },
    as,
  );
}

const csvRows = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

beforeAll(async () => {
  uploadServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      uploads.push(Buffer.concat(chunks));
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => uploadServer.listen(0, '127.0.0.1', resolve));
  uploadBase = `http://127.0.0.1:${(uploadServer.address() as AddressInfo).port}`;
  stack = await startRequestStack({ env: { SIMULATOR_SEED: '1', BULK_CONFIRM_ABOVE: '1000' } });
  await fetch(`${stack.simulator.url}/_simulator/skus/${SKUS.POWER_BI_PRO}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepaidUnits: { enabled: 1000 } }),
  });
  await stack.personalMessage(
    'assign Power BI Pro to group "Marketing Team" because campaign reporting',
    ALEX_WILBER,
  );
  const pending = await stack.desk.store.operations.listByState(stack.tenantId, 'pending');
  expect(pending.items).toHaveLength(1);
  operationId = pending.items[0]!.id;
  await stack.waitForCalls(() => approvalCardsPosted(stack, operationId).length > 0);
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => uploadServer?.close(resolve));
});

describe('Preview as CSV on a request card', () => {
  it('is offered on a pending request of more than 20 users, instead of the results', () => {
    expect(groupUsers().length).toBeGreaterThan(20);
    const card = (
      approvalCardsPosted(stack, operationId)[0]!.activity.attachments as {
        content: Record<string, unknown>;
      }[]
    )[0]!.content;
    expect(titles(card)).toContain('Preview as CSV');
    expect(titles(card)).not.toContain('Results as CSV');
  });

  it("gives an approver a file with one line per user and each one's outcome", async () => {
    const users = groupUsers();
    const asked = await previewClick(MEGAN);
    expect(said(asked)).toContain(`Preview of request "`);
    expect(said(asked)).toContain(`: ${users.length} user(s).`);
    const offered = attachmentsOf(asked.replies);
    const consent = offered.find((attachment) => attachment.contentType === CONSENT);
    expect(consent?.name).toMatch(/^license-request-preview-\d{4}-\d{2}-\d{2}\.csv$/);
    const links = offered
      .filter((attachment) => attachment.contentType === ADAPTIVE)
      .flatMap((attachment) => attachment.content.actions ?? [])
      .filter((action) => action.type === 'Action.OpenUrl');
    expect(links).toHaveLength(1);

    const response = await fetch(links[0]!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('license-request-preview-');
    const rows = csvRows(Buffer.from(await response.arrayBuffer()));
    expect(rows[0]).toBe(HEADER);
    expect(rows).toHaveLength(users.length + 1);
    const byUpn = new Map(rows.slice(1).map((row) => [row.split(',')[0]!, row.split(',')]));
    for (const id of users) {
      const user = usersById.get(id)!;
      const row = byUpn.get(user.userPrincipalName);
      expect(row, user.userPrincipalName).toBeDefined();
      const holds = user.licenseAssignmentStates.some((s) => s.skuId === SKUS.POWER_BI_PRO);
      if (holds) {
        expect(row![2]).toBe('no change');
        expect(row![7]).not.toBe('');
      } else if (row![2] === 'change') {
        expect(row![3]).toBe('Power BI Pro');
      } else {
        expect(row![2]).toBe('skipped');
        expect(row![7]).toMatch(/^Not possible/);
      }
    }
    expect(rows.some((row) => row.split(',')[2] === 'change')).toBe(true);

    // Allow on the consent card uploads the same lines.
    const accepted = await allow(consent!, MEGAN);
    expect(accepted.status).toBe(200);
    expect(csvRows(uploads.at(-1)!)).toEqual(rows);
  });

  it('refuses a requester who did not ask, on the card and at Allow whatever the context says', async () => {
    const refused = await previewClick(ADELE);
    expect(said(refused)).toContain(
      "Only License Approvers and the person who asked can export a request's preview",
    );
    expect(attachmentsOf(refused.replies)).toHaveLength(0);

    const asked = await previewClick(ALEX_WILBER);
    const consent = attachmentsOf(asked.replies).find((a) => a.contentType === CONSENT)!;
    const before = uploads.length;
    const forged = await allow(consent, ADELE, {
      ...consent.content.acceptContext,
      askedBy: ADELE,
    });
    expect(textOf(forged)).toContain(
      "Only License Approvers and the person who asked can export a request's preview",
    );
    expect(uploads).toHaveLength(before);
  });

  it('gives way to Results as CSV once the run has ended', async () => {
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId }),
      MEGAN,
    );
    await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${ALEX_WILBER}` &&
        typeof call.activity.text === 'string' &&
        call.activity.text.startsWith('Done'),
    );
    const viewed = invokedCard(
      await stack.invoke(
        'adaptiveCard/action',
        executeValue('request-view', { operationId }),
        MEGAN,
      ),
    );
    expect(titles(viewed)).toContain('Results as CSV');
    expect(titles(viewed)).not.toContain('Preview as CSV');
  });
});
