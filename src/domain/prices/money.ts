/**
 * Money as License Desk shows it, the same way on every card: the amount in its own currency
 * with two decimals ("$16,074.00", "€33.90"), and a change with its sign ("+$57.00").
 */

const MAX_FORMATTERS = 400;

/**
 * Formatters by currency and sign, for the life of the process. A new `Intl.NumberFormat` costs
 * about a hundred times what a format does (ICU sets it up on first use), and a card formats a
 * page of prices on every turn. Module state on purpose: formatters are immutable, hold nothing
 * of any request, and there are only so many ISO 4217 codes (capped all the same).
 */
const formatters = new Map<string, Intl.NumberFormat>();

type Sign = 'auto' | 'exceptZero';

function formatterFor(currency: string, signDisplay: Sign): Intl.NumberFormat {
  const key = `${currency}\n${signDisplay}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = isWellFormedCurrency(currency)
      ? new Intl.NumberFormat('en-US', { style: 'currency', currency, signDisplay })
      : // Not an ISO 4217 code at all: the figure alone, the code written after it.
        new Intl.NumberFormat('en-US', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
          signDisplay,
        });
    if (formatters.size < MAX_FORMATTERS) {
      formatters.set(key, format);
    }
  }
  return format;
}

const isWellFormedCurrency = (code: string): boolean => /^[A-Z]{3}$/.test(code);

function format(amount: number, currency: string, signDisplay: Sign): string {
  const text = formatterFor(currency, signDisplay).format(amount);
  return isWellFormedCurrency(currency) ? text : `${text} ${currency}`;
}

/** "$16,074.00" in the amount's own currency; a code that is no ISO 4217 code: "1,400.00 C0". */
export function formatMoney(amount: number, currency: string): string {
  return format(amount, currency, 'auto');
}

/** A change of money with its sign: "+$57.00", "-$12.50", "$0.00". */
export function formatMoneyChange(delta: number, currency: string): string {
  return format(delta, currency, 'exceptZero');
}

/** "$36.00 per user/month": a SKU's monthly list price per seat. */
export function formatMonthlyPrice(price: { monthlyAmount: number; currency: string }): string {
  return `${formatMoney(price.monthlyAmount, price.currency)} per user/month`;
}

const knownCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency this runtime knows (upper case, e.g. "USD"). */
export function isKnownCurrency(code: string): boolean {
  return knownCurrencies.has(code);
}
