/**
 * What the store reads back is checked before the app sees it: a document edited by hand or
 * written by an older version fails here with its id, not somewhere deep in a use case. zod
 * objects drop unknown keys, which also strips Cosmos' system properties (`_etag`, `_ts`, …).
 */
import { z } from 'zod';
import type { PriceChange } from '../app/ports/price-history.ts';
import type { SkuPrice, StoredConversation, UserPreferences } from '../app/ports/stores.ts';

export const storedConversationSchema = z.object({
  tenantId: z.string(),
  conversationId: z.string(),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  userId: z.string().optional(),
  teamId: z.string().optional(),
  reference: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
}) satisfies z.ZodType<StoredConversation>;

export const userPreferencesSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  defaultUsageLocation: z.string().optional(),
  welcomed: z.boolean().optional(),
  workingTenantId: z.string().optional(),
  updatedAt: z.string(),
}) satisfies z.ZodType<UserPreferences>;

const priceFiguresSchema = z.object({ monthlyAmount: z.number(), currency: z.string() });

export const priceChangeSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  skuId: z.string(),
  skuPartNumber: z.string(),
  before: priceFiguresSchema.nullable(),
  after: priceFiguresSchema,
  by: z.object({ userId: z.string(), displayName: z.string() }),
  via: z.enum(['chat', 'csv']),
  at: z.string(),
}) satisfies z.ZodType<PriceChange>;

export const skuPriceSchema = z.object({
  tenantId: z.string(),
  skuId: z.string(),
  monthlyAmount: z.number(),
  currency: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().nonnegative().optional(),
  lastChange: priceChangeSchema.optional(),
}) satisfies z.ZodType<SkuPrice>;

/** A stored document does not have the shape this version expects. */
export class StoredDocumentInvalidError extends Error {
  override readonly name = 'StoredDocumentInvalidError';
  readonly code = 'STORED_DOCUMENT_INVALID';
}

/** Parses a stored document, naming the container and id when it does not fit. */
export function parseDocument<T>(schema: z.ZodType<T>, document: unknown, where: string): T {
  const parsed = schema.safeParse(document);
  if (!parsed.success) {
    const id = (document as { id?: unknown } | null)?.id;
    throw new StoredDocumentInvalidError(
      `${where} item ${String(id)} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
