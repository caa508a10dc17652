import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { RunsInFlight } from '../../app/runs/runs-in-flight.ts';
import { TeamsScheduleNotifier } from '../../bot/schedules/teams-schedule-notifier.ts';
import type { Config } from '../../config.ts';
import type { CosmosStore } from '../../store/index.ts';
import type { ProactiveMessenger } from '../proactive-messenger.ts';
import type { TenantAccess } from '../../app/tenants/tenant-access.ts';
import type { ReadCaches } from './read-caches.ts';

/**
 * The bot's side of schedules (`TeamsScheduleNotifier`), working outside turns with the
 * process-wide messenger: built once the bot channel is open, before the use cases.
 */
export function scheduleNotifier(parts: {
  config: Config;
  messenger: ProactiveMessenger;
  store: CosmosStore;
  caches: ReadCaches;
  tenants: TenantAccess;
  runs: RunsInFlight;
  clock: Clock;
  logger: Logger;
}): TeamsScheduleNotifier {
  const { store, caches, clock } = parts;
  return new TeamsScheduleNotifier({
    writer: parts.messenger,
    conversations: caches.conversations,
    cards: store.requestCards,
    approvers: {
      tenants: parts.tenants,
      conversations: caches.conversations,
      approvalChannel: async (tenantId) =>
        (await store.approvalChannels.get(tenantId))?.value ?? null,
    },
    clock,
    logger: parts.logger,
    retry: { sleep: (ms, signal) => clock.sleep(ms, signal), signal: parts.runs.signal },
  });
}
