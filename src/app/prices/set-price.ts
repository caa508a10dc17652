import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { resolveSku } from '../../domain/catalogue/resolve-sku.ts';
import type { Result } from '../../domain/errors.ts';
import type { Sku } from '../../domain/licensing.ts';
import { parseCurrencyCode, parseMonthlyAmount } from '../../domain/prices/price-input.ts';
import type { Caller } from '../identity/caller.ts';
import type { Directory } from '../ports/directory.ts';
import { notAnApprover, refusePrice, type PriceRefusal } from './price-refusal.ts';
import { savePrice, type PriceSaved, type SavePriceDeps } from './save-price.ts';

/** A price an approver asked for in the chat: the license typed or picked, the figures typed. */
export interface PriceAsked {
  /** As typed (`price E5 57 USD`), or the SKU id of the card's Edit button. */
  sku: { typed: string } | { skuId: string };
  amount: string;
  currency: string;
}

export type SetPriceDeps = SavePriceDeps & { directory: Pick<Directory, 'listSkus'> };

/** The SKU's product and part number, as the replies name it. */
export const skuLabel = (sku: Pick<Sku, 'skuPartNumber'>): string => {
  const name = skuDisplayName(sku);
  return name === sku.skuPartNumber ? name : `${name} (${sku.skuPartNumber})`;
};

function findSku(asked: PriceAsked['sku'], skus: readonly Sku[]): Result<Sku, PriceRefusal> {
  if ('skuId' in asked) {
    const found = skus.find((sku) => sku.skuId.toLowerCase() === asked.skuId.toLowerCase());
    return found
      ? { ok: true, value: found }
      : refusePrice(
          'PRICE_SKU_UNKNOWN',
          'That license is no longer in this tenant. Type `prices` to see the others.',
        );
  }
  const resolution = resolveSku(asked.typed, skus);
  switch (resolution.kind) {
    case 'found':
      return { ok: true, value: resolution.sku };
    case 'ambiguous':
      return refusePrice(
        'PRICE_SKU_AMBIGUOUS',
        `"${asked.typed}" could be ${resolution.candidates.map(skuLabel).join(' or ')}: which one? ` +
          `Type its part number, e.g. \`price ${resolution.candidates[0]!.skuPartNumber} …\`.`,
      );
    case 'unknown':
      return refusePrice(
        'PRICE_SKU_UNKNOWN',
        `I can't find the license "${asked.typed}" in this tenant.` +
          (resolution.suggestion ? ` Did you mean ${skuLabel(resolution.suggestion)}?` : ''),
      );
  }
}

/**
 * Sets a SKU's monthly price from the chat (`price <SKU> <amount> <currency>` or the prices
 * card's form): the license is found the way other commands find it, the figures checked, then
 * the price saved and its change recorded. Approvers only.
 */
export async function setPrice(
  deps: SetPriceDeps,
  caller: Caller,
  asked: PriceAsked,
): Promise<Result<PriceSaved & { sku: Sku }, PriceRefusal>> {
  const refused = notAnApprover(caller);
  if (refused) {
    return refused;
  }
  const sku = findSku(asked.sku, await deps.directory.listSkus());
  if (!sku.ok) {
    return sku;
  }
  const amount = parseMonthlyAmount(asked.amount);
  const currency = parseCurrencyCode(asked.currency);
  if (!amount.ok || !currency.ok) {
    const problems = [amount, currency].flatMap((parsed) => (parsed.ok ? [] : [parsed.failure]));
    return refusePrice(problems[0]!.code, problems.map((problem) => problem.message).join(' '));
  }
  const saved = await savePrice(
    deps,
    caller,
    sku.value,
    { monthlyAmount: amount.value, currency: currency.value },
    'chat',
  );
  return saved.ok ? { ok: true, value: { ...saved.value, sku: sku.value } } : saved;
}
