import type { Fix } from '../../domain/planning/fixes.ts';
import type { FixButton } from '../cards/card-data.ts';
import { commandText } from './command-text.ts';

// Adaptive Cards in Teams show at most five actions in one set.
const MAX_FIX_BUTTONS = 5;

function buttonOf(fix: Fix): FixButton {
  switch (fix.kind) {
    case 'whoHolds':
      return {
        kind: 'holders',
        title: fix.title,
        command: '',
        skuId: fix.skuId,
        shortfall: fix.shortfall,
      };
    case 'request':
      return {
        kind: 'request',
        title: fix.title,
        command: commandText(fix.request),
        skuId: '',
        shortfall: 0,
      };
    case 'askLocation':
      return {
        kind: 'location',
        title: fix.title,
        command: commandText(fix.request),
        skuId: '',
        shortfall: 0,
      };
  }
}

/**
 * Fixes as card buttons: each sends a request as it would be typed (parsed, authorised and
 * approved like text), asks for a usage location first, or opens who holds a SKU. The same
 * button twice (two users short of one SKU) shows once.
 */
export function fixButtons(fixes: readonly Fix[]): FixButton[] {
  const seen = new Set<string>();
  return fixes
    .map(buttonOf)
    .filter((button) => {
      const key = `${button.kind}|${button.title}|${button.command}|${button.skuId}`;
      return !seen.has(key) && seen.add(key);
    })
    .slice(0, MAX_FIX_BUTTONS);
}
