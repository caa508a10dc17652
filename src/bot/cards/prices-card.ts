import type { PriceImportReport } from '../../app/prices/import-prices.ts';
import type { PricedSku, PricesView } from '../../app/prices/prices-view.ts';
import { skuLabel } from '../../app/prices/set-price.ts';
import type { Page } from '../../app/ports/paging.ts';
import type { PriceChange, PriceFigures } from '../../app/ports/price-history.ts';
import type { SkuPrice } from '../../app/ports/stores.ts';
import { formatMoney, formatMonthlyPrice } from '../../domain/prices/money.ts';
import { PRICE_CSV_HEADER } from '../../domain/prices/price-sheet.ts';
import type {
  PriceFormCardData,
  PriceHistoryCardData,
  PriceImportCardData,
  PricesCardData,
} from './card-data.ts';
import { pagerOf } from './pager.ts';

// An import report names this many rows of each kind; a card must stay under 28 KB.
const ROWS_NAMED = 25;

const day = (iso: string): string => iso.slice(0, 10);
const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** Who set a price and when: the change kept with it, else only when it was written. */
function setBy(price: SkuPrice): string {
  return price.lastChange
    ? `set by ${price.lastChange.by.displayName} on ${day(price.lastChange.at)}`
    : `since ${day(price.updatedAt)}`;
}

const figures = (price: PriceFigures | null): string =>
  price ? formatMoney(price.monthlyAmount, price.currency) : 'no price';

/** The `prices` card's data: a page of the price table, with what was just saved. */
export function pricesCardData(view: PricesView, message = ''): PricesCardData {
  const { skus, currencies, unpriced } = view;
  return {
    title: 'License prices (per user, per month)',
    message,
    summary:
      unpriced > 0
        ? `${skus.total} licenses; ${unpriced} without a price, which cost previews leave out.`
        : `${skus.total} licenses, all priced.`,
    note:
      currencies.length > 1
        ? `Prices are in ${currencies.length} currencies (${currencies.join(', ')}): cost previews show each currency on its own line and never add them up.`
        : '',
    page: skus.page,
    skus: skus.items.map((sku: PricedSku) => ({
      skuId: sku.skuId,
      name: sku.name,
      details: [sku.partNumber, ...(sku.price ? [setBy(sku.price)] : [])].join(' · '),
      priceText: sku.price ? formatMonthlyPrice(sku.price) : 'no price',
      priceColor: sku.price ? 'Default' : 'Warning',
      editTitle: sku.price ? `Edit ${sku.partNumber}` : `Set ${sku.partNumber}`,
    })),
    pager: pagerOf(skus, 'licenses'),
    csvHelp:
      `Paste a CSV with the header ${PRICE_CSV_HEADER}, one license a line, e.g. SPE_E5,57.00,USD. ` +
      'Or send the .csv file in this chat with the text "prices".',
  };
}

/** The form to set one SKU's price, filled with its price, or with what was typed and why not. */
export function priceFormData(
  sku: PricedSku,
  page: number,
  retry?: { amount: string; currency: string; message: string },
  defaultCurrency = 'USD',
): PriceFormCardData {
  const price = sku.price;
  return {
    title: `Price of ${skuLabel({ skuPartNumber: sku.partNumber })}`,
    current: price
      ? `Now ${formatMonthlyPrice(price)}, ${setBy(price)}.`
      : 'No price yet: cost previews leave this license out.',
    message: retry?.message ?? '',
    skuId: sku.skuId,
    amount: retry?.amount ?? (price ? price.monthlyAmount.toFixed(2) : ''),
    currency: retry?.currency ?? price?.currency ?? defaultCurrency,
    page,
  };
}

const viaWords: Record<PriceChange['via'], string> = { chat: 'in the chat', csv: 'from a CSV' };

/** A page of price changes, newest first. */
export function priceHistoryData(page: Page<PriceChange>): PriceHistoryCardData {
  return {
    title: 'Price history',
    empty: page.items.length === 0,
    changes: page.items.map((change) => ({
      line: `${minute(change.at)} · ${skuLabel(change)}: ${figures(change.before)} → ${figures(change.after)}`,
      details: `by ${change.by.displayName} · ${viaWords[change.via]}`,
    })),
    hasNext: page.continuationToken !== undefined,
    next: page.continuationToken ?? '',
  };
}

const more = (total: number, what: string): string =>
  total > ROWS_NAMED ? `… and ${total - ROWS_NAMED} more ${what}.` : '';

/** What an import did, bad rows first (by line), then what was saved. */
export function priceImportData(report: PriceImportReport): PriceImportCardData {
  const { saved, unchanged, problems } = report;
  const parts = [
    `Saved ${saved.length} price${saved.length === 1 ? '' : 's'}`,
    `${unchanged.length} already had that price`,
    ...(problems.length > 0
      ? [`${problems.length} row${problems.length === 1 ? '' : 's'} not imported (below)`]
      : []),
  ];
  return {
    title: 'Price import',
    summary: `${parts.join('; ')}.`,
    hasProblems: problems.length > 0,
    problems: problems
      .slice(0, ROWS_NAMED)
      .map((problem) => `Line ${problem.line}: ${problem.reason}`),
    moreProblems: more(problems.length, 'rows not imported'),
    hasSaved: saved.length > 0,
    saved: saved
      .slice(0, ROWS_NAMED)
      .map(
        ({ row, before, price }) => `${skuLabel(row.sku)}: ${figures(before)} → ${figures(price)}`,
      ),
    moreSaved: more(saved.length, 'prices saved'),
  };
}
