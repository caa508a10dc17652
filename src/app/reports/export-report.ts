import type { Result } from '../../domain/errors.ts';
import type { MonthlyReport } from '../../domain/reports/monthly-report.ts';
import { reportCsv } from '../../domain/reports/report-csv.ts';
import type { ReportMonthProblem } from '../../domain/reports/report-month.ts';
import { monthlyReport, type ReportDependencies } from './monthly-report.ts';

/** A month's report as a CSV file: its name, its text, and the report it was made from. */
export interface ReportFile {
  fileName: string;
  csv: string;
  report: MonthlyReport;
}

/** `license-report-2026-01.csv`, or `…-so-far.csv` for a month not over. */
export const reportFileName = (report: MonthlyReport): string =>
  `license-report-${report.month.month}${report.month.partial ? '-so-far' : ''}.csv`;

/** The month's report as CSV (one row per SKU and currency, then the totals). */
export async function exportMonthlyReport(
  deps: ReportDependencies,
  tenantId: string,
  typedMonth: string,
): Promise<Result<ReportFile, ReportMonthProblem>> {
  const built = await monthlyReport(deps, tenantId, typedMonth);
  if (!built.ok) {
    return built;
  }
  const report = built.value;
  return { ok: true, value: { fileName: reportFileName(report), csv: reportCsv(report), report } };
}
