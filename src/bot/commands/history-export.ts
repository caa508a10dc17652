import { z } from 'zod';
import type { Caller } from '../../app/identity/caller.ts';
import type { HistoryFilter } from '../../app/ports/history-log.ts';
import { exportHistory } from '../../app/requests/export-history.ts';
import { historyCsvRows, toCsv } from '../../domain/history/history-csv.ts';
import { fileConsentCard, fileInfoCard, type FileConsentResponse } from '../files/file-consent.ts';
import { FileUploadError, uploadFile } from '../files/upload-file.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

/** The `licenseDesk` mark of a history export's consent context. */
export const HISTORY_EXPORT_FILE = 'history-export';

const optionalId = z.string().trim().min(1).max(100).optional();

/**
 * What the consent card carries to Teams and back: who asked and the filter as ids, never the
 * file. The lines are read again when the user allows the file, under the same rules.
 */
const exportContextSchema = z.object({
  licenseDesk: z.literal(HISTORY_EXPORT_FILE),
  askedBy: z.string().min(1).max(100),
  filter: z.object({
    userId: optionalId,
    adminId: optionalId,
    skuId: optionalId,
    since: z.iso.datetime().optional(),
  }),
  described: z.string().max(300),
});

type ExportContext = z.infer<typeof exportContextSchema>;

interface CsvFile {
  bytes: Buffer;
  lines: number;
  cut: boolean;
}

/** The filtered history as CSV bytes, newest first, or nothing when there is no line. */
async function historyCsv(turn: CommandTurn, filter: HistoryFilter): Promise<CsvFile | undefined> {
  const { deps, caller } = turn;
  const [found, skus] = await Promise.all([
    exportHistory(deps.requests, caller.tenantId, filter),
    deps.directory.listSkus(),
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

const nothing = (described: string): Reply => ({
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
  };
  if (caller.role !== 'approver') {
    allowed.adminId = caller.userId;
  }
  return allowed;
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
  const file = await historyCsv(turn, filter);
  if (file === undefined) {
    return nothing(described);
  }
  const context: ExportContext = {
    licenseDesk: HISTORY_EXPORT_FILE,
    askedBy: caller.userId,
    filter: {
      ...(filter.userId ? { userId: filter.userId } : {}),
      ...(filter.adminId ? { adminId: filter.adminId } : {}),
      ...(filter.skuId ? { skuId: filter.skuId } : {}),
      ...(filter.since ? { since: filter.since } : {}),
    },
    described,
  };
  const consent = fileConsentCard({
    name: `license-history-${deps.clock.now().toISOString().slice(0, 10)}.csv`,
    description: describeFile(file, described),
    sizeInBytes: file.bytes.byteLength,
    context,
  });
  if (personalChat === undefined) {
    return {
      text: `${describeFile(file, described)} Allow the file to save it in your OneDrive.`,
      file: consent,
    };
  }
  try {
    await turn.outbox.post(personalChat, consent);
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
 * The user's answer to a history export's consent card: on Allow, the lines are read again for
 * the same person under the same rules and put into the OneDrive file Teams made, then shown.
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
  const file = await historyCsv(turn, filterFor(turn.caller, asked.filter));
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
