import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { isInProcess } from '../../src/embedded/embedded-services.ts';
import { startLicenseDesk, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { DEFAULT_TENANT_ID, personalConversationId, teamsActivity } from '../support/activities.ts';
import { startLocalConnector, type LocalConnector } from '../support/connector.ts';
import { freePort } from '../support/free-port.ts';
import { until } from '../support/instances.ts';
import { startNode } from '../support/node-process.ts';
import { recordingLogger } from '../support/recording-logger.ts';

/** A License Approver in the demo tenant: her own single-user request runs at once. */
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const LYNNE = 'lynner@contoso.onmicrosoft.com';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

/** Posts a Teams activity from Megan, in her personal chat, to the bot at `botUrl`. */
async function fromMegan(
  botUrl: string,
  connector: LocalConnector,
  partial: Partial<Activity>,
): Promise<number> {
  const activity = teamsActivity(
    connector.serviceUrl,
    { aadObjectId: MEGAN, tenantId: DEFAULT_TENANT_ID },
    partial,
  );
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

async function lynnesLicenses(simulatorUrl: string): Promise<string[]> {
  const res = await fetch(`${simulatorUrl}/_simulator/users/${LYNNE}/licenses`);
  const body = (await res.json()) as { assignedLicenses: { skuId: string }[] };
  return body.assignedLicenses.map((license) => license.skuId);
}

describe('npm run stand-ins, with npm start killed and started again on them', () => {
  it('keeps the demo tenant and the store across the restart, and stops on SIGTERM', async () => {
    const standIns = startNode('src/embedded/stand-ins-cli.ts', [], {
      SIMULATOR_PORT: '0',
      COSMOS_PORT: '0',
      STANDINS_PORT: '0',
      SIMULATOR_SIZE: '200',
    });
    const connector = await startLocalConnector();
    let second: RunningLicenseDesk | undefined;
    try {
      const url = (await standIns.waitFor(/^ {2}STANDINS=(\S+) npm start$/m))[1]!;
      const simulatorUrl = (await standIns.waitFor(/Graph stand-in: +(\S+)\/v1\.0/))[1]!;
      expect(await lynnesLicenses(simulatorUrl)).not.toContain(POWER_BI_PRO);

      // The first bot: `STANDINS=… npm start`, as a process; Megan licenses Lynne through it.
      const port = await freePort();
      const first = startNode('src/main.ts', ['--no-test-tool'], {
        PORT: String(port),
        STANDINS: url,
        LOG_LEVEL: 'warn',
      });
      try {
        await first.waitFor(/Ctrl\+C stops the bot/);
        expect(first.output()).toContain(`Stand-ins:   external, from npm run stand-ins at ${url}`);
        expect(first.output()).toContain(`Graph stand-in: ${simulatorUrl}/v1.0`);
        const botUrl = `http://127.0.0.1:${port}`;
        const installed = await fromMegan(botUrl, connector, {
          type: 'installationUpdate',
          action: 'add',
        });
        expect(installed).toBeLessThan(300);
        const asked = await fromMegan(botUrl, connector, {
          type: 'message',
          text: `assign Power BI Pro to ${LYNNE} location GB`,
        });
        expect(asked).toBeLessThan(300);
        const told = await until(
          () =>
            connector
              .callsFor(personalConversationId(MEGAN))
              .map((call) => (typeof call.activity.text === 'string' ? call.activity.text : ''))
              .filter((text) => /^(Done|Not done)/.test(text)),
          (texts) => texts.length > 0,
        );
        expect(told[0]).toMatch(/^Done/);
      } finally {
        // Killed, not stopped: nothing of it may be needed by the next start.
        first.kill('SIGKILL');
        await first.exited;
      }

      // The second bot, on the same stand-ins: the tenant and the store are as the first left them.
      const config = loadConfig({ LOG_LEVEL: 'silent', STANDINS: url });
      second = await startLicenseDesk(
        { ...config, port: 0 },
        { logger: recordingLogger(), drainTimeoutMs: 2_000 },
      );
      expect(second.embedded && isInProcess(second.embedded)).toBe(false);
      expect(second.embedded?.simulator.url).toBe(simulatorUrl);
      const lynne = await second.directory.findUser(LYNNE);
      const details = await second.directory.getUserLicenseDetails(lynne!.id);
      expect(details.map((detail) => detail.skuId)).toContain(POWER_BI_PRO);
      expect(await second.store.conversations.findPersonal(config.tenantId, MEGAN)).not.toBeNull();
      const history = await second.store.history.query(config.tenantId, {});
      const added = history.items.find(
        (event) => event.userPrincipalName === LYNNE && event.change === 'added',
      );
      expect(added).toMatchObject({ result: 'succeeded', skuId: POWER_BI_PRO });
      const request = await second.store.operations.get(config.tenantId, added!.operationId);
      expect(request?.value).toMatchObject({ state: 'succeeded', requester: { userId: MEGAN } });

      await second.close();
      // Closing the bot leaves the stand-ins running.
      expect((await fetch(url)).status).toBe(200);
      expect(await lynnesLicenses(simulatorUrl)).toContain(POWER_BI_PRO);
    } finally {
      await second?.close();
      await connector.close();
      standIns.kill('SIGTERM');
    }
    expect(await standIns.exited).toBe(0);
    expect(standIns.output()).toContain('Stand-ins stopped.');
  }, 120_000);

  it('npm start with STANDINS where nothing answers ends with the reason, and no stack trace', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const bot = startNode('src/main.ts', ['--no-test-tool'], {
      PORT: String(await freePort()),
      STANDINS: url,
      LOG_LEVEL: 'silent',
    });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(
      `  - STANDINS: No stand-ins answer at ${url}: start them with \`npm run stand-ins\``,
    );
    expect(bot.output()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
