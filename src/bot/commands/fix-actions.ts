import { z } from 'zod';
import type { SkuHoldersView } from '../../app/views/sku-holders-view.ts';
import { HOLDERS_PAGE_SIZE } from '../../app/views/view-use-cases.ts';
import type { SkuHoldersCardData } from '../cards/card-data.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CardAction } from '../routing/command.ts';
import { MAX_COMMAND_LENGTH } from '../routing/command-text.ts';

// Card data carries a SKU id, a page number and a request text only; all is read again here.
const holdersData = z.preprocess(
  (value) => value ?? {},
  z.object({
    skuId: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    /** The request's shortfall, shown as said; it changes nothing. */
    shortfall: z.coerce.number().int().min(0).max(1_000_000).default(0),
  }),
);
// A fix re-writes the typed command (lists re-joined, words spelled out): room beyond the limit.
const locationData = z.object({
  command: z
    .string()
    .trim()
    .min(1)
    .max(2 * MAX_COMMAND_LENGTH),
});

const seats = (count: number) => `${count} seat${count === 1 ? '' : 's'}`;

function sourceText(holder: SkuHoldersView['holders'][number]): string {
  const groups = holder.groups.map((name) => `"${name}"`).join(', ');
  if (!holder.direct) {
    return `from the group ${groups}: remove them from the group to free the seat`;
  }
  return groups === '' ? 'assigned directly' : `assigned directly, and from the group ${groups}`;
}

/** The holders card's data: seats, the shortfall, and each holder with Remove on direct ones. */
export function skuHoldersCardData(view: SkuHoldersView, shortfall: number): SkuHoldersCardData {
  const total = view.disabledCount + view.enabledCount;
  return {
    title: `Who holds ${view.name}`,
    skuId: view.skuId,
    seats: `${view.used} of ${view.total} used, ${Math.max(0, view.available)} available`,
    shortfall,
    shortfallText: `${seats(shortfall)} short`,
    summary:
      view.disabledCount > 0
        ? `${view.disabledCount} of the ${total} holders have a disabled account: reclaim their seats first.`
        : `${total} people hold it; none has a disabled account.`,
    holders: view.holders.map((holder) => ({
      name: holder.displayName,
      upn: holder.userPrincipalName,
      status: `${holder.accountEnabled ? 'Account enabled' : 'Account disabled'} · ${sourceText(holder)}`,
      color: holder.accountEnabled ? 'Default' : 'Attention',
      canRemove: holder.direct,
      removeTitle: `Remove it from ${holder.displayName}`,
      // The approver reads why: a seat of a product out of seats, from a disabled account or not.
      removeCommand:
        `remove ${view.partNumber} from ${holder.userPrincipalName} because ` +
        (holder.accountEnabled
          ? `its ${view.name} seat is needed`
          : `the account is disabled and its ${view.name} seat is needed`),
    })),
    pager: {
      label:
        view.pageCount > 1
          ? `Page ${view.page} of ${view.pageCount} (${total} holders, ${HOLDERS_PAGE_SIZE} a page)`
          : `${total} holders`,
      hasNext: view.page < view.pageCount,
      hasPrevious: view.page > 1,
      next: view.page + 1,
      previous: view.page - 1,
    },
  };
}

/** The buttons of fixes that are not a request as typed: who holds a SKU, pick a location. */
export const fixActions: CardAction[] = [
  {
    verb: 'sku-holders',
    role: 'requester',
    data: holdersData,
    handle: async ({ caller, deps }, input: z.infer<typeof holdersData>) => {
      const view = await deps.views.skuHolders(caller.tenantId, input.skuId, input.page);
      return view
        ? { card: renderCard('sku-holders', skuHoldersCardData(view, input.shortfall)) }
        : { text: 'Your organisation no longer has that license.' };
    },
  } satisfies CardAction<z.infer<typeof holdersData>>,
  {
    verb: 'fix-location',
    role: 'requester',
    data: locationData,
    handle: async ({ caller, deps }, input: z.infer<typeof locationData>) => ({
      card: renderCard('fix-location', {
        message: `Say where they use the services (their usage location), and I'll ask again: ${input.command}`,
        // The tenant's own country is the likeliest answer; it is only a placeholder.
        suggestion: await deps.views.organizationCountry(caller.tenantId),
        command: input.command,
      }),
    }),
  } satisfies CardAction<z.infer<typeof locationData>>,
] as CardAction[];
