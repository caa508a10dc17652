import type { CallerCache } from '../app/identity/caller-cache.ts';
import type { RoutingTable } from './commands/command-table.ts';
import type { BotDependencies } from './dependencies.ts';

/** What every turn of one bot instance shares: its collaborators, table and identity cache. */
export interface BotRuntime {
  deps: BotDependencies;
  routes: RoutingTable;
  callers: CallerCache;
}
