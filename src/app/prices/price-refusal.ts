import type { Caller } from '../identity/caller.ts';

/** Why a price was not set or a CSV not read, with a stable code and an approver's words. */
export interface PriceRefusal {
  code:
    | 'PRICE_NOT_ALLOWED'
    | 'PRICE_AMOUNT_INVALID'
    | 'PRICE_CURRENCY_INVALID'
    | 'PRICE_SKU_UNKNOWN'
    | 'PRICE_SKU_AMBIGUOUS'
    | 'PRICE_BUSY'
    | 'PRICE_CSV_UNREADABLE'
    | 'PRICE_CSV_EMPTY'
    | 'PRICE_CSV_HEADER'
    | 'PRICE_CSV_TOO_LONG';
  message: string;
}

export const refusePrice = (code: PriceRefusal['code'], message: string) =>
  ({ ok: false, failure: { code, message } }) as const;

/** Only license admins keep the price table: checked here too, whatever the edge checked. */
export function notAnApprover(caller: Caller) {
  return caller.role === 'approver'
    ? undefined
    : refusePrice('PRICE_NOT_ALLOWED', 'Only license admins can change prices.');
}
