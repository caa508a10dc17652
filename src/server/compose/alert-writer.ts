import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { RunsInFlight } from '../../app/runs/runs-in-flight.ts';
import { TeamsAlertWriter } from '../../bot/alerts/teams-alert-writer.ts';
import type { ProactiveMessenger } from '../proactive-messenger.ts';

/**
 * The bot's alert card writer (`TeamsAlertWriter`), working outside turns with the process-wide
 * messenger: built once the bot channel is open, before the use cases. Closing ends its retry
 * waits at once (the monitor's next look, on the next start, sends what was left).
 */
export function alertWriter(parts: {
  messenger: ProactiveMessenger;
  runs: RunsInFlight;
  clock: Clock;
  logger: Logger;
}): TeamsAlertWriter {
  return new TeamsAlertWriter({
    writer: parts.messenger,
    logger: parts.logger,
    retry: { sleep: (ms, signal) => parts.clock.sleep(ms, signal), signal: parts.runs.signal },
  });
}
