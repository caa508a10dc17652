import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startTestTool, type RunningTestTool } from '../../src/embedded/test-tool.ts';
import { skuDisplayName } from '../../src/domain/catalogue/display-names.ts';
import { startLicenseDesk, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { freePort } from '../support/free-port.ts';
import { inProcessStandIns } from '../support/in-process.ts';
import { recordingLogger } from '../support/recording-logger.ts';
import { launchTestBrowser, type TestBrowser } from './support/browser.ts';
import { openChat, say } from './support/chat-page.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

describe('chatting in the Teams App Test Tool (browser)', () => {
  let desk: RunningLicenseDesk;
  let tool: RunningTestTool;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR_PORT: '0', SIMULATOR_SIZE: '300' });
    desk = await startLicenseDesk({ ...config, port: 0 }, { logger: recordingLogger() });
    // The repo root holds `.m365agentsplayground.yml`: the same people as the demo tenant.
    tool = await startTestTool({
      botEndpoint: `${desk.url}/api/messages`,
      port: await freePort(),
      cwd: repoRoot,
    });
    browser = await launchTestBrowser();
    page = await browser.context.newPage();
    await openChat(page, tool.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await tool?.stop();
    await desk?.close();
  });

  it('answers help with the commands card', async () => {
    const card = await (await say(page, 'help', 'licenses')).innerText();
    expect(card).toMatch(/licenses/i);
    expect(card).toMatch(/user/i);
  }, 60_000);

  it('answers licenses with the demo tenant’s real seat counts', async () => {
    const e5 = inProcessStandIns(desk)
      .simulator.tenant()
      .subscribedSkus()
      .find((sku) => sku.skuId === E5)!;
    const name = skuDisplayName({ skuPartNumber: e5.skuPartNumber });
    const text = await (await say(page, 'licenses', name)).innerText();
    // The E5 entry itself: its name, then its used and total seats a few words further on.
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const line = new RegExp(
      `${escaped}[\\s\\S]{0,80}?\\b${e5.consumedUnits}\\b\\D{1,12}\\b${e5.prepaidUnits.enabled}\\b`,
    );
    expect(text).toMatch(line);
    await page.screenshot({
      path: path.join(tmpdir(), 'license-desk-e2e-licenses.png'),
      fullPage: true,
    });
  }, 60_000);
});
