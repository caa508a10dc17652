import { forgetConversations } from '../../app/conversations/forget-conversations.ts';
import { RequestNotifier } from '../../app/notices/request-notifier.ts';
import type { TellDependencies } from '../../app/notices/tell-changes.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { RunsInFlight } from '../../app/runs/runs-in-flight.ts';
import type { Config } from '../../config.ts';
import { approvalTargets } from '../../bot/requests/deliver-approval.ts';
import { TeamsCardWriter } from '../../bot/requests/teams-card-writer.ts';
import type { CosmosStore } from '../../store/index.ts';
import type { ProactiveMessenger } from '../proactive-messenger.ts';
import type { TenantAccess } from '../../app/tenants/tenant-access.ts';
import type { ReadCaches } from './read-caches.ts';

/**
 * Notifying every request change (`RequestNotifier` of `app/notices`), writing the cards and the
 * requester's notices through the bot's card writer (`TeamsCardWriter`). The writer works
 * outside turns with the process-wide messenger, so this is built once the bot channel is open
 * and before any use case.
 */
export function requestNotifier(parts: {
  config: Config;
  messenger: ProactiveMessenger;
  store: CosmosStore;
  caches: ReadCaches;
  tenants: TenantAccess;
  telling: TellDependencies;
  runs: RunsInFlight;
  clock: Clock;
  logger: Logger;
}): RequestNotifier {
  const { store, caches, clock, runs, telling } = parts;
  const approvers = {
    tenants: parts.tenants,
    conversations: caches.conversations,
    approvalChannel: async (tenantId: string) =>
      (await store.approvalChannels.get(tenantId))?.value ?? null,
  };
  const cards = new TeamsCardWriter({
    writer: parts.messenger,
    cards: store.requestCards,
    conversations: caches.conversations,
    operations: telling.operations,
    clock: telling.clock,
    logger: parts.logger,
    // Closing ends retry waits at once (runs.stop comes first on close).
    retry: { sleep: (ms, signal) => clock.sleep(ms, signal), signal: runs.signal },
    skus: (tenantId) => caches.directories.forTenant(tenantId).listSkus(),
    approvers: (operation) => approvalTargets(approvers, operation),
    // The bot was removed from the approvers' channel: forgotten, its requests posted again.
    forgetConversations: (gone, log) =>
      forgetConversations(
        {
          conversations: caches.conversations,
          approvalChannels: store.approvalChannels,
          operations: telling.operations,
          notices: telling.notices,
          clock: telling.clock,
          logger: log,
          alertSubscriptions: store.alertSubscriptions,
        },
        gone,
      ),
  });
  return new RequestNotifier({ telling, cards });
}
