import { neutraliseCell } from '../history/history-csv.ts';
import type { CostLine, MonthlyReport, ReportTotals, SkuLine } from './monthly-report.ts';
import { skuPricingWords } from './report-words.ts';

export const reportCsvHeader = [
  'Month',
  'SKU',
  'Part number',
  'Seats added',
  'Seats removed',
  'Net seats',
  'Plan changes',
  'Group licenses added',
  'Group licenses removed',
  'Group plan changes',
  'Cost change',
  'Currency',
  'Priced at',
] as const;

// Figures the report wrote itself stay numbers for the spreadsheet; any other text is
// neutralised (a SKU name from Graph could start with "=").
const isFigure = (value: string): boolean => /^-?\d+(\.\d+)?$/.test(value);

function cell(value: string): string {
  const safe = isFigure(value) ? value : neutraliseCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const counts = (line: ReportTotals): string[] =>
  [
    line.added,
    line.removed,
    line.net,
    line.plansChanged,
    line.groupAdded,
    line.groupRemoved,
    line.groupPlansChanged,
  ].map(String);

const blankCounts = (): string[] => Array.from({ length: 7 }, () => '');

/**
 * Rows for one line: the first carries the counts and the first currency's cost; a cost in
 * another currency (a price changed currency in the month) gets a row of its own.
 */
function rowsOf(
  month: string,
  label: readonly [string, string],
  line: ReportTotals,
  noCost: readonly [string, string],
): string[][] {
  const costs: (CostLine | undefined)[] = line.costs.length > 0 ? line.costs : [undefined];
  return costs.map((cost, index) => [
    month,
    ...label,
    ...(index === 0 ? counts(line) : blankCounts()),
    ...(cost ? [cost.amount.toFixed(2), cost.currency] : noCost),
  ]);
}

function skuRows(month: string, line: SkuLine): string[][] {
  const noCost: [string, string] = line.pricing === 'noPrice' ? ['no price set', ''] : ['', ''];
  return rowsOf(month, [line.name, line.partNumber], line, noCost).map((row) => [
    ...row,
    skuPricingWords[line.pricing],
  ]);
}

/** The report's rows, header first: one per SKU (and currency), then the totals. */
export function reportCsvRows(report: MonthlyReport): string[][] {
  const month = report.month.month;
  return [
    [...reportCsvHeader],
    ...report.skus.flatMap((line) => skuRows(month, line)),
    ...rowsOf(month, ['Total', ''], report.totals, ['', '']).map((row) => [...row, '']),
  ];
}

/** The report as CSV text (RFC 4180, CRLF line ends). */
export function reportCsv(report: MonthlyReport): string {
  return (
    reportCsvRows(report)
      .map((row) => row.map(cell).join(','))
      .join('\r\n') + '\r\n'
  );
}
