import type { MonthlyReport, SkuPricing } from './monthly-report.ts';
import type { RequestKind } from './report-tally.ts';

/** A request kind in an admin's words, as the card and the file say it. */
export const requestKindWords: Readonly<Record<RequestKind, string>> = {
  assign: 'licenses assigned',
  remove: 'licenses removed',
  transfer: 'transfers',
  plans: 'plans changed',
  usageLocation: 'usage locations set',
  reprocess: 'group licenses reprocessed',
  groupLicense: 'group license changes',
};

/** How a SKU's cost change was priced, in words; nothing to say when no seat changed. */
export const skuPricingWords: Readonly<Record<SkuPricing, string>> = {
  atChange: 'price at the change',
  current: "today's price",
  mixed: "price at the change, today's where none was recorded",
  noPrice: 'no price set',
  noSeatChange: '',
};

/** The report's pricing in one sentence, for the card and the API. */
export const reportPricingWords: Readonly<Record<MonthlyReport['pricing'], string>> = {
  atChange: 'Each change is priced at the monthly price per seat it had then (price history).',
  current:
    "No price history covers these changes: each is priced at today's monthly price per seat.",
  mixed:
    "Changes are priced at the monthly price per seat they had then; where the price history has none, at today's.",
  none: 'No seat change was priced.',
};

/** Why group license changes are apart from the cost. */
export const groupSeatsNote =
  'Group license changes are counted apart: their seats are consumed through Entra, one per member, so they are not in the cost change.';
