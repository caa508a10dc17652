import type { PriceChange, PriceHistory } from '../../app/ports/price-history.ts';
import { priceChangeSchema } from '../documents.ts';
import type { Page, PageRequest } from '../paging.ts';
import { pageOf } from './memory-pages.ts';
import { settle } from './memory-versions.ts';

/** `PriceHistory` in memory; passes the same contract suite as `CosmosPriceHistory`. */
export class MemoryPriceHistory implements PriceHistory {
  readonly #changes = new Map<string, PriceChange>();

  record(change: PriceChange): Promise<void> {
    return settle(() => {
      const valid = priceChangeSchema.parse(change);
      const id = `${valid.tenantId}\n${valid.id}`;
      if (!this.#changes.has(id)) {
        this.#changes.set(id, structuredClone(valid));
      }
    });
  }

  list(tenantId: string, request?: PageRequest): Promise<Page<PriceChange>> {
    const found = [...this.#changes.values()]
      .filter((change) => change.tenantId === tenantId)
      .sort((a, b) => b.at.localeCompare(a.at));
    return Promise.resolve(pageOf(found, request));
  }
}
