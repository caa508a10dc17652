import { z } from 'zod';
import type { HistoryFilter } from '../../app/ports/history-log.ts';
import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { HistoryEvent } from '../../domain/history/history-event.ts';
import { historyExample, parseHistoryQuery } from '../../domain/history/history-query.ts';
import type { HistoryCardData } from '../cards/card-data.ts';
import { renderCard } from '../cards/render-card.ts';
import { historyExport } from './history-export.ts';
import type { CardAction, CommandTurn, Reply, TextCommand } from '../routing/command.ts';

const changeWords: Record<HistoryEvent['change'], string> = {
  added: 'added',
  removed: 'removed',
  plansChanged: 'plans changed',
  usageLocationSet: 'usage location set',
  refused: 'refused',
  rejected: 'rejected',
  expired: 'expired before anyone decided',
  reprocessed: 'group licenses reprocessed',
};

async function historyCard(
  turn: CommandTurn,
  filter: HistoryFilter,
  described: string,
  token?: string,
): Promise<Reply> {
  const { deps, caller } = turn;
  const [page, skus] = await Promise.all([
    deps.history.read(caller.tenantId, filter, token),
    deps.views.skus(caller.tenantId),
  ]);
  const names = new Map(skus.map((sku) => [sku.skuId, skuDisplayName(sku)]));
  const data: HistoryCardData = {
    title: `License history${described ? ` (${described})` : ''}`,
    empty: page.items.length === 0,
    events: page.items.map((event) => ({
      line: `${event.at.slice(0, 16).replace('T', ' ')} · ${event.group ? `the group "${event.group.displayName}"` : event.userPrincipalName}: ${event.skuId ? `${names.get(event.skuId) ?? event.skuId} ` : ''}${changeWords[event.change]}${event.usageLocation ? ` to ${event.usageLocation}` : ''}`,
      details: [
        `asked by ${event.requester.displayName}`,
        event.approver ? `approved by ${event.approver.displayName}` : '',
        event.result,
        event.message ?? '',
      ]
        .filter((part) => part !== '')
        .join(' · '),
      color:
        event.result === 'succeeded' ? 'Good' : event.result === 'failed' ? 'Attention' : 'Default',
    })),
    hasNext: page.continuationToken !== undefined,
    next: page.continuationToken ?? '',
    filter: {
      userId: filter.userId ?? '',
      adminId: filter.adminId ?? '',
      skuId: filter.skuId ?? '',
      since: filter.since ?? '',
    },
  };
  return { card: renderCard('history', data) };
}

/**
 * `history [export] [for <user>] [by <admin>] [sku <SKU>] [since <date>]`: a card newest first,
 * paged, or the same lines as a CSV file.
 */
export const historyCommand: TextCommand<string> = {
  name: 'history',
  aliases: [],
  role: 'requester',
  summary:
    'what licenses were added or removed, for whom, asked and approved by whom; `history export …` as a CSV file',
  example: 'history since 7 days',
  input: z.string().max(500),
  usage: `Write it like this: \`${historyExample}\`.`,
  handle: async (turn, rest) => {
    const parsed = parseHistoryQuery(`history ${rest}`, turn.deps.clock.now());
    if (!parsed.ok) {
      return { text: `${parsed.failure.message} For example: \`${parsed.failure.example}\`` };
    }
    const resolved = await turn.deps.history.resolveFilter(turn.caller, parsed.value);
    if (!resolved.ok) {
      return { text: resolved.message };
    }
    return parsed.value.export
      ? historyExport(turn, resolved.filter, resolved.described)
      : historyCard(turn, resolved.filter, resolved.described);
  },
};

const optionalId = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((value) => (value ? value : undefined));

// The next page: the filter as ids and Cosmos's continuation token, nothing else.
const pageData = z.object({
  userId: optionalId,
  adminId: optionalId,
  skuId: optionalId,
  since: z.iso
    .datetime()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  token: z.string().max(4_000).optional(),
});

/** The "Older" button of the history card; a requester still sees only their own requests. */
export const historyAction: CardAction<z.infer<typeof pageData>> = {
  verb: 'history',
  role: 'requester',
  data: pageData,
  handle: (turn, input) => {
    const filter: HistoryFilter = {
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.adminId ? { adminId: input.adminId } : {}),
      ...(input.skuId ? { skuId: input.skuId } : {}),
      ...(input.since ? { since: input.since } : {}),
    };
    if (turn.caller.role !== 'approver') {
      filter.adminId = turn.caller.userId;
    }
    return historyCard(turn, filter, 'older', input.token || undefined);
  },
};
