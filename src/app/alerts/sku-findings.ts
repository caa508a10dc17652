import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { AlertFinding } from '../../domain/alerts/alert.ts';
import { seatLevel, type SeatLevel } from '../../domain/alerts/seat-level.ts';
import { availableSeats, type Sku } from '../../domain/licensing.ts';
import { NEARLY_OUT_SEATS, NEARLY_OUT_SHARE, seatWarning } from '../views/seat-warning.ts';

const LEVEL_WORDS: Record<Exclude<SeatLevel, 'ok'>, string> = {
  'nearly-out': 'nearly out of seats',
  'none-left': 'no seats left',
  'over-used': 'over-used',
};

/**
 * SKUs nearly out of seats, out, or over-used, by the `licenses` card's thresholds and in its
 * words. The level is the fingerprint: one seat more or less is no news, a change of level is.
 */
export function skuFindings(skus: readonly Sku[]): AlertFinding[] {
  const findings: AlertFinding[] = [];
  for (const sku of skus) {
    const total = sku.prepaidUnits.enabled;
    const available = availableSeats(sku);
    const level = seatLevel(total, available, sku.capabilityStatus, {
      seats: NEARLY_OUT_SEATS,
      share: NEARLY_OUT_SHARE,
    });
    if (level === 'ok') {
      continue;
    }
    const name = skuDisplayName(sku);
    findings.push({
      id: `sku-low:${sku.skuId}`,
      kind: 'sku-low',
      fingerprint: level,
      title: `${name}: ${LEVEL_WORDS[level]} (${sku.consumedUnits} of ${total} used)`,
      users: sku.consumedUnits,
      reason: seatWarning(total, available, sku.capabilityStatus) ?? LEVEL_WORDS[level],
      fix: { kind: 'sku-holders', skuId: sku.skuId, shortfall: Math.max(0, -available) },
    });
  }
  return findings;
}
