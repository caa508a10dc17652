import type { RunningStandIns } from './stand-ins.ts';

/** What `npm run stand-ins` prints: where each stand-in is, and the line that starts the bot on them. */
export function standInsBanner(
  standIns: Pick<RunningStandIns, 'url' | 'description'>,
  tenant: { seed: number; size: number },
): string {
  const { simulator, cosmos } = standIns.description;
  return [
    '',
    `License Desk's stand-ins are running (demo tenant: seed ${tenant.seed}, ${tenant.size} users; nothing leaves this machine).`,
    '',
    `  Graph stand-in:   ${simulator.graphBaseUrl}   (controls: ${simulator.url}/_simulator/counters)`,
    `  Cosmos stand-in:  ${cosmos.endpoint}`,
    `  Described at:     ${standIns.url}`,
    '',
    'Start the bot on them, in another terminal (stop, kill and start it again: the tenant and the store stay):',
    '',
    `  STANDINS=${standIns.url} npm start`,
    '',
    '(or put that STANDINS line in .env). Ctrl+C here stops the stand-ins: the tenant and the store are then gone.',
    '',
  ].join('\n');
}
