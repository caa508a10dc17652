import type { DemoPerson } from '../simulator/seed/demo-people.ts';
import { FABRIKAM_PEOPLE, FABRIKAM_TENANT_ID } from '../simulator/index.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  PLAYGROUND_CONFIG_FILE,
  playgroundConfigAs,
  type PlaygroundUser,
} from './playground-config.ts';

/** Where the Test Tool writes why it stopped (a bad config file makes it exit without a word). */
export const TEST_TOOL_LOG = path.join('devTools', 'm365agentsplayground.log');

export interface TestToolOptions {
  /** The bot's messages endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** The Test Tool page's port (56150 by default in the embedded run). */
  port: number;
  /** The folder holding `.m365agentsplayground.yml`; the log goes to its `devTools/`. */
  cwd: string;
  /** A config file elsewhere than `cwd` (used to chat as another user). */
  configPath?: string;
  /** Open a browser on the page (the Test Tool's own behaviour); off unless asked. */
  openBrowser?: boolean;
  /** How long to wait for the page to answer. */
  startTimeoutMs?: number;
}

export interface RunningTestTool {
  /** The page to chat on, e.g. `http://127.0.0.1:56150/`. */
  url: string;
  /** Settles when the Test Tool process ends, with the reason read from its log when it failed. */
  exited: Promise<{ code: number | null; reason?: string }>;
  stop(): Promise<void>;
}

/** The Test Tool's CLI script, run on this process's Node (the project's own, not the machine's). */
function testToolCli(): string {
  const require = createRequire(import.meta.url);
  return path.join(
    path.dirname(require.resolve('@microsoft/teams-app-test-tool/package.json')),
    'cli.js',
  );
}

/** The last lines of the Test Tool's log, which say why it stopped. */
export async function testToolFailureReason(cwd: string, lines = 15): Promise<string> {
  try {
    const log = await readFile(path.join(cwd, TEST_TOOL_LOG), 'utf8');
    return log.trim().split('\n').slice(-lines).join('\n');
  } catch {
    return `no log at ${path.join(cwd, TEST_TOOL_LOG)}`;
  }
}

async function waitForPage(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error('the Test Tool exited before its page came up');
    }
    try {
      const res = await fetch(new URL('/_debug/ping', url), { signal: AbortSignal.timeout(1_000) });
      if (res.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the Test Tool page did not answer within ${timeoutMs} ms`);
}

/**
 * Starts the Teams App Test Tool (Microsoft 365 Agents Playground) against the bot, offline
 * (`--disable-telemetry`), and resolves once its page answers. When it fails to come up, the
 * error carries the reason from its log.
 */
export async function startTestTool(options: TestToolOptions): Promise<RunningTestTool> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: options.openBrowser ? 'default' : 'none',
    ...(options.configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath } : {}),
  };
  const child = spawn(
    process.execPath,
    [
      testToolCli(),
      'start',
      '-e',
      options.botEndpoint,
      '-p',
      String(options.port),
      '--disable-telemetry',
    ],
    { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Keep the pipes drained; the Test Tool's chatter is not for the newcomer's terminal.
  child.stdout.resume();
  child.stderr.resume();
  // A child process outlives its parent on Linux: never leave a Test Tool running behind us.
  const killOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  const exited = new Promise<{ code: number | null; reason?: string }>((resolve) => {
    child.once('exit', (code, signal) => {
      if (code === 0 || signal !== null) {
        resolve({ code });
        return;
      }
      void testToolFailureReason(options.cwd).then((reason) => resolve({ code, reason }));
    });
  });
  const url = `http://127.0.0.1:${options.port}/`;
  try {
    await waitForPage(url, child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGTERM');
    const reason = await testToolFailureReason(options.cwd);
    throw new Error(
      `${error instanceof Error ? error.message : 'the Test Tool did not start'}.\n` +
        `From ${path.join(options.cwd, TEST_TOOL_LOG)}:\n${reason}`,
      { cause: error },
    );
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return { url, exited, stop };
}

/** A demo person as the Test Tool's config spells them. */
function playgroundUserOf(person: DemoPerson): PlaygroundUser {
  return {
    id: `user-${person.id}`,
    name: person.displayName,
    aadObjectId: person.id,
    userPrincipleName: person.userPrincipalName,
    email: person.mail,
    givenName: person.givenName,
    surname: person.surname,
  };
}

export interface TestToolAsOptions extends Omit<TestToolOptions, 'cwd' | 'configPath'> {
  /** Who chats: a UPN alias (`meganb`), first or full name, UPN or aadObjectId. */
  who: string;
  /** The folder holding the project's `.m365agentsplayground.yml`. */
  projectDir: string;
}

/**
 * Starts a Test Tool chatting as another person of the project's config (the Test Tool has no
 * user switch): a copy of the config with `who` as the current user, in a temporary folder that
 * `stop()` removes. Nobody matching `who` is an error value listing the people.
 */
export async function startTestToolAs(
  options: TestToolAsOptions,
): Promise<
  { ok: true; tool: RunningTestTool; user: PlaygroundUser } | { ok: false; message: string }
> {
  const { who, projectDir, ...toolOptions } = options;
  const projectConfig = await readFile(path.join(projectDir, PLAYGROUND_CONFIG_FILE), 'utf8');
  const switched = playgroundConfigAs(projectConfig, who, [
    { tenantId: FABRIKAM_TENANT_ID, people: FABRIKAM_PEOPLE.map(playgroundUserOf) },
  ]);
  if (!switched.ok) {
    return switched;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'license-desk-chat-'));
  const configPath = path.join(dir, PLAYGROUND_CONFIG_FILE);
  await writeFile(configPath, switched.yaml);
  try {
    const tool = await startTestTool({ ...toolOptions, cwd: dir, configPath });
    const stop = async (): Promise<void> => {
      await tool.stop();
      await rm(dir, { recursive: true, force: true });
    };
    return { ok: true, tool: { ...tool, stop }, user: switched.user };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
