/**
 * `npm run bench -- turn-latency [--duration=20] [--concurrency=50] [--warmup=2]`
 *
 * Turn latency of License Desk against a bare echo bot on the same CloudAdapter + restify stack,
 * in the same run: `--concurrency` conversations, each sending `licenses` and `user <upn>` in a
 * closed loop (next message when the previous turn answered) for `--duration` seconds, against
 * the embedded stack (Graph simulator with the demo tenant, in-process Cosmos, local connector),
 * all in this process. A turn's time is the HTTP round trip of `POST /api/messages`, which
 * includes the bot's replies reaching the connector. The load runs in a worker thread (this same
 * file), so the conversations do not steal the event loop of the bots they measure.
 * Target: License Desk's p99 ≤ 2× echo's.
 */
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ActivityHandler, type Activity } from 'botbuilder';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logging.ts';
import { startBotPlatform } from '../src/server/bot-platform.ts';
import { startLicenseDesk } from '../src/server/license-desk.ts';
import { DEMO_PEOPLE } from '../src/simulator/seed/demo-tenant.ts';
import { teamsActivity } from '../test/support/activities.ts';
import { startLocalConnector } from '../test/support/connector.ts';
import { percentile } from './lib/percentile.ts';

interface Figures {
  turns: number;
  errors: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The messages each conversation cycles through: the read-only commands of issue 3. */
const upns = DEMO_PEOPLE.map((person) => person.userPrincipalName);
const messageFor = (turn: number, conversation: number): string =>
  turn % 2 === 0 ? 'licenses' : `user ${upns[(turn + conversation) % upns.length]!}`;

interface LoadRequest {
  botUrl: string;
  serviceUrl: string;
  tenantId: string;
  ms: number;
  concurrency: number;
}

/** Runs the closed-loop load against one bot and measures each turn (in the worker). */
async function load({
  botUrl,
  serviceUrl,
  tenantId,
  ms,
  concurrency,
}: LoadRequest): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, conversation) => {
      const person = DEMO_PEOPLE[conversation % DEMO_PEOPLE.length]!;
      const conversationId = `a:bench-${conversation}-${person.id}`;
      for (let turn = 0; performance.now() < deadline; turn += 1) {
        const activity: Activity = teamsActivity(
          serviceUrl,
          { aadObjectId: person.id, tenantId, name: person.displayName },
          {
            text: messageFor(turn, conversation),
            conversation: {
              id: conversationId,
              conversationType: 'personal',
              tenantId,
              isGroup: false,
              name: '',
            },
          },
        );
        const sent = performance.now();
        try {
          const res = await fetch(`${botUrl}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity),
          });
          await res.arrayBuffer();
          if (res.status !== 200) {
            errors += 1;
            continue;
          }
          latencies.push(performance.now() - sent);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    turns: sorted.length,
    errors,
    turnsPerSecond: Math.round((sorted.length / elapsed) * 10) / 10,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

function echoBot(): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  return bot;
}

const line = (name: string, f: Figures): string =>
  `${name.padEnd(13)} turns ${String(f.turns).padStart(6)}  ${String(f.turnsPerSecond).padStart(7)} turns/s  ` +
  `p50 ${f.p50} ms  p95 ${f.p95} ms  p99 ${f.p99} ms  max ${f.max} ms  errors ${f.errors}`;

/** Runs `load` in a fresh worker thread and waits for its figures. */
function loadInWorker(request: LoadRequest): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: request });
    worker.once('message', (figures: Figures) => resolve(figures));
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '2' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const concurrency = Number(values.concurrency);
  const connector = await startLocalConnector({ record: false });
  const config = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR_PORT: '0' });
  const desk = await startLicenseDesk({ ...config, port: 0 });
  const echo = await startBotPlatform({
    bot: echoBot(),
    auth: { kind: 'anonymous' },
    logger: createLogger({ level: 'silent' }),
    port: 0,
  });
  try {
    // Graph's real budget would throttle 50 busy conversations in one small tenant; this bench
    // measures the bot's own turn cost, so the simulator gets a budget it will not reach.
    await fetch(`${desk.embedded!.simulator.url}/_simulator/throttle`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    console.log(
      `turn-latency: ${concurrency} conversations, ${durationMs / 1000} s each, ` +
        `demo tenant of ${config.mode === 'embedded' ? config.simulator.size : '?'} users`,
    );
    const against = (botUrl: string, ms: number): Promise<Figures> =>
      loadInWorker({
        botUrl,
        serviceUrl: connector.serviceUrl,
        tenantId: desk.config.tenantId,
        ms,
        concurrency,
      });
    await against(desk.url, warmupMs);
    await against(echo.server.url, warmupMs);
    const echoFigures = await against(echo.server.url, durationMs);
    const deskFigures = await against(desk.url, durationMs);

    const ratio = Math.round((deskFigures.p99 / echoFigures.p99) * 100) / 100;
    console.log(line('echo bot', echoFigures));
    console.log(line('License Desk', deskFigures));
    console.log(`p99 License Desk / echo: ${ratio} (target ≤ 2)`);
    console.log(
      JSON.stringify({
        bench: 'turn-latency',
        concurrency,
        durationSeconds: durationMs / 1000,
        echo: echoFigures,
        licenseDesk: deskFigures,
        p99Ratio: ratio,
        targetRatio: 2,
        met: ratio <= 2 && deskFigures.errors === 0,
      }),
    );
  } finally {
    await echo.server.close();
    await desk.close();
    await connector.close();
  }
}

if (isMainThread) {
  await main();
} else {
  parentPort!.postMessage(await load(workerData as LoadRequest));
}
