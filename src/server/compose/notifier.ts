import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { TellDependencies } from '../../app/notices/tell-changes.ts';
import type { RunsInFlight } from '../../app/runs/runs-in-flight.ts';
import type { Config } from '../../config.ts';
import { approvalTargets } from '../../bot/requests/deliver-approval.ts';
import { RequestNotifier } from '../../bot/requests/request-notifier.ts';
import type { CosmosStore } from '../../store/index.ts';
import type { ProactiveMessenger } from '../proactive-messenger.ts';
import { accessSettings } from './access-settings.ts';
import type { ReadCaches } from './read-caches.ts';

/**
 * The bot's side of every request change (`RequestNotifier`): it writes outside turns with the
 * process-wide messenger, so it is built once the bot channel is open and before any use case.
 */
export function requestNotifier(parts: {
  config: Config;
  messenger: ProactiveMessenger;
  store: CosmosStore;
  caches: ReadCaches;
  telling: TellDependencies;
  runs: RunsInFlight;
  clock: Clock;
  logger: Logger;
}): RequestNotifier {
  const { store, caches, clock, runs } = parts;
  const approvers = {
    settings: accessSettings(parts.config),
    directory: caches.directory,
    conversations: caches.conversations,
    approvalChannel: async (tenantId: string) =>
      (await store.approvalChannels.get(tenantId))?.value ?? null,
  };
  return new RequestNotifier({
    writer: parts.messenger,
    cards: store.requestCards,
    conversations: caches.conversations,
    logger: parts.logger,
    // Closing ends retry waits at once (runs.stop comes first on close).
    retry: { sleep: (ms, signal) => clock.sleep(ms, signal), signal: runs.signal },
    skus: () => caches.directory.listSkus(),
    telling: parts.telling,
    approvers: (operation) => approvalTargets(approvers, operation),
    approvalChannels: store.approvalChannels,
  });
}
