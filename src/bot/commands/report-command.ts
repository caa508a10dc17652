import { z } from 'zod';
import { reportExample } from '../../domain/reports/report-month.ts';
import { renderCard } from '../cards/render-card.ts';
import { reportCardData } from '../cards/report-card.ts';
import type { CardAction, CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { reportExport } from './report-export.ts';

/** The report card for the month as typed, or what was wrong with it and an example. */
async function reportCard(turn: CommandTurn, month: string): Promise<Reply> {
  const { deps, caller } = turn;
  const built = await deps.reports.monthly(caller.tenantId, month);
  if (!built.ok) {
    return { text: `${built.failure.message} For example: \`${built.failure.example}\`` };
  }
  return { card: renderCard('report', reportCardData(built.value, deps.clock.now())) };
}

/**
 * `report [export] [YYYY-MM | this month | last month]`: the month's license changes for billing
 * reconciliation (seats per SKU, cost change), on a card or as a CSV file. License admins only.
 */
export const reportCommand: TextCommand<string> = {
  name: 'report',
  aliases: ['monthly report'],
  role: 'approver',
  summary:
    'a month of license changes for billing: requests, users changed, seats added and removed per license and the cost change; `report this month` for the month so far, `report export` as a CSV file',
  example: 'report 2026-01',
  input: z.string().max(100),
  usage: `Write it like this: \`${reportExample}\`, \`report this month\` or \`report\` for last month.`,
  handle: (turn, rest) => {
    const exported = /^export(?:\s+|$)/i.exec(rest.trim());
    return exported
      ? reportExport(turn, rest.trim().slice(exported[0].length))
      : reportCard(turn, rest);
  },
};

const monthData = z.object({ month: z.string().trim().max(20) });

/** The card's "Previous month" button: the report of the month it names. */
export const reportAction: CardAction<z.infer<typeof monthData>> = {
  verb: 'report',
  role: 'approver',
  data: monthData,
  handle: (turn, input) => reportCard(turn, input.month),
};

/** The card's "Export CSV" button: the month's report offered as a file. */
export const reportExportAction: CardAction<z.infer<typeof monthData>> = {
  verb: 'report-export',
  role: 'approver',
  data: monthData,
  handle: (turn, input) => reportExport(turn, input.month),
};
