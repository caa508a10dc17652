import type { Page, PageRequest } from './paging.ts';

/** How a price was set: in the chat (typed, or the prices card) or from a CSV (pasted or sent). */
export type PriceChangeVia = 'chat' | 'csv';

/** A monthly list price per seat in one currency. */
export interface PriceFigures {
  monthlyAmount: number;
  /** ISO 4217, e.g. "USD". */
  currency: string;
}

/** One change of a SKU's price: old → new, who, when and how. */
export interface PriceChange {
  /**
   * Made from the SKU and the revision of its price the change wrote (`price-change:<skuId>:<n>`):
   * written again after a retry, it is the same record, not a second one.
   */
  id: string;
  tenantId: string;
  skuId: string;
  skuPartNumber: string;
  /** The price before; null when the SKU had none. */
  before: PriceFigures | null;
  after: PriceFigures;
  by: { userId: string; displayName: string };
  via: PriceChangeVia;
  at: string;
}

/** The record of every price change, per tenant. */
export interface PriceHistory {
  /** Records the change unless one with its id is recorded already (then nothing changes). */
  record(change: PriceChange): Promise<void>;
  /** A page of the tenant's changes, newest first. */
  list(tenantId: string, request?: PageRequest): Promise<Page<PriceChange>>;
}
