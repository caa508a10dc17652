import { describe, expect, it } from 'vitest';
import { parseReportMonth, reportMonthOf } from '../../../src/domain/reports/report-month.ts';

const now = new Date('2026-03-15T12:00:00.000Z');
const parsed = (text: string) => {
  const result = parseReportMonth(text, now);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
};

describe('the month of a report', () => {
  it('is the last full month when none is named, or "last month"', () => {
    for (const text of ['', '  ', 'last month', 'Last  Month']) {
      expect(parsed(text)).toEqual({
        month: '2026-02',
        label: 'February 2026',
        from: '2026-02-01T00:00:00.000Z',
        until: '2026-03-01T00:00:00.000Z',
        partial: false,
      });
    }
  });

  it('is the month so far for "this month", or the current month typed', () => {
    expect(parsed('this month')).toMatchObject({ month: '2026-03', partial: true });
    expect(parsed('2026-03')).toMatchObject({ month: '2026-03', partial: true });
  });

  it('reads YYYY-MM, across a year end', () => {
    expect(parsed('2025-12')).toMatchObject({
      label: 'December 2025',
      from: '2025-12-01T00:00:00.000Z',
      until: '2026-01-01T00:00:00.000Z',
      partial: false,
    });
    expect(reportMonthOf(2026, -1, now).month).toBe('2025-12');
  });

  it('refuses what is not a month, with an example', () => {
    for (const text of ['2026-13', '2026-00', 'March', '2026-3', '26-03']) {
      expect(parseReportMonth(text, now)).toEqual({
        ok: false,
        failure: {
          code: 'MONTH_INVALID',
          message: `"${text}" is not a month I can read: write it as YYYY-MM, or "this month".`,
          example: 'report 2026-01',
        },
      });
    }
  });

  it('refuses a month not begun', () => {
    expect(parseReportMonth('2026-04', now)).toMatchObject({
      ok: false,
      failure: {
        code: 'MONTH_IN_FUTURE',
        message: 'April 2026 has not begun yet: nothing to report.',
      },
    });
  });
});
