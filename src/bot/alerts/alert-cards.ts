import type { Attachment } from 'botbuilder';
import type { AlertMessage } from '../../app/ports/alert-card-writer.ts';
import type { AlertEntry, AlertFinding } from '../../domain/alerts/alert.ts';
import { renderCard } from '../cards/render-card.ts';
import type { AlertCardData, AlertSummaryLine } from './alert-card-data.ts';

/** Lines a summary card lists at most; the rest are counted (a card stays under 28 KB). */
export const SUMMARY_LINES = 15;

const day = (at: string) => at.slice(0, 16).replace('T', ' ') + ' UTC';

function usersText(finding: AlertFinding): string {
  if (finding.kind === 'sku-low' || finding.kind === 'subscription') {
    return `${finding.users} hold it`;
  }
  return `${finding.users} ${finding.kind === 'operation-failed' ? 'failed' : 'affected'}`;
}

/** The fix ids a card's buttons carry; '' for none. */
function fixIds(finding: AlertFinding) {
  const fix = finding.fix;
  return {
    groupId: fix.kind === 'group' ? fix.groupId : '',
    skuId: fix.kind === 'sku-holders' ? fix.skuId : '',
    shortfall: fix.kind === 'sku-holders' ? fix.shortfall : 0,
    operationId: fix.kind === 'operation' ? fix.operationId : '',
  };
}

/** One alert's card data, as it is now: open (new or changed since it opened) or solved. */
export function alertCardData(entry: AlertEntry): AlertCardData {
  const { finding } = entry;
  const solved = entry.solvedAt !== undefined;
  const changed = !solved && entry.changedAt !== entry.openedAt;
  return {
    headline: solved ? '✅ Solved' : changed ? '⚠️ Alert updated' : '⚠️ New alert',
    color: solved ? 'Good' : 'Attention',
    title: finding.title,
    usersText: usersText(finding),
    since: day(entry.openedAt),
    status: solved
      ? `Solved (found gone at ${day(entry.solvedAt!)})`
      : changed
        ? `Open, changed at ${day(entry.changedAt)}`
        : 'Open',
    reason: finding.reason,
    steps: finding.fix.kind === 'admin-center' ? finding.fix.steps : '',
    showFix: !solved,
    ...fixIds(finding),
  };
}

/** One line of a summary card. */
export function summaryLine(finding: AlertFinding, solved = false): AlertSummaryLine {
  return {
    line: solved ? `✅ Solved: ${finding.title}` : finding.title,
    details: (finding.fix.kind === 'admin-center'
      ? `${finding.reason} ${finding.fix.steps}`
      : finding.reason
    ).slice(0, 600),
    color: solved ? 'Good' : 'Attention',
    ...fixIds(finding),
  };
}

/** `… and 3 more` past the lines a summary lists. */
export function moreText(total: number, listed: number, hint: string): string {
  return total > listed ? `… and ${total - listed} more: ${hint}` : '';
}

/** The card of an alert message: one alert's own card, or a summary of several. */
export function alertMessageCard(message: AlertMessage): Attachment {
  if (!message.summary) {
    return renderCard('alert', alertCardData(message.alerts[0]!));
  }
  const open = message.alerts.filter((e) => e.solvedAt === undefined).length;
  const shown = message.alerts.slice(0, SUMMARY_LINES);
  return renderCard('alert-summary', {
    title:
      open === 0
        ? `✅ All ${message.alerts.length} problems solved`
        : `⚠️ ${message.alerts.length} new problems (${open} still open)`,
    intro:
      'Found by License Desk’s look at the tenant. Each line says what to do; the card is updated as they are solved.',
    alerts: shown.map((e) => summaryLine(e.finding, e.solvedAt !== undefined)),
    more: moreText(
      message.alerts.length,
      shown.length,
      'type `alerts` to see them all with their fixes.',
    ),
  });
}
