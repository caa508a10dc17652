import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startTestTool, type RunningTestTool } from '../../src/embedded/test-tool.ts';
import { skuDisplayName } from '../../src/domain/catalogue/display-names.ts';
import { startLicenseDesk, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { freePort } from '../support/free-port.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
/** Debian's chromium; `.ci/run` installs it. */
const CHROMIUM = '/usr/bin/chromium';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

/**
 * Sends `text` and waits for the bot's answer: a new card (older cards, such as the help card's
 * examples, may already contain `expected`) whose text contains `expected`.
 */
async function say(page: Page, text: string, expected: string): Promise<void> {
  const cardsBefore = await page.locator('.ac-adaptiveCard').count();
  const box = page.locator('[data-lexical-editor="true"]');
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: 20_000, interval: 100 })
    .toBeGreaterThan(cardsBefore);
  await page
    .locator('.ac-adaptiveCard')
    .last()
    .getByText(expected, { exact: false })
    .first()
    .waitFor({ timeout: 20_000 });
}

describe('chatting in the Teams App Test Tool (browser)', () => {
  let desk: RunningLicenseDesk;
  let tool: RunningTestTool;
  let browser: BrowserContext;
  let profile: string;
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
    profile = await mkdtemp(path.join(tmpdir(), 'license-desk-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    await page.goto(tool.url);
    await page.locator('[data-lexical-editor="true"]').waitFor({ timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await tool?.stop();
    await desk?.close();
    if (profile) {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('answers help with the commands card', async () => {
    await say(page, 'help', 'licenses');
    const card = await page.locator('.ac-adaptiveCard').last().innerText();
    expect(card).toMatch(/licenses/i);
    expect(card).toMatch(/user/i);
  }, 60_000);

  it('answers licenses with the demo tenant’s real seat counts', async () => {
    const e5 = desk
      .embedded!.simulator.tenant()
      .subscribedSkus()
      .find((sku) => sku.skuId === E5)!;
    const name = skuDisplayName({ skuPartNumber: e5.skuPartNumber });
    await say(page, 'licenses', name);
    const card = page.locator('.ac-adaptiveCard').last();
    const text = await card.innerText();
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
