import { z } from 'zod';
import type { Caller } from '../../app/identity/caller.ts';
import type { ExportAsked } from '../../app/ports/export-links.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { FileConsentResponse } from '../files/file-consent.ts';
import { identifyDownloader, offerCsv, uploadAllowed } from '../files/offer-csv.ts';
import type { BuiltFile } from '../files/recent-files.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import type { ExportDownload } from './history-export.ts';

/** The `licenseDesk` mark of a monthly report's consent context. */
export const REPORT_FILE = 'monthly-report';

const ASK_AGAIN = 'click **Export CSV** on the report card again (or type `report export`)';
const ONLY_ADMINS = 'Only license admins can have the monthly report.';

/** A demo download link's request for a report: the month, kept with the rest by the link store. */
export type ReportLinkAsked = ExportAsked & { kind: 'report'; month: string };

export function isReportLink(asked: ExportAsked): asked is ReportLinkAsked {
  return (asked as Partial<ReportLinkAsked>).kind === 'report';
}

/** What the consent card carries and gets back: who asked and the month, never the file. */
const reportContextSchema = z.object({
  licenseDesk: z.literal(REPORT_FILE),
  askedBy: z.string().min(1).max(100),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  described: z.string().max(100),
  fileId: z.string().max(100).optional(),
});

interface ReportCsv {
  file: BuiltFile;
  fileName: string;
  /** The month resolved: "2026-01" (what "this month" or nothing meant when it was built). */
  month: string;
  /** "January 2026" or "December 2026 so far". */
  described: string;
}

const about = (file: BuiltFile, described: string): string =>
  `License report for ${described}: ${file.lines.toLocaleString('en-US')} license line(s) and the totals.`;

const keyOf = (caller: Caller, month: string): string =>
  JSON.stringify(['report', caller.tenantId, caller.userId, caller.role, month]);

/** The month's report as CSV bytes for the caller's tenant, or what was wrong with the month. */
async function reportCsvFile(
  deps: Pick<BotDependencies, 'reports'>,
  tenantId: string,
  month: string,
): Promise<ReportCsv | { text: string }> {
  const built = await deps.reports.export(tenantId, month);
  if (!built.ok) {
    return { text: `${built.failure.message} For example: \`${built.failure.example}\`` };
  }
  const { report, csv, fileName } = built.value;
  return {
    // A BOM makes Excel read the file as UTF-8, as for history exports.
    file: { bytes: Buffer.from(`\uFEFF${csv}`, 'utf8'), lines: report.skus.length, cut: false },
    fileName,
    month: report.month.month,
    described: `${report.month.label}${report.month.partial ? ' so far' : ''}`,
  };
}

/**
 * `report export [month]` or the card's Export CSV: the report offered as a file the way
 * `history export` offers one (consent card in the personal chat, the demo's download link).
 */
export async function reportExport(turn: CommandTurn, month: string): Promise<Reply> {
  const { deps, caller } = turn;
  if (caller.role !== 'approver') {
    return { text: ONLY_ADMINS };
  }
  return offerCsv(turn, ASK_AGAIN, async () => {
    const built = await reportCsvFile(deps, caller.tenantId, month);
    if (!('file' in built)) {
      return built;
    }
    const resolved = built.month;
    const asked = { askedBy: caller.userId, month: resolved, described: built.described };
    return {
      file: built.file,
      fileName: built.fileName,
      about: about(built.file, built.described),
      context: { licenseDesk: REPORT_FILE, ...asked },
      key: keyOf(caller, resolved),
      link: {
        kind: 'report',
        tenantId: caller.tenantId,
        userId: caller.userId,
        filter: {},
        described: built.described,
        fileName: built.fileName,
        month: resolved,
      } satisfies ReportLinkAsked,
    };
  });
}

/** Allow or Decline on a report's consent card: on Allow the file goes to an approver only. */
export async function answerReportConsent(
  turn: CommandTurn,
  response: FileConsentResponse,
): Promise<Reply> {
  if (response.action === 'decline') {
    return { text: `No file, as you chose. You can ${ASK_AGAIN} whenever you need it.` };
  }
  const parsed = reportContextSchema.safeParse(response.context);
  if (!parsed.success) {
    return { text: 'I could not read which report that was. Ask for it again with `report`.' };
  }
  const { caller, deps } = turn;
  if (caller.role !== 'approver') {
    return { text: ONLY_ADMINS };
  }
  const asked = parsed.data;
  return uploadAllowed(turn, response.uploadInfo, {
    askedBy: asked.askedBy,
    fileId: asked.fileId,
    key: keyOf(caller, asked.month),
    askAgain: ASK_AGAIN,
    describe: (file) => about(file, asked.described),
    build: async () => {
      const built = await reportCsvFile(deps, caller.tenantId, asked.month);
      return 'file' in built ? built.file : built;
    },
  });
}

/**
 * The file behind a demo download link for a report, built when it is opened, for the person
 * who asked if they are still a license admin.
 */
export async function downloadReport(
  deps: BotDependencies,
  asked: ReportLinkAsked,
): Promise<ExportDownload> {
  const identified = await identifyDownloader(deps, asked);
  if (!identified.ok) {
    return { ok: false, reason: 'refused', message: identified.failure.message };
  }
  if (identified.value.role !== 'approver') {
    return { ok: false, reason: 'refused', message: ONLY_ADMINS };
  }
  const built = await reportCsvFile(deps, asked.tenantId, asked.month);
  return 'file' in built
    ? { ok: true, fileName: asked.fileName, bytes: built.file.bytes }
    : { ok: false, reason: 'nothing', message: built.text };
}
