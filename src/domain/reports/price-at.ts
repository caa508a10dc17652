/** A monthly list price per seat in one currency, as the report reads it. */
export interface SeatPrice {
  monthlyAmount: number;
  /** ISO 4217, e.g. "USD". */
  currency: string;
}

/** One recorded change of a SKU's price (the price history's record, as far as it matters). */
export interface PricePoint {
  skuId: string;
  at: string;
  /** The price before; null when the SKU had none. */
  before: SeatPrice | null;
  after: SeatPrice;
}

/** Where a change's price came from: the price history at that date, or today's price. */
export type PriceBasis = 'atChange' | 'current';

/** A SKU's price at some moment, and where it was read. */
export interface PriceFound {
  price: SeatPrice;
  basis: PriceBasis;
}

/** The prices a report uses: each SKU's recorded changes, oldest first, and its price now. */
export interface PriceBook {
  changes: ReadonlyMap<string, readonly PricePoint[]>;
  current: ReadonlyMap<string, SeatPrice>;
}

const key = (skuId: string): string => skuId.toLowerCase();

/**
 * The price book from the tenant's price changes (any order) and current prices. SKU ids are
 * compared without case: Graph and the price table may spell a GUID differently.
 */
export function priceBook(
  changes: readonly PricePoint[],
  current: readonly (SeatPrice & { skuId: string })[],
): PriceBook {
  const bySku = new Map<string, PricePoint[]>();
  for (const change of [...changes].sort((a, b) => a.at.localeCompare(b.at))) {
    const list = bySku.get(key(change.skuId)) ?? [];
    list.push(change);
    bySku.set(key(change.skuId), list);
  }
  return {
    changes: bySku,
    current: new Map(
      current.map((price) => [
        key(price.skuId),
        { monthlyAmount: price.monthlyAmount, currency: price.currency },
      ]),
    ),
  };
}

/**
 * The SKU's price per seat as it stood at `at`: the last change made by then, or, before the
 * first recorded change, the price that change replaced. When the history says nothing (no
 * change recorded, or no price before the first), today's price stands in, and says so.
 */
export function priceAt(book: PriceBook, skuId: string, at: string): PriceFound | undefined {
  const changes = book.changes.get(key(skuId)) ?? [];
  const last = changes.findLast((change) => change.at <= at);
  const stood = last === undefined ? changes[0]?.before : last.after;
  if (stood) {
    return { price: stood, basis: 'atChange' };
  }
  const current = book.current.get(key(skuId));
  return current === undefined ? undefined : { price: current, basis: 'current' };
}
