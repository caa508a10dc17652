import type { SkuPrice } from '../ports/stores.ts';

type PriceFigures = Pick<SkuPrice, 'monthlyAmount' | 'currency'>;

const MAX_CURRENCIES = 200;

/**
 * One `Intl.NumberFormat` per currency for the life of the process. A new formatter costs about
 * a hundred times what a format does (ICU sets it up on first use), and a `licenses` card prices
 * a page of SKUs on every turn. This memo is module state on purpose: formatters are immutable,
 * hold nothing of any request, and there are only so many ISO 4217 codes (capped all the same).
 */
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat | undefined {
  let format = formatters.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      // A currency code Intl does not know.
      return undefined;
    }
    if (formatters.size < MAX_CURRENCIES) {
      formatters.set(currency, format);
    }
  }
  return format;
}

/** "$36.00 per user/month", in the price's own currency. */
export function formatMonthlyPrice(price: PriceFigures): string {
  const format = formatterFor(price.currency);
  // A currency code Intl does not know: still show the figure.
  return format
    ? `${format.format(price.monthlyAmount)} per user/month`
    : `${price.monthlyAmount.toFixed(2)} ${price.currency} per user/month`;
}
