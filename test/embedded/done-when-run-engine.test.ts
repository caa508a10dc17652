import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { connectStandIns } from '../../src/embedded/connect-stand-ins.ts';
import { DEMO_BULK_SKU } from '../../src/embedded/demo-request.ts';
import { DEMO_PEOPLE } from '../../src/simulator/seed/demo-people.ts';
import { shrunkThrottleOptions } from '../../src/simulator/throttle/options.ts';
import { openCosmosStore, type CosmosStore } from '../../src/store/index.ts';
import { executeValue, shownOn } from '../bot/support/replies.ts';
import { DEFAULT_TENANT_ID, personalConversationId, teamsActivity } from '../support/activities.ts';
import {
  startLocalConnector,
  type ConnectorCall,
  type LocalConnector,
} from '../support/connector.ts';
import { freePort } from '../support/free-port.ts';
import { startNode, type NodeProcess } from '../support/node-process.ts';
import { operationHistory } from '../support/operation-history.ts';

const MEGAN = DEMO_PEOPLE.find((person) => person.displayName === 'Megan Bowen')!.id;
const BIG = 2_000;
const SMALL = 600;
// Graph's write windows shrunk 6× (budgets kept): about 118 writes/s once paced, so 2,000 users
// take ~17 s, long enough for two progress redraws (one per 5 s) before the kill.
const SHRINK = 6;

interface InvokeAnswer {
  status: number;
  card: string;
}

/** Posts a Teams activity from Megan, in her personal chat, to the bot at `botUrl`. */
async function fromMegan(
  botUrl: string,
  connector: LocalConnector,
  partial: Partial<Activity>,
): Promise<{ status: number; body: string }> {
  const activity = teamsActivity(
    connector.serviceUrl,
    { aadObjectId: MEGAN, tenantId: DEFAULT_TENANT_ID, name: 'Megan Bowen' },
    partial,
  );
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

/** Megan clicks `verb` on the card the connector gave `cardId`, as Teams sends the click. */
async function click(
  botUrl: string,
  connector: LocalConnector,
  verb: string,
  operationId: string,
  cardId: string,
): Promise<InvokeAnswer> {
  const { status, body } = await fromMegan(botUrl, connector, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: executeValue(verb, { operationId }),
    replyToId: cardId,
  });
  const parsed = (body === '' ? {} : JSON.parse(body)) as { value?: unknown };
  return { status, card: shownOn(parsed.value).join('\n') };
}

const shown = (call: ConnectorCall): string =>
  shownOn(
    ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[])[0]?.content,
  ).join('\n');

/** Reads until `done` holds or `timeoutMs` pass; returns the last value read. */
async function waitUntil<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** `STANDINS=… npm start` as a process; the short lease lets a second start take a killed run over quickly. */
async function startBot(standIns: string): Promise<{ bot: NodeProcess; url: string }> {
  const port = await freePort();
  const bot = startNode('src/main.ts', ['--no-test-tool'], {
    PORT: String(port),
    STANDINS: standIns,
    LOG_LEVEL: 'warn',
    RUN_LEASE_SECONDS: '5',
    RESUME_INTERVAL_SECONDS: '1',
  });
  await bot.waitFor(/Ctrl\+C stops the bot/, 30_000);
  return { bot, url: `http://127.0.0.1:${port}` };
}

/** `npm run demo-request -- <count>` as a process: the id of the request it stored. */
async function demoRequest(standIns: string, count: number): Promise<string> {
  const cli = startNode('src/embedded/demo-request-cli.ts', [String(count)], {
    STANDINS: standIns,
  });
  const stored = await cli.waitFor(/\(request ([0-9a-f-]{36})\)/, 30_000);
  const given = await cli.waitFor(/^([\d,]+) of them get it; 0 have it already/m, 30_000);
  expect(Number(given[1]!.replace(/,/g, ''))).toBe(count);
  expect(await cli.exited).toBe(0);
  return stored[1]!;
}

/** The approval card the bot posted in Megan's chat for `operationId`, once it is there. */
async function megansCard(connector: LocalConnector, operationId: string): Promise<string> {
  const posted = await waitUntil(
    () =>
      connector
        .callsFor(personalConversationId(MEGAN))
        .find(
          (call) =>
            call.kind !== 'update' &&
            ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).some(
              ({ content }) =>
                (content.refresh as { action?: { data?: { operationId?: string } } } | undefined)
                  ?.action?.data?.operationId === operationId,
            ),
        ),
    (call) => call !== undefined,
    20_000,
  );
  expect(posted?.sentId).toBeDefined();
  return posted!.sentId!;
}

/** The done counts of the card's progress redraws (those with a rate), in order. */
function progressDone(connector: LocalConnector, cardId: string, total: number): number[] {
  const pattern = new RegExp(`([\\d,]+) of ${total.toLocaleString('en-US')} done`);
  return connector.calls
    .filter((call) => call.kind === 'update' && call.activityId === cardId)
    .map(shown)
    .filter((text) => /users\/(s|min) · /.test(text))
    .map((text) => Number(pattern.exec(text)?.[1]?.replace(/,/g, '') ?? Number.NaN));
}

/** Ids of the users who hold Power BI Pro in the simulator, read through Graph as the bot reads them. */
async function holders(simulatorUrl: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let next: string | undefined = `${simulatorUrl}/v1.0/users?$select=id,assignedLicenses&$top=999`;
  while (next !== undefined) {
    const res = await fetch(next, { headers: { authorization: 'Bearer license-desk-demo' } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      value: { id: string; assignedLicenses: { skuId: string }[] }[];
      '@odata.nextLink'?: string;
    };
    for (const user of page.value) {
      if (user.assignedLicenses.some((license) => license.skuId === DEMO_BULK_SKU)) {
        ids.add(user.id);
      }
    }
    next = page['@odata.nextLink'];
  }
  return ids;
}

async function writesSpent(simulatorUrl: string): Promise<number> {
  const res = await fetch(`${simulatorUrl}/_simulator/counters`);
  return ((await res.json()) as { writesSpent: number }).writesSpent;
}

/** Every user id of an operation's items in one state. */
async function itemUsers(
  store: CosmosStore,
  operationId: string,
  state: 'done' | 'cancelled',
): Promise<string[]> {
  const users: string[] = [];
  let token: string | undefined;
  do {
    const page = await store.operationItems.listByState(DEFAULT_TENANT_ID, operationId, state, {
      pageSize: 1_000,
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    users.push(...page.items.map((item) => item.value.userId));
    token = page.continuationToken;
  } while (token !== undefined);
  return users;
}

describe("ISSUE 9's Done when, played as processes over npm run stand-ins", () => {
  it('runs 2,000 users through a SIGKILL of npm start, and stops a 600-user run from its card', async () => {
    const standIns = startNode('src/embedded/stand-ins-cli.ts', [], {
      SIMULATOR_PORT: '0',
      COSMOS_PORT: '0',
      STANDINS_PORT: '0',
      SIMULATOR_SIZE: '4000',
    });
    const connector = await startLocalConnector();
    const bots: NodeProcess[] = [];
    let store: CosmosStore | undefined;
    let services: Awaited<ReturnType<typeof connectStandIns>> | undefined;
    try {
      const url = (await standIns.waitFor(/^ {2}STANDINS=(\S+) npm start$/m, 30_000))[1]!;
      const simulatorUrl = (await standIns.waitFor(/Graph stand-in: +(\S+)\/v1\.0/))[1]!;
      // Shrunk before the bot starts: it reads the simulator's budget once, at start.
      const throttled = await fetch(`${simulatorUrl}/_simulator/throttle`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        // Windows rounded to whole milliseconds, as the control API takes them.
        body: JSON.stringify(
          Object.fromEntries(
            Object.entries(shrunkThrottleOptions(SHRINK)).map(([key, value]) => [
              key,
              key.endsWith('WindowMs') ? Math.round(value as number) : value,
            ]),
          ),
        ),
      });
      expect(throttled.status).toBe(200);
      // The test reads the store as the demo-request command does: through the stand-ins.
      services = await connectStandIns(url);
      store = await openCosmosStore(loadConfig({ STANDINS: url, LOG_LEVEL: 'silent' }).cosmos, {
        embedded: services.cosmos,
      });
      const counts = (operationId: string) =>
        store!.operationItems.countByState(DEFAULT_TENANT_ID, operationId);
      const stateOf = async (operationId: string) =>
        (await store!.operations.get(DEFAULT_TENANT_ID, operationId))!.value.state;

      // Bot #1; Megan adds the app, so her chat is where approval cards go.
      const first = await startBot(url);
      bots.push(first.bot);
      expect(
        (await fromMegan(first.url, connector, { type: 'installationUpdate', action: 'add' }))
          .status,
      ).toBeLessThan(300);

      const big = await demoRequest(url, BIG);
      const bigCard = await megansCard(connector, big);
      const approved = await click(first.url, connector, 'request-approve', big, bigCard);
      expect(approved.status).toBe(200);
      expect(approved.card).toContain('Approved by Megan Bowen');

      // Two progress redraws with growing done counts, then killed while it is still running.
      const seen = await waitUntil(
        () => progressDone(connector, bigCard, BIG),
        (done) => done.length >= 2,
        30_000,
      );
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen[1]!).toBeGreaterThan(seen[0]!);
      const atKill = (await counts(big)).done;
      first.bot.kill('SIGKILL');
      await first.bot.exited;
      expect(atKill).toBeGreaterThanOrEqual(200);
      expect(atKill).toBeLessThan(BIG);
      expect(await stateOf(big)).toBe('running');

      // Bot #2 on the same stand-ins takes the run over once the dead one's lease ends.
      const second = await startBot(url);
      bots.push(second.bot);
      const bigState = await waitUntil(
        () => stateOf(big),
        (state) => state !== 'running',
        45_000,
        250,
      );
      expect(bigState).toBe('succeeded');
      expect(await counts(big)).toEqual({
        planned: 0,
        sent: 0,
        done: BIG,
        failed: 0,
        skipped: 0,
        cancelled: 0,
      });
      const licensed = await holders(simulatorUrl);
      const bigUsers = await itemUsers(store, big, 'done');
      expect(bigUsers).toHaveLength(BIG);
      expect(bigUsers.filter((id) => !licensed.has(id))).toEqual([]);
      const events = await operationHistory(store.history, DEFAULT_TENANT_ID, big);
      expect(events).toHaveLength(BIG);
      expect(new Set(events.map((event) => event.userId)).size).toBe(BIG);
      expect(events.every((e) => e.change === 'added' && e.result === 'succeeded')).toBe(true);
      const finalRedraw = await waitUntil(
        () =>
          connector.calls
            .filter((call) => call.kind === 'update' && call.activityId === bigCard)
            .map(shown)
            .at(-1) ?? '',
        (text) => text.includes(`Result: ${BIG.toLocaleString('en-US')} done`),
        15_000,
      );
      expect(finalRedraw).toMatch(/\nDone\n/);
      expect(finalRedraw).toContain(`Result: ${BIG.toLocaleString('en-US')} done`);

      // A smaller run, approved on bot #2 and stopped from its card part-way.
      const small = await demoRequest(url, SMALL);
      const smallCard = await megansCard(connector, small);
      expect((await click(second.url, connector, 'request-approve', small, smallCard)).status).toBe(
        200,
      );
      const before = await waitUntil(
        () => counts(small),
        (c) => c.done >= SMALL / 4,
        30_000,
        50,
      );
      expect(before.done).toBeLessThan(SMALL);
      const stopped = await click(second.url, connector, 'request-cancel', small, smallCard);
      const writesAtStop = await writesSpent(simulatorUrl);
      expect(stopped.status).toBe(200);
      expect(stopped.card).toContain('Stopping: Megan Bowen stopped the run');
      const smallState = await waitUntil(
        () => stateOf(small),
        (state) => state !== 'running',
        30_000,
        100,
      );
      expect(smallState).toBe('cancelled');
      // Settled: the background work after the stop (redraws, notices) writes nothing to Graph.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const writesAfter = (await writesSpent(simulatorUrl)) - writesAtStop;
      const smallCounts = await counts(small);
      expect(smallCounts.done + smallCounts.cancelled).toBe(SMALL);
      expect(smallCounts.cancelled).toBeGreaterThan(0);
      // At most the batches already in flight when the stop was answered: a few of 20.
      expect(writesAfter).toBeLessThanOrEqual(5 * 20);
      const nowLicensed = await holders(simulatorUrl);
      const cancelledUsers = await itemUsers(store, small, 'cancelled');
      expect(cancelledUsers).toHaveLength(smallCounts.cancelled);
      expect(cancelledUsers.filter((id) => nowLicensed.has(id))).toEqual([]);
      const smallDone = await itemUsers(store, small, 'done');
      expect(smallDone.filter((id) => !nowLicensed.has(id))).toEqual([]);
      console.info(
        `killed at ${atKill}/${BIG} done; progress seen ${seen.join(' → ')}; stop: ${before.done} done when clicked, ${smallCounts.done} done / ${smallCounts.cancelled} not done, ${writesAfter} writes after the stop answer`,
      );
    } finally {
      for (const bot of bots) {
        bot.kill('SIGKILL');
        await bot.exited;
      }
      await store?.close();
      await services?.close();
      await connector.close();
      standIns.kill('SIGTERM');
      await standIns.exited;
    }
  }, 90_000);
});
