import type { PriceImportReport } from '../../app/prices/import-prices.ts';
import type { PriceRefusal } from '../../app/prices/price-refusal.ts';
import type { PriceSaved } from '../../app/prices/save-price.ts';
import { skuLabel } from '../../app/prices/set-price.ts';
import type { Result } from '../../domain/errors.ts';
import type { Sku } from '../../domain/licensing.ts';
import { formatMoney, formatMonthlyPrice } from '../../domain/prices/money.ts';
import { priceHistoryData, priceImportData, pricesCardData } from '../cards/prices-card.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

/** The prices card at a page, with what was just saved. */
export async function showPrices(turn: CommandTurn, page = 1, message = ''): Promise<Reply> {
  const view = await turn.deps.pricing.describe(turn.caller.tenantId, page);
  return { card: renderCard('prices', pricesCardData(view, message)) };
}

/** A page of price changes, newest first. */
export async function showPriceHistory(turn: CommandTurn, token?: string): Promise<Reply> {
  const page = await turn.deps.pricing.changes(turn.caller.tenantId, token);
  return { card: renderCard('price-history', priceHistoryData(page)) };
}

/** The import report as a card, or why nothing was imported. */
export function importReply(imported: Result<PriceImportReport, PriceRefusal>): Reply {
  return imported.ok
    ? { card: renderCard('price-import', priceImportData(imported.value)) }
    : { text: imported.failure.message };
}

/** "Microsoft 365 E5 (SPE_E5) now costs $57.00 per user/month (was $54.00)." */
export function savedLine({ sku, outcome, price, before }: PriceSaved & { sku: Sku }): string {
  if (outcome === 'unchanged') {
    return `${skuLabel(sku)} already costs ${formatMonthlyPrice(price)}: nothing changed.`;
  }
  const was = before ? ` (was ${formatMoney(before.monthlyAmount, before.currency)})` : '';
  return `${skuLabel(sku)} now costs ${formatMonthlyPrice(price)}${was}. Cost previews use it from now on.`;
}
