/**
 * `npm run bench -- turn-latency [--duration=20] [--slices=4] [--concurrency=50] [--warmup=3]
 * [--ramp=1] [--graph=process|inline]`
 *
 * Turn latency of License Desk against a bare echo bot on the same CloudAdapter + restify stack
 * (`startBotPlatform`), in the same run and under the same load: `--concurrency` conversations,
 * each sending `licenses` and `user <upn>` in turn in a closed loop (the next message when the
 * previous turn answered), for `--duration` seconds per bot, against the embedded stack (Graph
 * simulator with the demo tenant, the Cosmos-compatible server). By default (`--graph=process`)
 * the simulator runs in a process of its own, as Graph is another machine in production, so the
 * stand-in's own CPU is not billed to the bots' event loop; `--graph=inline` keeps it in this
 * process, as `npm start` runs it. The Cosmos-compatible server is in this process either way.
 *
 * A turn's time is the HTTP round trip of `POST /api/messages` measured at the client, which
 * includes the bot's replies reaching the connector. The client and the connector run in their
 * own process (bench/support/turn-load-driver.ts), so this process holds the bots' work only and
 * its CPU time per turn is the bots' own.
 *
 * The two cores are shared, so a burst of load elsewhere could decide the ratio if each bot ran
 * once: after a warm-up of each, the duration is cut into `--slices` slices per bot, run in
 * alternation (echo, desk, desk, echo, echo, desk…) so both bots see the same machine, and the
 * figures are over all slices of a bot. Each slice starts with `--ramp` seconds of the same load
 * that are not counted (a bot left idle by the other's slice has closed its idle connections:
 * reopening them is an artefact of slicing, not a turn's cost), and with a full GC in both
 * processes. CPU time per turn counts the ramps' turns too. Target: License Desk's p99 ≤ 2×
 * echo's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ActivityHandler } from 'botbuilder';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logging.ts';
import { startBotPlatform } from '../src/server/bot-platform.ts';
import { startLicenseDesk } from '../src/server/license-desk.ts';
import { percentile } from './lib/percentile.ts';
import { fullGc } from './support/full-gc.ts';
import { startSimulatorProcess } from './support/simulator-process.ts';
import type { SliceResult } from './support/turn-load-driver.ts';

/** What a bot measured, over all its slices. */
interface Figures {
  turns: number;
  errors: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time (user + system) of the bots' process per turn, while this bot was under load. */
  cpuMsPerTurn: number;
  /** CPU time of the load driver (client and connector) per turn of this bot. */
  driverCpuMsPerTurn: number;
  /** Each slice's own p99, to show how much the machine moved during the run. */
  sliceP99s: number[];
}

interface Measured {
  latencies: number[];
  errors: number;
  seconds: number;
  cpuMicros: number;
  driverCpuMicros: number;
  /** Turns answered while the CPU above was counted, ramps included. */
  allTurns: number;
  sliceP99s: number[];
}

const round = (value: number, decimals = 2): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

function figuresOf(measured: Measured): Figures {
  const sorted = measured.latencies.toSorted((a, b) => a - b);
  return {
    turns: sorted.length,
    errors: measured.errors,
    turnsPerSecond: round(sorted.length / measured.seconds, 1),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    cpuMsPerTurn: round(measured.cpuMicros / 1000 / Math.max(1, measured.allTurns), 3),
    driverCpuMsPerTurn: round(measured.driverCpuMicros / 1000 / Math.max(1, measured.allTurns), 3),
    sliceP99s: measured.sliceP99s,
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
  `p50 ${f.p50} ms  p95 ${f.p95} ms  p99 ${f.p99} ms  max ${f.max} ms  ` +
  `cpu ${f.cpuMsPerTurn} ms/turn (driver ${f.driverCpuMsPerTurn})  errors ${f.errors}  slice p99s ${f.sliceP99s.join(' / ')}`;

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** The load driver process, with a way to run one slice on it. */
interface Driver {
  serviceUrl: string;
  run(request: {
    botUrl: string;
    tenantId: string;
    ms: number;
    rampMs: number;
    concurrency: number;
  }): Promise<SliceResult>;
  stop(): Promise<void>;
}

async function startDriver(): Promise<Driver> {
  const child: ChildProcess = fork(new URL('./support/turn-load-driver.ts', import.meta.url));
  const next = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null): void =>
        reject(new Error(`the load driver exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const ready = (await next()) as { serviceUrl: string };
  return {
    serviceUrl: ready.serviceUrl,
    run: async (request) => {
      const answer = next();
      child.send({ kind: 'run', ...request });
      return (await answer) as SliceResult;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ kind: 'stop' });
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '20' },
      slices: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '3' },
      ramp: { type: 'string', default: '1' },
      graph: { type: 'string', default: 'process' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const slices = Math.max(1, Math.round(Number(values.slices)));
  const warmupMs = Number(values.warmup) * 1000;
  const rampMs = Number(values.ramp) * 1000;
  const concurrency = Number(values.concurrency);
  const driver = await startDriver();
  const config = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR_PORT: '0' });
  if (values.graph !== 'process' && values.graph !== 'inline') {
    throw new Error(`--graph is "process" or "inline", not "${values.graph}".`);
  }
  const graphIn = values.graph;
  const services =
    graphIn === 'process' && config.mode === 'embedded'
      ? await startSimulatorProcess(config.simulator)
      : undefined;
  const desk = await startLicenseDesk(
    { ...config, port: 0 },
    services ? { embedded: services } : {},
  );
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
      `turn-latency: ${concurrency} conversations, ${durationMs / 1000} s per bot in ${slices} ` +
        `alternating slices, demo tenant of ${config.mode === 'embedded' ? config.simulator.size : '?'} users, ` +
        `Graph simulator ${graphIn === 'process' ? 'in its own process' : 'in the bots’ process'}; ` +
        `load average ${load()}`,
    );
    const bots = {
      echo: { url: echo.server.url, measured: emptyMeasure() },
      desk: { url: desk.url, measured: emptyMeasure() },
    };
    // Both bots share this process's heap: each slice starts from a full collection, so neither
    // pays for the other's garbage.
    const collect = fullGc();
    const slice = async (
      bot: keyof typeof bots,
      ms: number,
      ramp: number,
      keep: boolean,
    ): Promise<void> => {
      collect();
      const cpuBefore = process.cpuUsage();
      const result = await driver.run({
        botUrl: bots[bot].url,
        tenantId: desk.config.tenantId,
        ms,
        rampMs: ramp,
        concurrency,
      });
      const cpu = process.cpuUsage(cpuBefore);
      if (!keep) {
        return;
      }
      const measured = bots[bot].measured;
      for (const latency of result.latencies) {
        measured.latencies.push(latency);
      }
      measured.errors += result.errors;
      measured.seconds += result.seconds;
      measured.cpuMicros += cpu.user + cpu.system;
      measured.driverCpuMicros += result.cpuMicros;
      measured.allTurns += result.allTurns;
      measured.sliceP99s.push(
        percentile(
          result.latencies.toSorted((a, b) => a - b),
          99,
          1,
        ),
      );
    };
    await slice('desk', warmupMs, 0, false);
    await slice('echo', warmupMs, 0, false);
    // ABBA order: neither bot always runs first, so a slow drift in the machine's load is shared.
    for (let index = 0; index < slices; index += 1) {
      const order: (keyof typeof bots)[] = index % 2 === 0 ? ['echo', 'desk'] : ['desk', 'echo'];
      for (const bot of order) {
        await slice(bot, durationMs / slices, rampMs, true);
      }
    }
    const echoFigures = figuresOf(bots.echo.measured);
    const deskFigures = figuresOf(bots.desk.measured);
    const ratio = round(deskFigures.p99 / echoFigures.p99);
    console.log(line('echo bot', echoFigures));
    console.log(line('License Desk', deskFigures));
    console.log(`p99 License Desk / echo: ${ratio} (target ≤ 2); load average ${load()}`);
    console.log(
      JSON.stringify({
        bench: 'turn-latency',
        concurrency,
        durationSeconds: durationMs / 1000,
        slices,
        graphSimulator: graphIn,
        loadAverage: loadavg().map((value) => round(value)),
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
    await services?.close();
    await driver.stop();
  }
}

function emptyMeasure(): Measured {
  return {
    latencies: [],
    errors: 0,
    seconds: 0,
    cpuMicros: 0,
    driverCpuMicros: 0,
    allTurns: 0,
    sliceP99s: [],
  };
}

await main();
