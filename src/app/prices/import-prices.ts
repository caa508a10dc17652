import type { Result } from '../../domain/errors.ts';
import { readPriceSheet, type PriceRow, type RowProblem } from '../../domain/prices/price-sheet.ts';
import type { Caller } from '../identity/caller.ts';
import type { Directory } from '../ports/directory.ts';
import { notAnApprover, type PriceRefusal } from './price-refusal.ts';
import { readPriceCsv } from './read-price-csv.ts';
import { savePrice, type PriceSaved, type SavePriceDeps } from './save-price.ts';

export type ImportPricesDeps = SavePriceDeps & { directory: Pick<Directory, 'listSkus'> };

/** What an import did: each row saved or already so, and each row refused with why. */
export interface PriceImportReport {
  saved: (PriceSaved & { row: PriceRow })[];
  unchanged: (PriceSaved & { row: PriceRow })[];
  /** Every refused row by line, in the order of the file. */
  problems: RowProblem[];
}

// Rows are saved a few at a time: an import answers a click, and Teams waits 15 s at most.
const AT_ONCE = 8;

/**
 * Imports a price CSV (`SkuPartNumber,MonthlyPrice,Currency`), pasted on the prices card or sent
 * as a file: every row is checked before anything is saved; the good rows are saved, each with
 * its change recorded ("from a CSV"), and the bad ones reported by line and reason. A row is
 * one write, so it is saved whole or not at all; importing the same file again changes nothing.
 * Approvers only.
 */
export async function importPrices(
  deps: ImportPricesDeps,
  caller: Caller,
  csv: string,
): Promise<Result<PriceImportReport, PriceRefusal>> {
  const refused = notAnApprover(caller);
  if (refused) {
    return refused;
  }
  const records = readPriceCsv(csv);
  if (!records.ok) {
    return records;
  }
  const sheet = readPriceSheet(records.value, await deps.directory.listSkus());
  if (!sheet.ok) {
    return sheet;
  }
  const report: PriceImportReport = { saved: [], unchanged: [], problems: sheet.value.problems };
  const rows = sheet.value.rows;
  for (let start = 0; start < rows.length; start += AT_ONCE) {
    const outcomes = await Promise.all(
      rows.slice(start, start + AT_ONCE).map(async (row) => ({
        row,
        saved: await savePrice(
          deps,
          caller,
          row.sku,
          { monthlyAmount: row.monthlyAmount, currency: row.currency },
          'csv',
        ),
      })),
    );
    for (const { row, saved } of outcomes) {
      if (!saved.ok) {
        report.problems.push({ line: row.line, reason: saved.failure.message });
      } else if (saved.value.outcome === 'saved') {
        report.saved.push({ ...saved.value, row });
      } else {
        report.unchanged.push({ ...saved.value, row });
      }
    }
  }
  report.problems.sort((a, b) => a.line - b.line);
  return { ok: true, value: report };
}
