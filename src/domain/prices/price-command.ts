import { cleanName, tidyPlainText } from '../commands/command-text.ts';
import type { Result } from '../errors.ts';

/** How `price` is written, for help and for what to say when it is not. */
export const priceExample = 'price "Microsoft 365 E3" 36.00 EUR';

/** `price <SKU> <amount> <currency>` split into its words, each still as typed. */
export interface PriceCommand {
  /** The license as typed: part number, product name or a unique abbreviation. */
  sku: string;
  amount: string;
  currency: string;
}

export interface PriceCommandProblem {
  code: 'PRICE_COMMAND_INCOMPLETE';
  message: string;
  example: string;
}

const looksLikeAmount = (word: string): boolean => /^\d/.test(word);

/**
 * Reads what follows `price`: the license (quoted or not, several words allowed), then the
 * monthly amount and the currency, the last two in either order ("57 USD" or "USD 57"). The
 * words are checked later: the license against the tenant, the figures by `parseMonthlyAmount`
 * and `parseCurrencyCode`.
 */
export function parsePriceCommand(argument: string): Result<PriceCommand, PriceCommandProblem> {
  const words = tidyPlainText(argument).split(' ');
  const sku = cleanName(words.slice(0, -2).join(' '));
  if (sku === '') {
    return {
      ok: false,
      failure: {
        code: 'PRICE_COMMAND_INCOMPLETE',
        message: 'Say which license, its monthly price per user and the currency.',
        example: priceExample,
      },
    };
  }
  const [first, second] = words.slice(-2) as [string, string];
  const swapped = looksLikeAmount(second) && !looksLikeAmount(first);
  return {
    ok: true,
    value: swapped
      ? { sku, amount: second, currency: first }
      : { sku, amount: first, currency: second },
  };
}
