import type { Result } from '../../domain/errors.ts';
import type { MonthlyReport } from '../../domain/reports/monthly-report.ts';
import type { ReportMonthProblem } from '../../domain/reports/report-month.ts';
import { exportMonthlyReport, type ReportFile } from './export-report.ts';
import { monthlyReport, type ReportDependencies } from './monthly-report.ts';

/**
 * Monthly reports for billing reconciliation. Each takes the tenant explicitly (an operator may
 * later ask for a customer tenant's) and the month as typed: "2026-01", "this month", or ""
 * for the last full month.
 */
export interface ReportUseCases {
  monthly(tenantId: string, month: string): Promise<Result<MonthlyReport, ReportMonthProblem>>;
  export(tenantId: string, month: string): Promise<Result<ReportFile, ReportMonthProblem>>;
}

/** The report use cases over `deps`, wired once by the composition root. */
export function reportUseCases(deps: ReportDependencies): ReportUseCases {
  return {
    monthly: (tenantId, month) => monthlyReport(deps, tenantId, month),
    export: (tenantId, month) => exportMonthlyReport(deps, tenantId, month),
  };
}
