import type { LicensesView, SkuAvailability } from '../../app/views/licenses-view.ts';
import type { LicensesCardData } from './card-data.ts';
import { pagerOf } from './pager.ts';

function colourOf(sku: SkuAvailability): LicensesCardData['skus'][number]['availableColor'] {
  if (sku.available <= 0 && sku.total > 0) {
    return 'Attention';
  }
  return sku.warning ? 'Warning' : 'Good';
}

/** The `licenses` card's data from the availability view. */
export function licensesCardData(view: LicensesView): LicensesCardData {
  const { skus } = view;
  return {
    organisation: view.organisation,
    summary:
      view.warningCount > 0
        ? `${skus.total} subscriptions, ${view.warningCount} need attention (listed first).`
        : `${skus.total} subscriptions, none short of seats.`,
    skus: skus.items.map((sku) => ({
      name: sku.name === sku.partNumber ? sku.name : `${sku.name} (${sku.partNumber})`,
      availableText: `${sku.available} available`,
      availableColor: colourOf(sku),
      details: [
        `${sku.used} of ${sku.total} used`,
        sku.status === 'Enabled' ? 'active' : sku.status.toLowerCase(),
        sku.price ?? 'price not recorded',
      ].join(' · '),
      warning: sku.warning ?? '',
    })),
    pager: pagerOf(skus, 'subscriptions'),
  };
}
