/**
 * `npm start`: License Desk. Without credentials it runs embedded — Graph simulator with the demo
 * tenant, in-process Cosmos (or those of `npm run stand-ins`, with STANDINS), the bot on PORT, and
 * the Teams App Test Tool to chat in — and prints where to chat. With production settings it runs
 * the bot alone. Flags: `--browser` opens the Test Tool in a browser; `--no-test-tool` leaves it
 * out.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Directory } from './app/ports/directory.ts';
import { describeConfig, exitOnConfigError, loadConfig, loadConfigOrExit } from './config.ts';
import type { BannerPerson } from './embedded/banner.ts';
import type { PlaygroundUser } from './embedded/playground-config.ts';
import type { RunningTestTool } from './embedded/test-tool.ts';
import { startLicenseDesk, type RunningLicenseDesk } from './server/license-desk.ts';

const { values: flags } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    'no-test-tool': { type: 'boolean', default: false },
  },
});
const repoRoot = path.resolve(import.meta.dirname, '..');

async function person(
  user: PlaygroundUser,
  directory: Directory,
  approverGroupIds: readonly string[],
): Promise<BannerPerson> {
  const [groups, found] = await Promise.all([
    directory.listTransitiveGroupIds(user.aadObjectId).catch(() => []),
    directory.findUser(user.aadObjectId).catch(() => null),
  ]);
  return {
    name: user.name,
    alias: (user.userPrincipleName ?? user.name).split('@')[0]!.toLowerCase(),
    ...(found?.jobTitle ? { jobTitle: found.jobTitle } : {}),
    role: groups.some((id) => approverGroupIds.includes(id)) ? 'approver' : 'requester',
  };
}

/** The Test Tool's people, or none when the project file is missing (its defaults apply). */
async function readPeople() {
  const { PLAYGROUND_CONFIG_FILE, playgroundPeople } =
    await import('./embedded/playground-config.ts');
  try {
    return playgroundPeople(await readFile(path.join(repoRoot, PLAYGROUND_CONFIG_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

async function startChat(desk: RunningLicenseDesk): Promise<RunningTestTool | undefined> {
  if (desk.config.mode !== 'embedded' || !desk.embedded) {
    return undefined;
  }
  // The demo's own pieces load only here: a production process never loads them.
  const [{ embeddedBanner }, { startTestTool }] = await Promise.all([
    import('./embedded/banner.ts'),
    import('./embedded/test-tool.ts'),
  ]);
  const people = await readPeople();
  const { approverGroupIds } = desk.config;
  const current = people && (await person(people.current, desk.directory, approverGroupIds));
  const others = await Promise.all(
    (people?.others ?? []).map((user) => person(user, desk.directory, approverGroupIds)),
  );
  let tool: RunningTestTool | undefined;
  let problem: string | undefined = flags['no-test-tool']
    ? 'started with --no-test-tool (point any Bot Framework client at the bot below)'
    : undefined;
  if (!flags['no-test-tool']) {
    try {
      tool = await startTestTool({
        botEndpoint: `${desk.url}/api/messages`,
        port: desk.config.testTool.port,
        cwd: repoRoot,
        openBrowser: flags.browser,
      });
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  process.stdout.write(
    embeddedBanner({
      botUrl: desk.url,
      simulatorUrl: desk.embedded.simulator.url,
      ...(desk.config.standIns.url ? { standInsUrl: desk.config.standIns.url } : {}),
      ...(tool ? { testToolUrl: tool.url } : {}),
      ...(problem ? { testToolProblem: problem } : {}),
      ...(current ? { current } : {}),
      others,
    }),
  );
  void tool?.exited.then((ended) => {
    if (ended.reason !== undefined) {
      desk.logger.error({ exitCode: ended.code }, 'the Teams App Test Tool stopped');
      process.stderr.write(`\nThe Teams App Test Tool stopped. From its log:\n${ended.reason}\n`);
    }
  });
  return tool;
}

const config = loadConfigOrExit(() => loadConfig());
// Settings found unusable only when used (STANDINS naming nothing) read as a bad .env does.
const desk = await startLicenseDesk(config).catch((error: unknown) => exitOnConfigError(error));
desk.logger.info({ config: describeConfig(config) }, 'License Desk started');
const tool = await startChat(desk);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) {
    process.exit(130);
  }
  stopping = true;
  desk.logger.info({ signal }, 'stopping: finishing turns in flight');
  void (async () => {
    await tool?.stop();
    await desk.close();
    process.exit(0);
  })();
};
// A second Ctrl+C while draining ends the process at once.
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
