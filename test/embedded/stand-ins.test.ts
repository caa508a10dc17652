import { get, type Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type EmbeddedConfig } from '../../src/config.ts';
import { connectStandIns } from '../../src/embedded/connect-stand-ins.ts';
import { isInProcess } from '../../src/embedded/embedded-services.ts';
import { openStandIns } from '../../src/embedded/open-stand-ins.ts';
import { standInsBanner } from '../../src/embedded/stand-ins-banner.ts';
import { startStandIns, type RunningStandIns } from '../../src/embedded/stand-ins.ts';
import { startEmbeddedCosmos } from '../../src/store/embedded-cosmos.ts';
import { openCosmosStore } from '../../src/store/index.ts';
import { freePort } from '../support/free-port.ts';

const problemOf = async (work: Promise<unknown>): Promise<string> => {
  const error: unknown = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toHaveLength(1);
  return (error as ConfigError).problems[0]!;
};

/** The status of `GET url` through `agent`, or the TLS error's code. */
function statusThrough(url: string, agent: Agent): Promise<number | string> {
  return new Promise((resolve) => {
    get(url, { agent, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('the stand-ins of npm run stand-ins, as npm start finds them', () => {
  let config: EmbeddedConfig;
  let standIns: RunningStandIns;

  beforeAll(async () => {
    const loaded = loadConfig({
      SIMULATOR_PORT: '0',
      COSMOS_PORT: '0',
      STANDINS_PORT: '0',
      SIMULATOR_SIZE: '100',
    });
    if (loaded.mode !== 'embedded') {
      throw new Error('The stand-ins run in the embedded mode.');
    }
    config = loaded;
    standIns = await startStandIns(config);
  });

  afterAll(async () => {
    await standIns?.close();
  });

  it('are described at their URL: the simulator, and Cosmos with its certificate', async () => {
    const services = await connectStandIns(standIns.url);
    try {
      expect(isInProcess(services)).toBe(false);
      expect(services.simulator).toEqual({
        url: standIns.services.simulator.url,
        graphBaseUrl: `${standIns.services.simulator.url}/v1.0`,
      });
      expect(services.cosmos).toMatchObject({
        endpoint: standIns.services.cosmos.endpoint,
        certificate: standIns.services.cosmos.certificate,
      });
      const store = await openCosmosStore(
        { kind: 'embedded', database: 'stand-ins-seen' },
        { embedded: services.cosmos },
      );
      expect(await store.ping()).toEqual({ ok: true });
      await store.close();
    } finally {
      await services.close();
    }
    // The bot's side closed: the stand-ins run on.
    expect((await fetch(standIns.url)).status).toBe(200);
    expect((await fetch(`${standIns.services.simulator.url}/_simulator/counters`)).status).toBe(
      200,
    );
    expect(
      await statusThrough(`${standIns.services.cosmos.endpoint}/`, standIns.services.cosmos.agent),
    ).toBe(200);
  });

  it('trust their own Cosmos certificate and no other', async () => {
    const services = await connectStandIns(standIns.url);
    const other = await startEmbeddedCosmos();
    try {
      expect(await statusThrough(`${other.endpoint}/`, services.cosmos.agent)).toMatch(
        /CERT|SIGNATURE|SELF_SIGNED|VERIFY/,
      );
    } finally {
      await other.close();
      await services.close();
    }
  });

  it('answer only GET / with their description', async () => {
    expect((await fetch(`${standIns.url}/anything`)).status).toBe(404);
  });

  it('print the line that starts the bot on them', () => {
    const text = standInsBanner(standIns, config.simulator);
    expect(text).toContain(`  STANDINS=${standIns.url} npm start\n`);
    expect(text).toContain(`Graph stand-in:   ${standIns.services.simulator.url}/v1.0`);
    expect(text).toContain(`Cosmos stand-in:  ${standIns.services.cosmos.endpoint}`);
    expect(text).toContain('seed 1, 100 users');
  });

  it('when nothing answers at STANDINS, start-up says so and how to start them', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await problemOf(connectStandIns(url))).toBe(
      `STANDINS: No stand-ins answer at ${url}: start them with \`npm run stand-ins\`, or unset STANDINS for \`npm start\` to run its own.`,
    );
  });

  it('when npm start without STANDINS finds them on its simulator port, it says what to do', async () => {
    const port = Number(new URL(standIns.services.simulator.url).port);
    expect(
      await problemOf(openStandIns({ ...config, simulator: { ...config.simulator, port } })),
    ).toBe(
      `SIMULATOR_PORT: port ${port} is in use. If \`npm run stand-ins\` runs there, start with the STANDINS line it printed; otherwise set SIMULATOR_PORT to a free port.`,
    );
  });

  it('when something else answers at STANDINS, start-up says it is not the stand-ins', async () => {
    const url = standIns.services.simulator.url;
    expect(await problemOf(connectStandIns(url))).toMatch(
      new RegExp(`^STANDINS: What answers at ${url} is not \`npm run stand-ins\` \\(HTTP \\d+\\)`),
    );
  });
});
