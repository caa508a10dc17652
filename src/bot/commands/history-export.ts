import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { CallerCache } from '../../app/identity/caller-cache.ts';
import type { Caller } from '../../app/identity/caller.ts';
import { identifyCaller } from '../../app/identity/identify-caller.ts';
import type { ExportAsked } from '../../app/ports/export-links.ts';
import type { HistoryFilter } from '../../app/ports/history-log.ts';
import { historyCsvRows, toCsv } from '../../domain/history/history-csv.ts';
import { renderCard } from '../cards/render-card.ts';
import type { BotDependencies } from '../dependencies.ts';
import { fileConsentCard, fileInfoCard, type FileConsentResponse } from '../files/file-consent.ts';
import type { BuiltFile } from '../files/recent-files.ts';
import { FileUploadError, uploadFile } from '../files/upload-file.ts';
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

/**
 * A card with a one-time download link, when this deployment makes them (the embedded demo: the
 * Teams App Test Tool cannot show a file consent card). Nothing elsewhere.
 */
async function downloadCard(
  turn: CommandTurn,
  file: CsvFile,
  asked: Pick<ExportContext, 'filter' | 'described'> & { fileName: string },
): Promise<Attachment | undefined> {
  const { deps, caller } = turn;
  if (deps.exportLinks === undefined) {
    return undefined;
  }
  const link = await deps.exportLinks.linkFor({
    tenantId: caller.tenantId,
    userId: caller.userId,
    filter: asked.filter,
    described: asked.described,
    fileName: asked.fileName,
  });
  const minutes = Math.max(
    1,
    Math.round((link.expiresAt.getTime() - deps.clock.now().getTime()) / 60_000),
  );
  return renderCard('history-download', {
    about: describeFile(file, asked.described),
    note: `The Test Tool cannot take files: download ${asked.fileName} here instead. The link works once, for ${minutes} minutes, and only for you.`,
    url: link.url,
  });
}

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
  const identified = await identifyCaller(
    { tenantId: asked.tenantId, userId: asked.userId },
    {
      directory: deps.directory,
      settings: deps.settings,
      // A download is rare: one directory look-up for it, no sharing with the turns' cache.
      cache: new CallerCache(),
      now: () => deps.clock.now().getTime(),
    },
  );
  if (!identified.ok) {
    return { ok: false, reason: 'refused', message: identified.failure.message };
  }
  const caller = identified.value;
  const file = await historyCsv(deps, caller.tenantId, filterFor(caller, asked.filter));
  if (file === undefined) {
    return { ok: false, reason: 'nothing', message: nothing(asked.described).text };
  }
  return { ok: true, fileName: asked.fileName, bytes: file.bytes };
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
  const { deps, caller, place } = turn;
  // Asked in a channel or group chat: the offer goes to the asker's personal chat.
  let personalChat: Record<string, unknown> | undefined;
  if (place.conversationType !== 'personal') {
    const found = await deps.conversations.findPersonal(caller.tenantId, caller.userId);
    if (found === null) {
      return {
        text: 'I can send files only in a personal chat, and we have none yet: open a chat with License Desk and ask for `history export` there.',
      };
    }
    personalChat = found.reference;
  }
  const file = await historyCsv(deps, caller.tenantId, filter);
  if (file === undefined) {
    return nothing(described);
  }
  const fileId = randomUUID();
  const context: ExportContext = {
    licenseDesk: HISTORY_EXPORT_FILE,
    askedBy: caller.userId,
    filter: {
      ...(filter.userId ? { userId: filter.userId } : {}),
      ...(filter.adminId ? { adminId: filter.adminId } : {}),
      ...(filter.skuId ? { skuId: filter.skuId } : {}),
      ...(filter.since ? { since: filter.since } : {}),
      ...(filter.operationId ? { operationId: filter.operationId } : {}),
    },
    described,
    fileId,
  };
  // Kept for the Allow, so the file is not built a second time (the card needed its size).
  deps.recentFiles?.keep(fileId, fileKey(caller, filter), file);
  const day = deps.clock.now().toISOString().slice(0, 10);
  const fileName =
    filter.operationId === undefined
      ? `license-history-${day}.csv`
      : `license-request-results-${day}.csv`;
  const consent = fileConsentCard({
    name: fileName,
    description: describeFile(file, described),
    sizeInBytes: file.bytes.byteLength,
    context,
  });
  const download = await downloadCard(turn, file, { ...context, fileName });
  if (personalChat === undefined) {
    return {
      text: `${describeFile(file, described)} Allow the file to save it in your OneDrive.`,
      file: consent,
      ...(download ? { download } : {}),
    };
  }
  try {
    await turn.outbox.post(personalChat, consent);
    if (download) {
      await turn.outbox.post(personalChat, download);
    }
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not offer the export in the personal chat');
    return {
      text: 'I can send files only in a personal chat, and I could not write in ours: open a chat with License Desk and ask for `history export` there.',
    };
  }
  return {
    text: 'I can send files only in a personal chat: the export is waiting for you in ours. Allow it there to save it in your OneDrive.',
  };
}

/**
 * The user's answer to a history export's consent card: on Allow, the file built for the card
 * (still kept, for the same person and filter) or the lines read again under the same rules are
 * put into the OneDrive file Teams made, then shown.
 */
export async function answerHistoryExportConsent(
  turn: CommandTurn,
  response: FileConsentResponse,
): Promise<Reply> {
  if (response.action === 'decline') {
    return { text: 'No file, as you chose. Ask for `history export` again whenever you need it.' };
  }
  const parsed = exportContextSchema.safeParse(response.context);
  if (!parsed.success) {
    return { text: 'I could not read which export that was. Ask for `history export` again.' };
  }
  const asked = parsed.data;
  if (asked.askedBy !== turn.caller.userId) {
    return {
      text: 'That export was asked for by someone else, so I sent nothing. Ask for `history export` to get your own.',
    };
  }
  const filter = filterFor(turn.caller, asked.filter);
  const kept =
    asked.fileId === undefined
      ? undefined
      : turn.deps.recentFiles?.take(asked.fileId, fileKey(turn.caller, filter));
  const file = kept ?? (await historyCsv(turn.deps, turn.caller.tenantId, filter));
  if (file === undefined) {
    return nothing(asked.described);
  }
  try {
    await uploadFile(response.uploadInfo.uploadUrl, file.bytes);
  } catch (error) {
    if (!(error instanceof FileUploadError)) {
      throw error;
    }
    turn.deps.logger.warn({ err: error }, 'history export upload failed');
    return {
      text: 'I could not put the file in your OneDrive just now. Ask for `history export` again in a moment.',
    };
  }
  return { text: describeFile(file, asked.described), file: fileInfoCard(response.uploadInfo) };
}
