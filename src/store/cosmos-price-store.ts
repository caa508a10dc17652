import type { Container } from '@azure/cosmos';
import type { PriceStore, SkuPrice, Versioned } from '../app/ports/stores.ts';
import { parseDocument, skuPriceSchema } from './documents.ts';
import { createVersioned, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { queryAll } from './paging.ts';

type PriceDocument = SkuPrice & { id: string; type: 'price' };

const parse = (document: unknown): SkuPrice => parseDocument(skuPriceSchema, document, 'prices');

/** SKU ids are GUIDs: Graph compares them without case, and so does the price table. */
export const priceDocumentId = (skuId: string): string => skuId.toLowerCase();

/**
 * The admins' price table in the `prices` container (partition: tenant, id: SKU id). The same
 * partition holds the price change records (`type: 'priceChange'`, see `CosmosPriceHistory`);
 * prices written before that have no `type`, and are prices too.
 */
export class CosmosPriceStore implements PriceStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async list(tenantId: string): Promise<SkuPrice[]> {
    const documents = await queryAll<PriceDocument>(
      this.#container,
      {
        query:
          "SELECT * FROM c WHERE c.tenantId = @tenantId AND (NOT IS_DEFINED(c.type) OR c.type = 'price')",
        parameters: [{ name: '@tenantId', value: tenantId }],
      },
      tenantId,
    );
    return documents.map(parse);
  }

  async get(tenantId: string, skuId: string): Promise<Versioned<SkuPrice> | null> {
    const found = await readVersioned<PriceDocument>(
      this.#container,
      priceDocumentId(skuId),
      tenantId,
    );
    return found === null ? null : { value: parse(found.value), etag: found.etag };
  }

  async save(price: SkuPrice, etag?: string): Promise<Versioned<SkuPrice>> {
    const document: PriceDocument = {
      ...skuPriceSchema.parse(price),
      id: priceDocumentId(price.skuId),
      type: 'price',
    };
    const saved =
      etag === undefined
        ? await createVersioned(this.#container, document)
        : await replaceIfMatch(this.#container, document, price.tenantId, etag);
    return { value: parse(saved.value), etag: saved.etag };
  }
}
