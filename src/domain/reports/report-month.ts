import type { Result } from '../errors.ts';
import { tidyPlainText } from '../commands/command-text.ts';

/** A calendar month (UTC) a report covers: `from` inclusive, `until` exclusive. */
export interface ReportMonth {
  /** "2026-01" */
  month: string;
  /** "January 2026" */
  label: string;
  from: string;
  until: string;
  /** The month is not over yet: the report covers it so far. */
  partial: boolean;
}

export interface ReportMonthProblem {
  code: 'MONTH_INVALID' | 'MONTH_IN_FUTURE';
  message: string;
  example: string;
}

export const reportExample = 'report 2026-01';

/** The month starting at `year`-`monthIndex` (0-based; Date.UTC rolls 12 over to January). */
export function reportMonthOf(year: number, monthIndex: number, now: Date): ReportMonth {
  const from = new Date(Date.UTC(year, monthIndex, 1));
  const until = new Date(Date.UTC(year, monthIndex + 1, 1));
  return {
    month: from.toISOString().slice(0, 7),
    label: from.toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    from: from.toISOString(),
    until: until.toISOString(),
    partial: until.getTime() > now.getTime(),
  };
}

const problem = (
  code: ReportMonthProblem['code'],
  message: string,
): Result<never, ReportMonthProblem> => ({
  ok: false,
  failure: { code, message, example: reportExample },
});

/**
 * The month a report is asked for: nothing or "last month" is the last full month (what an MSP
 * bills), "this month" the month so far, "2026-01" that month. A month not begun is refused.
 */
export function parseReportMonth(
  typed: string,
  now: Date,
): Result<ReportMonth, ReportMonthProblem> {
  const text = tidyPlainText(typed).toLowerCase();
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  if (text === '' || text === 'last month') {
    return { ok: true, value: reportMonthOf(year, month - 1, now) };
  }
  if (text === 'this month') {
    return { ok: true, value: reportMonthOf(year, month, now) };
  }
  const iso = /^(\d{4})-(\d{2})$/.exec(text);
  const monthNumber = Number(iso?.[2] ?? 0);
  if (iso === null || monthNumber < 1 || monthNumber > 12) {
    return problem(
      'MONTH_INVALID',
      `"${typed.trim()}" is not a month I can read: write it as YYYY-MM, or "this month".`,
    );
  }
  const asked = reportMonthOf(Number(iso[1]), monthNumber - 1, now);
  if (asked.from > now.toISOString()) {
    return problem('MONTH_IN_FUTURE', `${asked.label} has not begun yet: nothing to report.`);
  }
  return { ok: true, value: asked };
}
