import type { Result } from '../errors.ts';
import type { Sku } from '../licensing.ts';
import { closestMatch } from '../text/closest.ts';
import { parseCurrencyCode, parseMonthlyAmount } from './price-input.ts';

/** The header a price CSV starts with (any case, any column order, other columns ignored). */
export const PRICE_CSV_HEADER = 'SkuPartNumber,MonthlyPrice,Currency';

/** More rows than any tenant has licenses: a file this long is the wrong file. */
export const MAX_PRICE_ROWS = 1_000;

/** One record of the CSV as read, with the line of the file it ends on. */
export interface SheetRecord {
  line: number;
  fields: readonly string[];
}

/** A row that can be saved: the tenant's SKU, its monthly price per seat and the currency. */
export interface PriceRow {
  line: number;
  sku: Sku;
  monthlyAmount: number;
  currency: string;
}

/** A row that cannot, and every reason why, in an admin's words. */
export interface RowProblem {
  line: number;
  reason: string;
}

/** The rows to save and the rows refused: a refused row is not saved at all, not in part. */
export interface PriceSheet {
  rows: PriceRow[];
  problems: RowProblem[];
}

/** Why nothing of the CSV can be read as prices. */
export interface SheetProblem {
  code: 'PRICE_CSV_EMPTY' | 'PRICE_CSV_HEADER' | 'PRICE_CSV_TOO_LONG';
  message: string;
}

const columns = ['skupartnumber', 'monthlyprice', 'currency'] as const;
const columnTitles = PRICE_CSV_HEADER.split(',');

const sheetProblem = (code: SheetProblem['code'], message: string) =>
  ({ ok: false, failure: { code, message } }) as const;

/** Where each needed column is, or the titles of those missing. */
function columnsOf(header: SheetRecord): number[] | string[] {
  const titles = header.fields.map((field) => field.trim().toLowerCase());
  const at = columns.map((column) => titles.indexOf(column));
  const missing = columnTitles.filter((_, index) => at[index] === -1);
  return missing.length > 0 ? missing : at;
}

/** Lines by SKU part number (upper case), to refuse a license given twice. */
function linesByPartNumber(records: readonly SheetRecord[], at: number): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const record of records) {
    const partNumber = (record.fields[at] ?? '').trim().toUpperCase();
    if (partNumber !== '') {
      lines.set(partNumber, [...(lines.get(partNumber) ?? []), record.line]);
    }
  }
  return lines;
}

/** Why a part number that is none of the tenant's SKUs cannot be priced. */
function skuReason(typed: string, skus: readonly Sku[]): string {
  if (typed === '') {
    return 'It has no SkuPartNumber.';
  }
  const near = closestMatch(
    typed,
    skus.map((sku) => sku.skuPartNumber),
  );
  return `"${typed}" is not a license of this tenant${near ? ` (did you mean ${near}?)` : ''}.`;
}

/**
 * Checks every row of a price CSV before anything is saved: the header names the three columns;
 * each row's part number is one of the tenant's SKUs and appears once; its price is a
 * non-negative amount with at most two decimals; its currency an ISO 4217 code. Every bad row is
 * reported with its line and all its reasons; the good rows are returned to save.
 */
export function readPriceSheet(
  records: readonly SheetRecord[],
  skus: readonly Sku[],
): Result<PriceSheet, SheetProblem> {
  const [header, ...data] = records;
  if (header === undefined) {
    return sheetProblem(
      'PRICE_CSV_EMPTY',
      `The CSV is empty: its first line must be \`${PRICE_CSV_HEADER}\`.`,
    );
  }
  const at = columnsOf(header);
  if (typeof at[0] === 'string') {
    return sheetProblem(
      'PRICE_CSV_HEADER',
      `The first line must name the columns \`${PRICE_CSV_HEADER}\`; line ${header.line} has no ${at.join(' or ')} column.`,
    );
  }
  const [skuAt, amountAt, currencyAt] = at as [number, number, number];
  if (data.length === 0) {
    return sheetProblem('PRICE_CSV_EMPTY', 'The CSV has its header but no prices.');
  }
  if (data.length > MAX_PRICE_ROWS) {
    return sheetProblem(
      'PRICE_CSV_TOO_LONG',
      `The CSV has ${data.length} rows; a price list takes at most ${MAX_PRICE_ROWS}.`,
    );
  }
  const seen = linesByPartNumber(data, skuAt);
  const rows: PriceRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of data) {
    const partNumber = (record.fields[skuAt] ?? '').trim();
    const sku = skus.find((one) => one.skuPartNumber.toUpperCase() === partNumber.toUpperCase());
    const amount = parseMonthlyAmount(record.fields[amountAt] ?? '');
    const currency = parseCurrencyCode(record.fields[currencyAt] ?? '');
    const lines = seen.get(partNumber.toUpperCase()) ?? [];
    if (sku !== undefined && lines.length === 1 && amount.ok && currency.ok) {
      rows.push({ line: record.line, sku, monthlyAmount: amount.value, currency: currency.value });
      continue;
    }
    const reasons = [
      sku === undefined ? skuReason(partNumber, skus) : '',
      lines.length > 1
        ? `${partNumber} is on lines ${lines.join(', ')}: give each license once.`
        : '',
      amount.ok ? '' : amount.failure.message,
      currency.ok ? '' : currency.failure.message,
    ];
    problems.push({
      line: record.line,
      reason: reasons.filter((reason) => reason !== '').join(' '),
    });
  }
  return { ok: true, value: { rows, problems } };
}
