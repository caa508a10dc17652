import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.ts';
import {
  startTestTool,
  startTestToolAs,
  type RunningTestTool,
} from '../../src/embedded/test-tool.ts';
import { startLicenseDesk, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { freePort } from '../support/free-port.ts';
import { inProcessStandIns } from '../support/in-process.ts';
import { recordingLogger } from '../support/recording-logger.ts';
import { launchTestBrowser, type TestBrowser } from './support/browser.ts';
import {
  ANSWER_TIMEOUT_MS,
  cardsOf,
  newCardWith,
  noticeWith,
  openChat,
  say,
} from './support/chat-page.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const ADELE = 'adelev@contoso.onmicrosoft.com';
const REQUEST = `assign Power BI Pro to ${ADELE} because new analyst`;

const userLicenses = z.object({
  assignedLicenses: z.array(z.object({ skuId: z.string() })),
  licenseAssignmentStates: z.array(
    z.object({ skuId: z.string(), assignedByGroup: z.string().nullable(), state: z.string() }),
  ),
});

/** The buttons a card offers, by their titles. */
function buttonsOf(card: Locator): Promise<string[]> {
  return card.getByRole('button').allInnerTexts();
}

/**
 * Issue 4 as a newcomer does it: `npm start` (Alex Wilber's Test Tool) and
 * `npm run chat -- --as meganb` (Megan Bowen's), two windows on one bot, everything typed and
 * clicked in the pages.
 */
describe('a request carried from ask to done in two Test Tool windows (browser)', () => {
  let desk: RunningLicenseDesk;
  let alexTool: RunningTestTool;
  let meganTool: RunningTestTool;
  let browser: TestBrowser;
  let alex: Page;
  let megan: Page;
  let powerBiPro: string;
  /** Where Alex's request card and Megan's approval card sit in each chat. */
  let alexRequestAt: number;
  let meganApprovalAt: number;

  const adeleLicenses = async (): Promise<z.infer<typeof userLicenses>> => {
    const res = await fetch(`${desk.embedded!.simulator.url}/_simulator/users/${ADELE}/licenses`);
    expect(res.status).toBe(200);
    return userLicenses.parse(await res.json());
  };

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR_PORT: '0', SIMULATOR_SIZE: '300' });
    desk = await startLicenseDesk({ ...config, port: 0 }, { logger: recordingLogger() });
    powerBiPro = inProcessStandIns(desk)
      .simulator.tenant()
      .subscribedSkus()
      .find((sku) => sku.skuPartNumber === 'POWER_BI_PRO')!.skuId;
    const botEndpoint = `${desk.url}/api/messages`;
    const [alexPort, meganPort] = [await freePort(), await freePort()];
    const [started, meganStarted] = await Promise.all([
      // The repo root's `.m365agentsplayground.yml` makes Alex Wilber the current user.
      startTestTool({ botEndpoint, port: alexPort, cwd: repoRoot }),
      // What `npm run chat -- --as meganb` runs.
      startTestToolAs({ who: 'meganb', projectDir: repoRoot, botEndpoint, port: meganPort }),
    ]);
    alexTool = started;
    if (!meganStarted.ok) {
      throw new Error(meganStarted.message);
    }
    meganTool = meganStarted.tool;
    browser = await launchTestBrowser();
    megan = await browser.context.newPage();
    alex = await browser.context.newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([alexTool?.stop(), meganTool?.stop()]);
    await desk?.close();
  });

  it('welcomes Megan when her window opens: the Test Tool installs the app for her', async () => {
    await openChat(megan, meganTool.url);
    await newCardWith(megan, 0, 'Hi Megan');
    // Loading the page is the install (its log panel lists both events the bot answered): the
    // bot keeps her personal chat, where approval cards will reach her. A log line comes once
    // its turn is over, which may be after the welcome is drawn.
    for (const event of ['conversationUpdate', 'installationUpdate']) {
      await expect
        .poll(() => megan.locator('body').innerText(), { timeout: ANSWER_TIMEOUT_MS })
        .toContain(`Microsoft 365 Agents Playground -> User Application ${event} 200`);
    }
    await openChat(alex, alexTool.url);
    await newCardWith(alex, 0, 'Hi Alex');
  }, 60_000);

  it('shows Alex his request waiting for an approver, without buttons to approve it himself', async () => {
    const before = await adeleLicenses();
    expect(before.assignedLicenses.map((license) => license.skuId)).not.toContain(powerBiPro);
    alexRequestAt = await cardsOf(alex).count();
    meganApprovalAt = await cardsOf(megan).count();

    const card = await say(alex, REQUEST, 'Waiting for an approver');
    expect(await cardsOf(alex).count()).toBe(alexRequestAt + 1);
    const text = await card.innerText();
    expect(text).toContain('License request: Assign Power BI Pro to 1 user');
    expect(text).toContain('Adele Vance');
    // The refusal a requester meets in the window: he may cancel his request, not decide it.
    expect(await buttonsOf(card)).toEqual(['Cancel request']);
    await noticeWith(alex, 'This needs an approver');
  }, 60_000);

  it('brings Megan the approval card, which her Approve replaces in place', async () => {
    const card = await newCardWith(megan, meganApprovalAt, 'Waiting for an approver');
    const text = await card.innerText();
    expect(text).toMatch(/Asked by\s+Alex Wilber/);
    expect(text).toMatch(/For\s+Adele Vance/);
    expect(text).toMatch(/Why\s+new analyst/);
    expect(text).toMatch(/Power BI Pro: \d+ → \d+ of \d+ seats used/);
    expect(await buttonsOf(card)).toEqual(['Approve', 'Reject']);

    await card.getByRole('button', { name: 'Approve' }).click();
    // The invoke's card replaces hers, then the bot keeps that copy current: no new card comes.
    const approval = cardsOf(megan).nth(meganApprovalAt);
    await approval.getByText('Done', { exact: true }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(await cardsOf(megan).count()).toBe(meganApprovalAt + 1);
    expect(await approval.innerText()).toMatch(/Adele Vance: done/);
    expect(await buttonsOf(approval)).toEqual([]);
  }, 60_000);

  it('tells Alex it was approved and done, and redraws his request card', async () => {
    await noticeWith(alex, 'was approved by Megan Bowen');
    await noticeWith(alex, 'Done: "Assign Power BI Pro to 1 user"');
    // The Test Tool applies the bot's updateActivity: the same card now reads Done.
    const card = cardsOf(alex).nth(alexRequestAt);
    await card.getByText('Done', { exact: true }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(await card.innerText()).toMatch(/Adele Vance: done/);
    expect(await buttonsOf(card)).toEqual([]);
  }, 60_000);

  it('changed the tenant: Adele holds Power BI Pro directly', async () => {
    const after = await adeleLicenses();
    expect(after.assignedLicenses.map((license) => license.skuId)).toContain(powerBiPro);
    expect(after.licenseAssignmentStates).toContainEqual(
      expect.objectContaining({ skuId: powerBiPro, assignedByGroup: null, state: 'Active' }),
    );
  });

  it('shows the change in Alex’s history', async () => {
    const card = await say(alex, 'history', `${ADELE}: Power BI Pro added`);
    expect(await card.innerText()).toMatch(
      /asked by Alex Wilber · approved by Megan Bowen · succeeded/,
    );
  }, 60_000);
});
