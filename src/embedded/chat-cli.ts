/**
 * `npm run chat -- --as megan [--port 56151] [--bot http://127.0.0.1:3978/api/messages] [--browser]`
 * (`--as fiona`, `felix` or `freya`: a person of Fabrikam, the demo's second tenant)
 *
 * Opens a second Teams App Test Tool on another port, chatting with the running bot as another
 * person of `.m365agentsplayground.yml` (the Test Tool has no user switch). Start the bot first
 * with `npm start`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestToolAs } from './test-tool.ts';

const { values } = parseArgs({
  options: {
    as: { type: 'string', default: 'megan' },
    port: { type: 'string', default: '56151' },
    bot: { type: 'string', default: 'http://127.0.0.1:3978/api/messages' },
    browser: { type: 'boolean', default: false },
  },
});

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const health = await fetch(new URL('/healthz', values.bot)).catch(() => undefined);
if (!health?.ok) {
  process.stderr.write(`No bot answers at ${values.bot}: start it first with "npm start".\n`);
  process.exit(1);
}

try {
  const started = await startTestToolAs({
    who: values.as,
    projectDir: repoRoot,
    botEndpoint: values.bot,
    port: Number(values.port),
    openBrowser: values.browser,
  });
  if (!started.ok) {
    process.stderr.write(`${started.message}\n`);
    process.exit(1);
  }
  const { tool, user } = started;
  process.stdout.write(
    `\nChat as ${user.name} (${user.userPrincipleName ?? user.aadObjectId})` +
      ` at ${tool.url}\nCtrl+C to stop this window; the bot keeps running.\n`,
  );
  const stop = (): void => {
    void tool.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const ended = await tool.exited;
  if (ended.reason) {
    process.stderr.write(`The Test Tool stopped:\n${ended.reason}\n`);
    process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
