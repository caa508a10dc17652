import type { SkuPrice } from '../ports/stores.ts';

type PriceFigures = Pick<SkuPrice, 'monthlyAmount' | 'currency'>;

/**
 * A price formatter for a whole list: one `Intl.NumberFormat` per currency, built on first use.
 * Building a formatter costs far more than using one, and a `licenses` card prices every SKU.
 */
export function monthlyPriceFormatter(): (price: PriceFigures) => string {
  // null: a currency code Intl does not know.
  const formats = new Map<string, Intl.NumberFormat | null>();
  const formatOf = (currency: string): Intl.NumberFormat | null => {
    if (!formats.has(currency)) {
      try {
        formats.set(currency, new Intl.NumberFormat('en-US', { style: 'currency', currency }));
      } catch {
        formats.set(currency, null);
      }
    }
    return formats.get(currency) ?? null;
  };
  return (price) => {
    const format = formatOf(price.currency);
    // A currency code Intl does not know: still show the figure.
    return format
      ? `${format.format(price.monthlyAmount)} per user/month`
      : `${price.monthlyAmount.toFixed(2)} ${price.currency} per user/month`;
  };
}

/** "$36.00 per user/month", in the price's own currency. */
export function formatMonthlyPrice(price: PriceFigures): string {
  return monthlyPriceFormatter()(price);
}
