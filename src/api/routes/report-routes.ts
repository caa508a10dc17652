import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { ApiUseCases } from '../api-use-cases.ts';
import { readsWholeTenant } from '../auth/api-roles.ts';
import { ApiProblem } from '../problem.ts';
import type { MonthlyReport } from '../../domain/reports/monthly-report.ts';
import { groupSeatsNote, reportPricingWords } from '../../domain/reports/report-words.ts';

const count = z.number().int().nonnegative();
const costs = z
  .array(z.object({ currency: z.string(), amount: z.number() }))
  .describe('Cost change per month, one entry per currency (never added across currencies).');
const seats = {
  added: count,
  removed: count,
  net: z.number().int(),
  plansChanged: count,
  groupAdded: count.describe("Changes to a group's licenses: seats consumed through Entra."),
  groupRemoved: count,
  groupPlansChanged: count,
  costs,
};

const reportSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  label: z.string(),
  from: z.string().describe('Start of the month (UTC), inclusive.'),
  until: z.string().describe('Start of the next month (UTC), exclusive.'),
  partial: z.boolean().describe('The month is not over: the report covers it so far.'),
  requests: z.object({
    total: count,
    byKind: z.array(z.object({ kind: z.string(), count })),
  }),
  usersChanged: count,
  groupsChanged: count,
  skus: z.array(
    z.object({
      skuId: z.string(),
      name: z.string(),
      partNumber: z.string(),
      ...seats,
      pricing: z
        .enum(['atChange', 'current', 'mixed', 'noPrice', 'noSeatChange'])
        .describe('noPrice: the SKU has no price set, so its cost change is not given (never 0).'),
    }),
  ),
  totals: z.object(seats),
  unpriced: z.array(z.string()).describe('SKUs whose seat changes had no price.'),
  pricing: z.enum(['atChange', 'current', 'mixed', 'none']),
  pricingNote: z.string(),
  groupNote: z.string(),
  failed: count.describe('License changes that failed in the month: not counted.'),
});

const body = (report: MonthlyReport): z.infer<typeof reportSchema> => {
  const { month, ...rest } = report;
  return {
    ...rest,
    month: month.month,
    label: month.label,
    from: month.from,
    until: month.until,
    partial: month.partial,
    pricingNote: reportPricingWords[report.pricing],
    groupNote: groupSeatsNote,
  };
};

/** `GET /api/identity/licenses/report`: a month's license changes for billing, JSON or CSV. */
export function reportRoutes(uses: ApiUseCases): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/identity/licenses/report',
      operationId: 'getMonthlyReport',
      summary:
        "The tenant's license changes in a calendar month (UTC) for billing reconciliation: requests, users changed, seats added and removed per SKU and the cost change. `Accept: text/csv` gives the CSV.",
      permission: 'read',
      query: z.object({
        month: z
          .string()
          .max(20)
          .optional()
          .describe('YYYY-MM, or "this month"; absent: the last full month.'),
      }),
      responses: {
        200: {
          description: 'The report (JSON), or its CSV with `Accept: text/csv`.',
          schema: reportSchema,
          csv: 'One row per SKU (and currency), then the totals.',
        },
        400: { description: 'The month is not YYYY-MM, or has not begun.' },
      },
      handle: async ({ who, query, headers }) => {
        // A billing figure is the whole tenant's: Licenses.Read or Licenses.Approve, not Request.
        if (!readsWholeTenant(who.roles)) {
          throw new ApiProblem(
            403,
            'ROLE_MISSING',
            'Forbidden',
            'The monthly report needs the app role Licenses.Read or Licenses.Approve.',
          );
        }
        const tenantId = who.caller.tenantId;
        const month = query.month ?? '';
        if ((headers.accept ?? '').toLowerCase().includes('text/csv')) {
          const file = await uses.reports.export(tenantId, month);
          if (!file.ok) {
            throw new ApiProblem(400, file.failure.code, 'Bad month', file.failure.message);
          }
          return {
            status: 200,
            body: file.value.csv,
            headers: {
              'Content-Type': 'text/csv; charset=utf-8',
              'Content-Disposition': `attachment; filename="${file.value.fileName}"`,
            },
          };
        }
        const built = await uses.reports.monthly(tenantId, month);
        if (!built.ok) {
          throw new ApiProblem(400, built.failure.code, 'Bad month', built.failure.message);
        }
        return { status: 200, body: body(built.value) };
      },
    }),
  ];
}
