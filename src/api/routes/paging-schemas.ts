import { z } from 'zod';

/** The most items a page may ask for. */
export const MAX_PAGE_SIZE = 100;

export const pageQuery = {
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  continuationToken: z
    .string()
    .min(1)
    .max(4000)
    .optional()
    .describe("The previous page's continuationToken."),
};

/** A page of `item`, and the token for the next one (absent on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), continuationToken: z.string().optional() });
