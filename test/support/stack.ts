import type { Activity } from 'botbuilder';
import type { DirectoryCacheTimes } from '../../src/app/caching/cached-directory.ts';
import type { Clock } from '../../src/app/ports/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { isInProcess } from '../../src/embedded/embedded-services.ts';
import { startLicenseDesk, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import type { EmbeddedCosmos } from '../../src/store/index.ts';
import {
  DEFAULT_TENANT_ID,
  personalConversationId,
  teamsActivity,
  type Speaker,
} from './activities.ts';
import { startLocalConnector, type ConnectorCall, type LocalConnector } from './connector.ts';
import { recordingLogger, type LogLine } from './recording-logger.ts';

/** The bot's answer to one activity. */
export interface TurnResult {
  /** The HTTP status of `POST /api/messages`. */
  status: number;
  /** The HTTP body: the invoke response's body for invokes, usually empty otherwise. */
  body: unknown;
  /** What the bot sent into this activity's conversation while handling it (replies, updates). */
  replies: ConnectorCall[];
  /** Every connector call made while handling it, any conversation (e.g. an approval card). */
  calls: ConnectorCall[];
  /** The activity as it was posted. */
  activity: Activity;
}

export interface TestStackOptions {
  /** Users in the demo tenant (default 200: fast, and the DEMO_PEOPLE are always there). */
  size?: number;
  /** Extra environment for `loadConfig` (e.g. `REQUESTER_GROUP_IDS`); never the process's own. */
  env?: Record<string, string>;
  /** License Desk's clock (default: the system's), e.g. one a test moves forward. */
  clock?: Clock;
  /** How long closing waits for work in progress (default 2 s). */
  drainTimeoutMs?: number;
  /** How long Graph reads are kept, for tests that change the tenant behind the bot's back. */
  readCacheTimes?: DirectoryCacheTimes;
  /** The tenant License Desk serves, as configured (default: the Test Tool's). */
  tenantId?: string;
  /** How often `/readyz` and `/healthz` may look at Cosmos and Graph (default: as in production). */
  checkMaxAgeMs?: { readiness?: number; health?: number };
}

export interface TestStack {
  /** The bot's base URL; the endpoint is `${url}/api/messages`. */
  url: string;
  desk: RunningLicenseDesk;
  simulator: RunningSimulator;
  cosmos: EmbeddedCosmos;
  connector: LocalConnector;
  /** Every call the bot made to the connector, in arrival order. */
  replies: ConnectorCall[];
  /** Every line the stack logged. */
  logs: LogLine[];
  tenantId: string;
  /** A Teams-shaped activity from `as` (default: Alex Wilber), `serviceUrl` = the connector. */
  activity(partial: Partial<Activity> & { text?: string }, as?: Speaker): Activity;
  send(activity: Partial<Activity> & { text?: string }, as?: Speaker): Promise<TurnResult>;
  personalMessage(text: string, asUserId: string): Promise<TurnResult>;
  invoke(
    name: string,
    value: unknown,
    asUserId: string,
    partial?: Partial<Activity>,
  ): Promise<TurnResult>;
  /** The personal-scope install Teams sends when a user adds the app. */
  installationUpdate(asUserId: string): Promise<TurnResult>;
  /**
   * Waits for connector calls made after a turn (work the bot finishes in the background), 20 s
   * at most unless told: generous for a loaded machine, and a call that never comes still fails.
   */
  waitForCalls(
    predicate: (call: ConnectorCall) => boolean,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<ConnectorCall[]>;
  /**
   * Waits until the bot's background work is done (runs, changes being told, jobs) and it has
   * then made no connector call for `quietMs` (at most 10 s more): background work of one test
   * (redraws, the requester's notice) must not land in the next test's turn.
   */
  settle(quietMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Alex Wilber, the Test Tool's default user and a manager in the demo tenant. */
export const ALEX_WILBER = '00000000-0000-0000-0000-0000000000020';

/**
 * Starts License Desk in embedded mode exactly as `npm start` composes it (simulator with a small
 * demo tenant, in-process Cosmos, the bot server), all on 127.0.0.1 port 0, plus a local
 * connector that receives the bot's replies. Close it in `afterAll`.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const connector = await startLocalConnector();
  const logger = recordingLogger();
  const loaded = loadConfig({
    LOG_LEVEL: 'silent',
    SIMULATOR_PORT: '0',
    SIMULATOR_SIZE: String(options.size ?? 200),
    // Tests wait for Entra's processing: a quarter of a second a step, not the demo's two.
    SIMULATOR_GROUP_PROCESSING_MS: '250',
    ...options.env,
  });
  let desk: RunningLicenseDesk;
  try {
    desk = await startLicenseDesk(
      { ...loaded, port: 0, ...(options.tenantId ? { tenantId: options.tenantId } : {}) },
      {
        logger,
        drainTimeoutMs: options.drainTimeoutMs ?? 2_000,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.readCacheTimes ? { readCacheTimes: options.readCacheTimes } : {}),
        ...(options.checkMaxAgeMs ? { checkMaxAgeMs: options.checkMaxAgeMs } : {}),
      },
    );
  } catch (error) {
    await connector.close();
    throw error;
  }
  if (!desk.embedded || !isInProcess(desk.embedded)) {
    await desk.close();
    await connector.close();
    throw new Error(
      'startTestStack needs the embedded mode with its own stand-ins: do not pass production settings or STANDINS.',
    );
  }
  const standIns = desk.embedded;
  // The start-up jobs (resume, tell) have run before a test stages anything in the store.
  await desk.jobs.idle();
  const tenantId = desk.config.tenantId;

  const activity = (partial: Partial<Activity> & { text?: string }, as?: Speaker): Activity =>
    teamsActivity(connector.serviceUrl, as ?? { aadObjectId: ALEX_WILBER, tenantId }, partial);

  const send = async (
    partial: Partial<Activity> & { text?: string },
    as?: Speaker,
  ): Promise<TurnResult> => {
    const posted = activity(partial, as);
    const first = connector.calls.length;
    const res = await fetch(`${desk.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(posted),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    const calls = connector.calls.slice(first);
    const replies = calls.filter(
      (call) => call.activityId === posted.id || call.conversationId === posted.conversation.id,
    );
    return { status: res.status, body, replies, calls, activity: posted };
  };

  const speaker = (aadObjectId: string): Speaker => ({ aadObjectId, tenantId });

  return {
    url: desk.url,
    desk,
    simulator: standIns.simulator,
    cosmos: standIns.cosmos,
    connector,
    replies: connector.calls,
    logs: logger.lines,
    tenantId,
    activity,
    send,
    personalMessage: (text, asUserId) => send({ type: 'message', text }, speaker(asUserId)),
    invoke: (name, value, asUserId, partial = {}) =>
      send({ type: 'invoke', name, value, ...partial }, speaker(asUserId)),
    installationUpdate: (asUserId) =>
      send(
        {
          type: 'installationUpdate',
          action: 'add',
          conversation: {
            id: personalConversationId(asUserId),
            conversationType: 'personal',
            tenantId,
            isGroup: false,
            name: '',
          },
        },
        speaker(asUserId),
      ),
    waitForCalls: async (predicate, waitOptions = {}) => {
      const count = waitOptions.count ?? 1;
      const deadline = Date.now() + (waitOptions.timeoutMs ?? 20_000);
      for (;;) {
        const found = connector.calls.filter(predicate);
        if (found.length >= count) {
          return found;
        }
        if (Date.now() > deadline) {
          throw new Error(`waited for ${count} connector call(s), saw ${found.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    settle: async (quietMs = 200) => {
      await desk.settled();
      const deadline = Date.now() + 10_000;
      let seen = connector.calls.length;
      let quietSince = Date.now();
      while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (connector.calls.length !== seen) {
          seen = connector.calls.length;
          quietSince = Date.now();
        }
      }
    },
    close: async () => {
      await desk.close();
      await connector.close();
    },
  };
}

export { DEFAULT_TENANT_ID };
