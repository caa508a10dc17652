import { z } from 'zod';
import { parsePriceCommand, priceExample } from '../../domain/prices/price-command.ts';
import type { TextCommand } from '../routing/command.ts';
import { importSentFile } from './price-file.ts';
import { savedLine, showPriceHistory, showPrices } from './price-replies.ts';

/** `prices`: the price table; sent with a CSV file, imports it. */
export const pricesCommand: TextCommand<string> = {
  name: 'prices',
  aliases: ['price list', 'show prices', 'list prices'],
  role: 'approver',
  summary:
    'the monthly price of each license, which cost previews use: edit them there, paste a CSV, or send a .csv file with the text "prices"',
  example: 'prices',
  input: z.string().max(0),
  usage: 'Just type `prices`, or send a CSV file with the text `prices`.',
  handle: (turn) =>
    turn.files !== undefined && turn.files.length > 0
      ? importSentFile(turn, turn.files)
      : showPrices(turn),
};

/** `price <SKU> <amount> <currency>`: one license's monthly price per user. */
export const priceCommand: TextCommand<string> = {
  name: 'price',
  aliases: ['set price'],
  role: 'approver',
  summary: "set one license's monthly price per user",
  example: 'price SPE_E5 57.00 USD',
  input: z.string().trim().min(1).max(500),
  usage: `Write it like this: \`price SPE_E5 57.00 USD\` or \`${priceExample}\`.`,
  handle: async (turn, rest) => {
    const parsed = parsePriceCommand(rest);
    if (!parsed.ok) {
      return { text: `${parsed.failure.message} For example: \`${parsed.failure.example}\`` };
    }
    const { sku, amount, currency } = parsed.value;
    const set = await turn.deps.pricing.set(turn.caller, {
      sku: { typed: sku },
      amount,
      currency,
    });
    return { text: set.ok ? savedLine(set.value) : set.failure.message };
  },
};

/** `prices history`: who changed which price, when, from what to what. */
export const priceHistoryCommand: TextCommand<string> = {
  name: 'prices history',
  aliases: ['price history', 'price changes'],
  role: 'approver',
  summary: 'who changed which price when, from what to what',
  example: 'prices history',
  input: z.string().max(0),
  usage: 'Just type `prices history`.',
  handle: (turn) => showPriceHistory(turn),
};
