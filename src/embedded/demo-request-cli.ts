/**
 * `npm run demo-request -- 2000`: stores a pending request from Alex Wilber to assign Power BI
 * Pro to that many demo users, in the stand-ins that `npm run stand-ins` runs (STANDINS), for the
 * bot started on them to post to its approvers. For the demo only, until bulk selection exists.
 */
import { loadConfig, loadConfigOrExit } from '../config.ts';
import { openCosmosStore } from '../store/index.ts';
import { connectStandIns } from './connect-stand-ins.ts';
import { storeDemoRequest } from './demo-request.ts';

const USAGE =
  'Usage: STANDINS=<the URL `npm run stand-ins` printed> npm run demo-request -- <number of users, 1 to 100000>';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const config = loadConfigOrExit(() => loadConfig());
if (config.mode !== 'embedded') {
  fail('A demo request is for the embedded demo only: these settings ask for production mode.');
}
const standInsUrl = config.standIns.url;
if (standInsUrl === undefined) {
  fail(
    `STANDINS is not set. Start the stand-ins with \`npm run stand-ins\`, the bot with the STANDINS line it prints, then run this with the same STANDINS.\n${USAGE}`,
  );
}
const asked = process.argv[2] ?? '2000';
const count = /^\d+$/.test(asked) ? Number(asked) : Number.NaN;
if (!Number.isInteger(count) || count < 1 || count > 100_000) {
  fail(`"${asked}" is not a number of users from 1 to 100000.\n${USAGE}`);
}

const services = await connectStandIns(standInsUrl).catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
);
const store = await openCosmosStore(config.cosmos, { embedded: services.cosmos });
try {
  const stored = await storeDemoRequest(
    {
      simulatorUrl: services.simulator.url,
      operations: store.operations,
      operationItems: store.operationItems,
      notices: store.notices,
    },
    count,
  );
  process.stdout.write(
    [
      `Stored: "${stored.summary}", asked by Alex Wilber (request ${stored.operationId}).`,
      `${stored.toGive.toLocaleString('en-US')} of them get it; ${(stored.users - stored.toGive).toLocaleString('en-US')} have it already and will be skipped.`,
      `Power BI Pro now has ${stored.seats.toLocaleString('en-US')} seats, enough for all of them.`,
      'The running bot posts the approval card to the approvers (their chats, or the approvals channel) within its resume interval (RESUME_INTERVAL_SECONDS).',
      'Approve it as Megan Bowen in the Test Tool and watch the progress on the card; Stop the run stops it.',
      '',
    ].join('\n'),
  );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  await store.close();
  await services.close();
}
