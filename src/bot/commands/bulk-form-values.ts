import { z } from 'zod';

/** How the bulk form chooses people: a group, a filter, a pasted CSV, or people named. */
export const BULK_METHODS = ['group', 'filter', 'csv', 'people'] as const;
export type BulkMethod = (typeof BULK_METHODS)[number];

/** What the bulk form does to them, as the typed commands say it. */
export const BULK_OPERATIONS = ['assign', 'remove', 'transfer', 'enable', 'disable'] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];

/**
 * The longest pasted CSV: it travels in the card's buttons twice (forward and back) and the card
 * must stay under 28 KB. A larger file is sent with the typed command (`… from this file`).
 */
export const MAX_PASTED_CSV = 4_000;

/** How long each method's words may be, as the card's input says too. */
export const WHO_MAX_LENGTH: Readonly<Record<BulkMethod, number>> = {
  group: 256,
  filter: 2_000,
  csv: MAX_PASTED_CSV,
  people: 6_000,
};

const text = (max: number) => z.string().max(max).default('');
const trimmed = (max: number) => text(max).transform((value) => value.trim());

/**
 * Everything the form has been told, carried from step to step in the buttons' data and checked
 * again at every step: card data is never trusted. Choices are only the values the card offered.
 */
export const bulkValues = z.object({
  method: z.enum(BULK_METHODS).default('group'),
  who: text(MAX_PASTED_CSV),
  operation: z.union([z.enum(BULK_OPERATIONS), z.literal('')]).default(''),
  license: trimmed(300),
  toLicense: trimmed(300),
  plans: trimmed(1_000),
  location: trimmed(10),
  justification: trimmed(1_000),
  /** A time phrase, or '' for once approved: the typed command's own. */
  when: trimmed(200),
});

export type BulkValues = z.infer<typeof bulkValues>;

/** A form with nothing typed yet: by group, no operation chosen. */
export const emptyBulkValues: BulkValues = bulkValues.parse({});

/** The words of the chosen method, or why they are too long for it. */
export function whoWords(values: BulkValues): string {
  return values.method === 'csv' ? values.who : values.who.trim();
}
