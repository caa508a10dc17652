import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { recordTurn } from '../../src/bot/turn-log.ts';
import { startBotPlatform, type BotPlatform } from '../../src/server/bot-platform.ts';
import { teamsActivity } from '../support/activities.ts';
import { startLocalConnector, type LocalConnector } from '../support/connector.ts';
import { recordingLogger, type RecordingLogger } from '../support/recording-logger.ts';

const alex = { aadObjectId: '00000000-0000-0000-0000-0000000000020' };

/** A turn held open by the test: it says when it has begun and ends only when released. */
interface TurnGate {
  /** Settles once the `gated` turn is running inside the bot. */
  entered: Promise<void>;
  enter(): void;
  /** The `gated` turn waits on this. */
  released: Promise<void>;
  release(): void;
}

function turnGate(): TurnGate {
  let enter = () => {};
  let release = () => {};
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { entered, enter, released, release };
}

/** Echoes text; `boom` throws; `gated` answers once the test releases the gate. */
function echoBot(gate?: TurnGate): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context: TurnContext, next) => {
    const text = context.activity.text ?? '';
    if (text === 'boom') {
      throw new Error('secret internal detail at /srv/app.ts:42');
    }
    if (text === 'gated' && gate) {
      gate.enter();
      await gate.released;
    }
    recordTurn(context, { command: 'echo', outcome: 'answered' });
    await context.sendActivity(`echo: ${text.length} chars`);
    await next();
  });
  return bot;
}

/** What `/healthz` says of Graph. */
async function graphState(url: string): Promise<{ status: string; checkedAt?: string }> {
  const body = (await (await fetch(`${url}/healthz`)).json()) as {
    dependencies: { graph: { status: string; checkedAt?: string } };
  };
  return body.dependencies.graph;
}

/** The system temp folder's `upload_*` files (formidable's spool files). */
async function uploadSpoolFiles(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('upload_'));
}

describe('bot server', () => {
  let platform: BotPlatform | undefined;
  let connector: LocalConnector | undefined;
  let logger: RecordingLogger;
  let looks: Record<string, number> = {};

  async function start(
    options: { failing?: 'graph' | 'cosmos'; drainTimeoutMs?: number; bodyTimeoutMs?: number } = {},
  ) {
    logger = recordingLogger();
    connector = await startLocalConnector();
    const answer = (name: string) => () => {
      looks[name] = (looks[name] ?? 0) + 1;
      return options.failing === name
        ? Promise.reject(new Error('ECONNREFUSED'))
        : Promise.resolve('ok');
    };
    platform = await startBotPlatform({
      bot: echoBot(),
      auth: { kind: 'anonymous' },
      logger,
      port: 0,
      health: [{ name: 'graph', check: answer('graph') }],
      readiness: [{ name: 'cosmos', check: answer('cosmos') }],
      ...(options.drainTimeoutMs ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
      ...(options.bodyTimeoutMs ? { bodyTimeoutMs: options.bodyTimeoutMs } : {}),
    });
    return { url: platform.server.url, connector };
  }

  function post(url: string, body: unknown) {
    return fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  afterEach(async () => {
    looks = {};
    await platform?.server.close();
    await connector?.close();
    platform = undefined;
    connector = undefined;
  });

  it("says it is alive on /healthz, with Graph's last known state", async () => {
    const { url } = await start();
    const first = await fetch(`${url}/healthz`);
    expect(first.status).toBe(200);
    // The first probe sets a look at Graph going without waiting for it.
    expect(await first.json()).toEqual({
      status: 'alive',
      dependencies: { graph: { status: 'unknown' } },
    });
    await expect
      .poll(() => graphState(url))
      .toEqual({ status: 'ok', checkedAt: expect.any(String) });
  });

  it('stays alive and ready while Graph is down: /healthz says so, the log says it once', async () => {
    const { url } = await start({ failing: 'graph' });
    await fetch(`${url}/healthz`);
    await expect.poll(async () => (await graphState(url)).status).toBe('unreachable');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { cosmos: 'ok' } });
    for (let probe = 0; probe < 5; probe += 1) {
      await fetch(`${url}/healthz`);
    }
    const said = logger.lines.filter((line) => line.message === 'dependency does not answer');
    expect(said).toHaveLength(1);
    expect(said[0]!.fields).toMatchObject({ dependency: 'graph', status: 'unreachable' });
  });

  it('looks at Graph and the store no more often than their cache allows, however often probed', async () => {
    const { url } = await start();
    for (let probe = 0; probe < 20; probe += 1) {
      await fetch(`${url}/healthz`);
      await fetch(`${url}/readyz`);
    }
    // Twenty probes of each within a second: one look at each (5 s and 60 s caches).
    expect(looks).toEqual({ graph: 1, cosmos: 1 });
  });

  it('is not ready, naming the store, when Cosmos does not answer', async () => {
    const { url } = await start({ failing: 'cosmos' });
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toEqual({ status: 'not ready', checks: { cosmos: 'unreachable' } });
    expect(JSON.stringify(body)).not.toContain('ECONNREFUSED');
  });

  it('answers unknown paths with a JSON 404 and a GET on /api/messages with 405', async () => {
    const { url } = await start();
    const missing = await fetch(`${url}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect(((await missing.json()) as { code: string }).code).toBe('ResourceNotFound');
    expect((await fetch(`${url}/api/messages`)).status).toBe(405);
  });

  it('runs a turn with 10 KB of text and the reply reaches the connector', async () => {
    const { url, connector } = await start();
    const activity = teamsActivity(connector.serviceUrl, alex, { text: 'x'.repeat(10_240) });
    const res = await post(url, activity);
    expect(res.status).toBe(200);
    const replies = connector.callsFor(activity.conversation.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.kind).toBe('reply');
    expect(replies[0]!.activityId).toBe(activity.id);
    expect(replies[0]!.activity.text).toBe('echo: 10240 chars');
  });

  it('refuses a multi-megabyte body with 413 and runs no turn', async () => {
    const { url, connector } = await start();
    const activity = teamsActivity(connector.serviceUrl, alex, { text: 'x'.repeat(3_000_000) });
    const res = await post(url, activity);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('PayloadTooLarge');
    expect(connector.calls).toHaveLength(0);
  });

  it('refuses a 5 MB JSON body with 413 before reading it all', async () => {
    const { url, connector } = await start();
    const res = await post(url, JSON.stringify({ type: 'message', text: 'x'.repeat(5_000_000) }));
    expect(res.status).toBe(413);
    expect(connector.calls).toHaveLength(0);
  });

  it.each([
    ['multipart/form-data', 'multipart/form-data; boundary=XyZ'],
    ['urlencoded', 'application/x-www-form-urlencoded'],
    ['plain text', 'text/plain'],
    ['no content type', undefined],
  ])('refuses a %s body with 415, before auth, writing nothing to disk', async (_kind, type) => {
    const { url, connector } = await start();
    const before = await uploadSpoolFiles();
    const body =
      type?.startsWith('multipart') === true
        ? '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="evil.bin"\r\n' +
          'Content-Type: application/octet-stream\r\n\r\n' +
          'x'.repeat(64 * 1024) +
          '\r\n--XyZ--\r\n'
        : 'type=message&text=hi';
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: type === undefined ? {} : { 'content-type': type },
      body: new TextEncoder().encode(body),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { code: string }).code).toBe('UnsupportedMediaType');
    expect(await uploadSpoolFiles()).toEqual(before);
    expect(connector.calls).toHaveLength(0);
    expect(logger.lines.some((line) => line.message.includes('token'))).toBe(false);
  });

  it('cuts off a body that never ends (408) instead of holding the connection', async () => {
    const { url, connector } = await start({ bodyTimeoutMs: 300 });
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100000\r\n\r\n{"type":"mess',
    );
    // A trickle slower than the bound: a byte every 100 ms.
    const trickle = setInterval(() => socket.write(' '), 100);
    try {
      await closed;
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(connector.calls).toHaveLength(0);
  });

  it('answers 400 to a body that is not an activity, and to broken JSON', async () => {
    const { url } = await start();
    expect((await post(url, { hello: 'world' })).status).toBe(400);
    const broken = await post(url, '{"type": "message", ');
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toContain('application/json');
  });

  it('answers 400, not 401, in embedded mode to an activity without a conversation', async () => {
    const { url, connector } = await start();
    const res = await post(url, { type: 'message', text: 'hi', channelId: 'msteams' });
    expect(res.status).toBe(400);
    expect(connector.calls).toHaveLength(0);
  });

  it('apologises without detail when a turn fails, and logs the detail with the activity id', async () => {
    const { url, connector } = await start();
    const activity = teamsActivity(connector.serviceUrl, alex, { text: 'boom' });
    const res = await post(url, activity);
    expect(res.status).toBe(200);
    const [reply] = connector.callsFor(activity.conversation.id);
    const text = String(reply!.activity.text);
    expect(text).toContain('something went wrong');
    expect(text).toContain(activity.id);
    expect(text).not.toMatch(/secret|app\.ts|Error/);
    const logged = logger.lines.find((line) => line.level === 'error');
    expect(logged?.fields.activityId).toBe(activity.id);
    expect((logged?.fields.err as Error).message).toContain('secret internal detail');
  });

  it('writes exactly one log line per turn with ids, command, duration and outcome, never the text', async () => {
    const { url, connector } = await start();
    const activity = teamsActivity(connector.serviceUrl, alex, { text: 'my password is hunter2' });
    await post(url, activity);
    const turns = logger.lines.filter((line) => line.message === 'turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]!.fields).toMatchObject({
      activityId: activity.id,
      type: 'message',
      conversationId: activity.conversation.id,
      userId: alex.aadObjectId,
      command: 'echo',
      outcome: 'answered',
    });
    expect(turns[0]!.fields.durationMs).toEqual(expect.any(Number));
    expect(JSON.stringify(logger.lines)).not.toContain('hunter2');
  });

  it('logs a failed turn as an error outcome', async () => {
    const { url, connector } = await start();
    await post(url, teamsActivity(connector.serviceUrl, alex, { text: 'boom' }));
    const turns = logger.lines.filter((line) => line.message.startsWith('turn'));
    expect(turns.map((line) => line.fields.outcome)).toContain('error');
  });
});

describe('graceful shutdown', () => {
  it('lets a turn in flight finish, then stops taking requests', async () => {
    const logger = recordingLogger();
    const connector = await startLocalConnector();
    const gate = turnGate();
    const platform = await startBotPlatform({
      bot: echoBot(gate),
      auth: { kind: 'anonymous' },
      logger,
      port: 0,
    });
    const { url } = platform.server;
    try {
      const activity = teamsActivity(connector.serviceUrl, alex, { text: 'gated' });
      const inFlight = fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await gate.entered;
      expect(platform.server.inFlight()).toBe(1);
      // The turn is still running when close begins, and ends only after.
      const closing = platform.server.close();
      gate.release();
      const res = await inFlight;
      expect(res.status).toBe(200);
      await closing;
      expect(connector.callsFor(activity.conversation.id)).toHaveLength(1);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      await platform.server.close();
      await connector.close();
    }
  });

  it('does not wait longer than the drain bound for a turn that never ends', async () => {
    const logger = recordingLogger();
    const connector = await startLocalConnector();
    // Never released: the turn outlives the server, so only the drain bound can end close.
    const gate = turnGate();
    const platform = await startBotPlatform({
      bot: echoBot(gate),
      auth: { kind: 'anonymous' },
      logger,
      port: 0,
      drainTimeoutMs: 200,
    });
    try {
      const activity = teamsActivity(connector.serviceUrl, alex, { text: 'gated' });
      const stuck = fetch(`${platform.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      }).catch(() => 'dropped');
      await gate.entered;
      const started = Date.now();
      await platform.server.close();
      // 200 ms of drain plus a loaded machine's slack: far from a turn that waits forever.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await stuck).toBe('dropped');
      expect(logger.lines.some((line) => line.message.includes('drain timeout'))).toBe(true);
    } finally {
      await connector.close();
    }
  });
});
