import type { Container } from '@azure/cosmos';
import type { PriceStore, SkuPrice } from '../app/ports/stores.ts';
import { parseDocument, skuPriceSchema } from './documents.ts';
import { readVersioned } from './etag-guard.ts';
import { queryAll } from './paging.ts';

type PriceDocument = SkuPrice & { id: string };

const parse = (document: unknown): SkuPrice => parseDocument(skuPriceSchema, document, 'prices');

/**
 * The admins' price table in the `prices` container (partition: tenant, id: SKU id). A price is
 * a whole value that the last admin to save it owns, so saving is an upsert.
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
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId',
        parameters: [{ name: '@tenantId', value: tenantId }],
      },
      tenantId,
    );
    return documents.map(parse);
  }

  async get(tenantId: string, skuId: string): Promise<SkuPrice | null> {
    const found = await readVersioned<PriceDocument>(
      this.#container,
      skuId.toLowerCase(),
      tenantId,
    );
    return found === null ? null : parse(found.value);
  }

  async save(price: SkuPrice): Promise<void> {
    const document: PriceDocument = {
      ...skuPriceSchema.parse(price),
      id: price.skuId.toLowerCase(),
    };
    await this.#container.items.upsert(document);
  }
}
