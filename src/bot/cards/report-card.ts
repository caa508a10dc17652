import type { MonthlyReport, SkuLine } from '../../domain/reports/monthly-report.ts';
import { formatMoneyChange } from '../../domain/prices/money.ts';
import { reportMonthOf } from '../../domain/reports/report-month.ts';
import {
  groupSeatsNote,
  reportPricingWords,
  requestKindWords,
  skuPricingWords,
} from '../../domain/reports/report-words.ts';
import type { ReportCardData } from './report-card-data.ts';

/** Licenses shown on the card; the CSV has them all (a card must stay under 28 KB). */
export const REPORT_CARD_SKUS = 25;

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const costsText = (costs: SkuLine['costs']): string =>
  costs.map((cost) => formatMoneyChange(cost.amount, cost.currency)).join(' · ');

function seatsText(line: Pick<SkuLine, 'added' | 'removed' | 'net'>): string {
  return line.added + line.removed === 0
    ? 'no seat added or removed'
    : `+${line.added} added · −${line.removed} removed · net ${signed(line.net)}`;
}

function skuEntry(line: SkuLine): ReportCardData['skus'][number] {
  const groupChanges = line.groupAdded + line.groupRemoved + line.groupPlansChanged;
  const details = [
    line.plansChanged > 0 ? `${line.plansChanged} plan change(s)` : '',
    groupChanges > 0
      ? `group licenses (seats through Entra): ${line.groupAdded} added, ${line.groupRemoved} removed, ${line.groupPlansChanged} plan change(s)`
      : '',
    line.pricing === 'noPrice' ? '' : skuPricingWords[line.pricing],
  ].filter((part) => part !== '');
  return {
    name:
      line.partNumber && line.partNumber !== line.name
        ? `${line.name} (${line.partNumber})`
        : line.name,
    seats: seatsText(line),
    cost: line.pricing === 'noPrice' ? 'no price set' : costsText(line.costs),
    costColor: line.pricing === 'noPrice' ? 'Warning' : 'Default',
    details: details.join(' · '),
  };
}

function periodOf(report: MonthlyReport, now: Date): string {
  const { month } = report;
  const last = new Date(Date.parse(month.until) - 1);
  const end = month.partial ? now : last;
  const day = (date: Date) =>
    date.toLocaleString('en-US', { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return `${day(new Date(month.from))} to ${day(end)} ${month.from.slice(0, 4)} (UTC)${month.partial ? ', the month so far' : ''}`;
}

function factsOf(report: MonthlyReport): ReportCardData['facts'] {
  return [
    { title: 'Requests that changed something', value: String(report.requests.total) },
    ...report.requests.byKind.map(({ kind, count }) => ({
      title: `· ${capital(requestKindWords[kind])}`,
      value: String(count),
    })),
    { title: 'Users changed', value: String(report.usersChanged) },
    ...(report.groupsChanged > 0
      ? [{ title: 'Groups changed', value: String(report.groupsChanged) }]
      : []),
    ...(report.failed > 0
      ? [{ title: 'Failed changes (not counted)', value: String(report.failed) }]
      : []),
  ];
}

function notesOf(report: MonthlyReport): string[] {
  const groups =
    report.totals.groupAdded + report.totals.groupRemoved + report.totals.groupPlansChanged;
  return [
    reportPricingWords[report.pricing],
    ...(report.unpriced.length > 0
      ? [
          `No price set for ${report.unpriced.join(', ')}: their seat changes are not in the cost change. An approver sets one with \`price <SKU> <amount> <currency>\`.`,
        ]
      : []),
    ...(groups > 0 ? [groupSeatsNote] : []),
  ];
}

/** The report card's data: figures first, each SKU (the first 25), totals, how it was priced. */
export function reportCardData(report: MonthlyReport, now: Date): ReportCardData {
  const { month, totals } = report;
  const before = new Date(month.from);
  const previous = reportMonthOf(before.getUTCFullYear(), before.getUTCMonth() - 1, now);
  const hidden = report.skus.length - REPORT_CARD_SKUS;
  return {
    title: `License report: ${month.label}${month.partial ? ' so far' : ''}`,
    period: periodOf(report, now),
    facts: factsOf(report),
    hasSkus: report.skus.length > 0,
    skus: report.skus.slice(0, REPORT_CARD_SKUS).map(skuEntry),
    more: hidden > 0 ? `and ${hidden} more licenses: in the CSV.` : '',
    totals: [
      { title: 'Seats', value: seatsText(totals) },
      {
        title: 'Cost change per month',
        value: totals.costs.length > 0 ? costsText(totals.costs) : 'nothing priced',
      },
      ...(totals.plansChanged > 0
        ? [{ title: 'Plan changes', value: String(totals.plansChanged) }]
        : []),
    ],
    notes: notesOf(report),
    month: month.month,
    previous: previous.month,
    previousTitle: `Previous month (${previous.label})`,
  };
}
