import type { SkuPrice } from '../ports/stores.ts';

/** "$36.00 per user/month", in the price's own currency. */
export function formatMonthlyPrice(price: Pick<SkuPrice, 'monthlyAmount' | 'currency'>): string {
  try {
    const amount = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: price.currency,
    }).format(price.monthlyAmount);
    return `${amount} per user/month`;
  } catch {
    // A currency code Intl does not know: still show the figure.
    return `${price.monthlyAmount.toFixed(2)} ${price.currency} per user/month`;
  }
}
