import type { Result } from '../errors.ts';
import { isKnownCurrency } from './money.ts';

/** The most a seat may cost a month: more is a typo (a missing dot), not a price. */
export const MAX_MONTHLY_PRICE = 100_000;

/** Why a typed price or currency cannot be used, in an admin's words. */
export interface PriceInputProblem {
  code: 'PRICE_AMOUNT_INVALID' | 'PRICE_CURRENCY_INVALID';
  message: string;
}

const amountProblem = (message: string): Result<never, PriceInputProblem> => ({
  ok: false,
  failure: { code: 'PRICE_AMOUNT_INVALID', message },
});

const currencyProblem = (message: string): Result<never, PriceInputProblem> => ({
  ok: false,
  failure: { code: 'PRICE_CURRENCY_INVALID', message },
});

/**
 * A monthly price per seat as typed: digits with at most two decimals after a dot ("36",
 * "33.90"), from 0 up to `MAX_MONTHLY_PRICE`. A comma, a sign or a currency symbol is refused
 * with what to write instead, never guessed at ("36,50" could be 36.50 or 3,650).
 */
export function parseMonthlyAmount(typed: string): Result<number, PriceInputProblem> {
  const text = typed.trim();
  if (text === '') {
    return amountProblem('Give the monthly price per user, e.g. 36.00.');
  }
  if (text.startsWith('-')) {
    return amountProblem(`"${text}" is negative: a price is 0 or more.`);
  }
  const decimals = /^\d+\.(\d+)$/.exec(text)?.[1];
  if (decimals !== undefined && decimals.length > 2) {
    return amountProblem(`"${text}" has more than 2 decimals.`);
  }
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    return amountProblem(
      `"${text}" is not a price: write digits with a dot before the cents, e.g. 36.00.`,
    );
  }
  const amount = Number(text);
  if (amount > MAX_MONTHLY_PRICE) {
    return amountProblem(
      `"${text}" is more than ${MAX_MONTHLY_PRICE.toLocaleString('en-US')} a month per user: check the figure.`,
    );
  }
  return { ok: true, value: amount };
}

/** An ISO 4217 currency code as typed, upper-cased ("eur" → "EUR"), that Intl knows. */
export function parseCurrencyCode(typed: string): Result<string, PriceInputProblem> {
  const text = typed.trim();
  const code = text.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    return currencyProblem(
      text === ''
        ? 'Give the currency as its 3-letter code, e.g. USD or EUR.'
        : `"${text}" is not a currency code: use the 3-letter ISO 4217 code, e.g. USD or EUR.`,
    );
  }
  if (!isKnownCurrency(code)) {
    return currencyProblem(
      `"${text}" is not a currency I know: use an ISO 4217 code such as USD, EUR or GBP.`,
    );
  }
  return { ok: true, value: code };
}
