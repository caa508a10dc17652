import { z } from 'zod';
import type { Caller } from '../../app/identity/caller.ts';
import type { ExportAsked } from '../../app/ports/export-links.ts';
import type { HistoryFilter } from '../../app/ports/history-log.ts';
import { historyCsvRows, toCsv } from '../../domain/history/history-csv.ts';
import {
  describePreview,
  isPreviewLink,
  PREVIEW_ASK_AGAIN,
  previewAskedSchema,
  previewCsvFile,
  previewFileName,
  previewKey,
  type PreviewLinkAsked,
} from './preview-export.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { FileConsentResponse } from '../files/file-consent.ts';
import { identifyDownloader, offerCsv, uploadAllowed } from '../files/offer-csv.ts';
import type { BuiltFile } from '../files/recent-files.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

/** The `licenseDesk` mark of a history export's consent context. */
export const HISTORY_EXPORT_FILE = 'history-export';

const optionalId = z.string().trim().min(1).max(100).optional();

/**
 * What the consent card carries to Teams and back: who asked and the filter as ids, never the
 * file. On Allow the file built for the card is used when this process still keeps it for the
 * same person and filter (`fileId`); otherwise the lines are read again, under the same rules.
 */
const exportContextSchema = z.object({
  licenseDesk: z.literal(HISTORY_EXPORT_FILE),
  askedBy: z.string().min(1).max(100),
  filter: z.object({
    userId: optionalId,
    adminId: optionalId,
    skuId: optionalId,
    since: z.iso.datetime().optional(),
    operationId: optionalId,
  }),
  described: z.string().max(300),
  fileId: z.string().max(100).optional(),
});

type ExportContext = z.infer<typeof exportContextSchema>;

type CsvFile = BuiltFile;

/** Who a file was built for and from what: a kept file is used only for the same. */
function fileKey(caller: Caller, filter: HistoryFilter): string {
  return JSON.stringify([
    caller.tenantId,
    caller.userId,
    caller.role,
    filter.userId ?? null,
    filter.adminId ?? null,
    filter.skuId ?? null,
    filter.since ?? null,
    filter.operationId ?? null,
  ]);
}

/** The filtered history as CSV bytes, newest first, or nothing when there is no line. */
async function historyCsv(
  deps: BotDependencies,
  tenantId: string,
  filter: HistoryFilter,
): Promise<CsvFile | undefined> {
  const [found, skus] = await Promise.all([
    deps.history.export(tenantId, filter),
    deps.views.skus(tenantId),
  ]);
  if (found.events.length === 0) {
    return undefined;
  }
  const csv = toCsv(historyCsvRows(found.events, skus));
  // A BOM makes Excel read the file as UTF-8 (names with accents stay readable).
  return {
    bytes: Buffer.from(`\uFEFF${csv}`, 'utf8'),
    lines: found.events.length,
    cut: found.cut,
  };
}

const nothing = (described: string): { text: string } => ({
  text: `Nothing on record${described ? ` (${described})` : ''}: no file to export.`,
});

function describeFile(file: CsvFile, described: string): string {
  const about = `License history${described ? ` (${described})` : ''}`;
  const lines = file.lines.toLocaleString('en-US');
  return file.cut
    ? `${about}: the newest ${lines} lines only, the export's limit. Narrow it with \`since\`, \`for\`, \`by\` or \`sku\` for the older ones.`
    : `${about}: ${lines} line(s).`;
}

/** A requester's export holds only the requests they made, whatever the context says. */
function filterFor(caller: Caller, filter: ExportContext['filter']): HistoryFilter {
  const allowed: HistoryFilter = {
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.adminId ? { adminId: filter.adminId } : {}),
    ...(filter.skuId ? { skuId: filter.skuId } : {}),
    ...(filter.since ? { since: filter.since } : {}),
    ...(filter.operationId ? { operationId: filter.operationId } : {}),
  };
  if (caller.role !== 'approver') {
    allowed.adminId = caller.userId;
  }
  return allowed;
}

/** How to ask for a file again, e.g. "ask for `history export` again". */
const HISTORY_ASK_AGAIN = 'ask for `history export` again';

/** A downloaded export, or why there is no file. */
export type ExportDownload =
  | { ok: true; fileName: string; bytes: Buffer }
  | { ok: false; reason: 'refused' | 'nothing'; message: string };

/**
 * The file behind a download link, built when the link is opened for the person who asked, under
 * the same rules as Allow on the consent card: identified again (a requester who lost the role or
 * left gets nothing; a requester's file holds only their own requests).
 */
export async function downloadHistoryExport(
  deps: BotDependencies,
  asked: ExportAsked,
): Promise<ExportDownload> {
  const identified = await identifyDownloader(deps, asked);
  if (!identified.ok) {
    return { ok: false, reason: 'refused', message: identified.failure.message };
  }
  const caller = identified.value;
  if (isPreviewLink(asked)) {
    return downloadPreview(deps, caller, asked);
  }
  const file = await historyCsv(deps, caller.tenantId, filterFor(caller, asked.filter));
  if (file === undefined) {
    return { ok: false, reason: 'nothing', message: nothing(asked.described).text };
  }
  return { ok: true, fileName: asked.fileName, bytes: file.bytes };
}

async function downloadPreview(
  deps: BotDependencies,
  caller: Caller,
  asked: PreviewLinkAsked,
): Promise<ExportDownload> {
  const operationId = asked.filter.operationId ?? '';
  const built = await previewCsvFile(deps, caller, operationId);
  return built.ok
    ? { ok: true, fileName: asked.fileName, bytes: built.file.bytes }
    : { ok: false, reason: 'refused', message: built.message };
}

/**
 * The consent card for a history export in the asker's personal chat, or why it cannot come
 * where they asked: Teams lets a bot send a file itself only in a personal chat (channels and
 * group chats need SharePoint through Graph, which License Desk is not granted).
 */
export async function historyExport(
  turn: CommandTurn,
  filter: HistoryFilter,
  described: string,
): Promise<Reply> {
  const { deps, caller } = turn;
  return offerCsv(turn, HISTORY_ASK_AGAIN, async () => {
    const file = await historyCsv(deps, caller.tenantId, filter);
    if (file === undefined) {
      return nothing(described);
    }
    const day = deps.clock.now().toISOString().slice(0, 10);
    const fileName =
      filter.operationId === undefined
        ? `license-history-${day}.csv`
        : `license-request-results-${day}.csv`;
    const asked = {
      filter: {
        ...(filter.userId ? { userId: filter.userId } : {}),
        ...(filter.adminId ? { adminId: filter.adminId } : {}),
        ...(filter.skuId ? { skuId: filter.skuId } : {}),
        ...(filter.since ? { since: filter.since } : {}),
        ...(filter.operationId ? { operationId: filter.operationId } : {}),
      },
      described,
    };
    return {
      file,
      fileName,
      about: describeFile(file, described),
      context: { licenseDesk: HISTORY_EXPORT_FILE, askedBy: caller.userId, ...asked },
      key: fileKey(caller, filter),
      link: { tenantId: caller.tenantId, userId: caller.userId, ...asked, fileName },
    };
  });
}

/**
 * A request's preview (one line per user, as planned) offered like a history export, for its
 * approvers and its requester; anyone else is told why not.
 */
export async function previewExport(turn: CommandTurn, operationId: string): Promise<Reply> {
  const { deps, caller } = turn;
  return offerCsv(turn, PREVIEW_ASK_AGAIN, async () => {
    const built = await previewCsvFile(deps, caller, operationId);
    if (!built.ok) {
      return { text: built.message };
    }
    const fileName = previewFileName(deps.clock.now().toISOString().slice(0, 10));
    const link: PreviewLinkAsked = {
      kind: 'preview',
      tenantId: caller.tenantId,
      userId: caller.userId,
      filter: { operationId },
      described: built.summary,
      fileName,
    };
    return {
      file: built.file,
      fileName,
      about: describePreview(built.file, built.summary),
      context: {
        licenseDesk: HISTORY_EXPORT_FILE,
        askedBy: caller.userId,
        kind: 'preview',
        operationId,
        summary: built.summary,
      },
      key: previewKey(caller, operationId),
      link,
    };
  });
}

/** A consent card's context that names a request's preview rather than history lines. */
const previewContextSchema = z.object({
  licenseDesk: z.literal(HISTORY_EXPORT_FILE),
  askedBy: z.string().min(1).max(100),
  fileId: z.string().max(100).optional(),
  ...previewAskedSchema.shape,
});

/**
 * The user's answer to the consent card of a history export or a request's preview: on Allow,
 * the file is uploaded under the caller's rights now (a requester's history holds only their
 * own requests; a preview is only for approvers and the request's requester).
 */
export async function answerHistoryExportConsent(
  turn: CommandTurn,
  response: FileConsentResponse,
): Promise<Reply> {
  const preview = previewContextSchema.safeParse(response.context);
  if (response.action === 'decline') {
    const askAgain = preview.success ? PREVIEW_ASK_AGAIN : HISTORY_ASK_AGAIN;
    return { text: `No file, as you chose. You can ${askAgain} whenever you need it.` };
  }
  const { caller, deps } = turn;
  if (preview.success) {
    const asked = preview.data;
    return uploadAllowed(turn, response.uploadInfo, {
      ...asked,
      key: previewKey(caller, asked.operationId),
      askAgain: PREVIEW_ASK_AGAIN,
      describe: (file) => describePreview(file, asked.summary),
      build: async () => {
        const built = await previewCsvFile(deps, caller, asked.operationId);
        return built.ok ? built.file : { text: built.message };
      },
    });
  }
  const parsed = exportContextSchema.safeParse(response.context);
  if (!parsed.success) {
    return { text: 'I could not read which export that was. Ask for `history export` again.' };
  }
  const asked = parsed.data;
  const filter = filterFor(caller, asked.filter);
  return uploadAllowed(turn, response.uploadInfo, {
    ...asked,
    key: fileKey(caller, filter),
    askAgain: HISTORY_ASK_AGAIN,
    describe: (file) => describeFile(file, asked.described),
    build: async () =>
      (await historyCsv(deps, caller.tenantId, filter)) ?? nothing(asked.described),
  });
}
