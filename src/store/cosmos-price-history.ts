import type { Container } from '@azure/cosmos';
import type { PriceChange, PriceHistory } from '../app/ports/price-history.ts';
import { parseDocument, priceChangeSchema } from './documents.ts';
import { createOnce } from './etag-guard.ts';
import { queryPage } from './paging.ts';
import type { Page, PageRequest } from './paging.ts';

type PriceChangeDocument = PriceChange & { type: 'priceChange' };

const parse = (document: unknown): PriceChange =>
  parseDocument(priceChangeSchema, document, 'prices');

/**
 * Price change records in the `prices` container, beside the prices (partition: tenant; id: the
 * change's own, which no SKU id can equal). A record is created, never replaced: writing it
 * again is a 409 that means "already recorded".
 */
export class CosmosPriceHistory implements PriceHistory {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async record(change: PriceChange): Promise<void> {
    const document: PriceChangeDocument = {
      ...priceChangeSchema.parse(change),
      type: 'priceChange',
    };
    await createOnce(this.#container, document);
  }

  async list(tenantId: string, request: PageRequest = {}): Promise<Page<PriceChange>> {
    // Newest first by the change's own time, as the license history is.
    const page = await queryPage<PriceChangeDocument>(
      this.#container,
      {
        query:
          "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = 'priceChange' ORDER BY c.at DESC",
        parameters: [{ name: '@tenantId', value: tenantId }],
      },
      tenantId,
      request,
    );
    return { ...page, items: page.items.map(parse) };
  }
}
