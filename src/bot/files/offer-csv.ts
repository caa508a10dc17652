import { CallerCache } from '../../app/identity/caller-cache.ts';
import { identifyCaller } from '../../app/identity/identify-caller.ts';
import type { BotDependencies } from '../dependencies.ts';
import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { ExportAsked } from '../../app/ports/export-links.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { fileConsentCard, fileInfoCard, type UploadInfo } from './file-consent.ts';
import type { BuiltFile } from './recent-files.ts';
import { FileUploadError, uploadFile } from './upload-file.ts';

// How a CSV is offered in Teams (consent card in the personal chat, the demo's download link)
// and uploaded on Allow, for any file: history exports, request previews, monthly reports.

type CsvFile = BuiltFile;

/**
 * A CSV offered as a file: the consent card (in the personal chat) and, in the demo, a one-time
 * download link. History exports and request previews are offered the same way.
 */
export interface CsvOffer {
  file: CsvFile;
  fileName: string;
  /** What the file holds, in one line. */
  about: string;
  /** The consent card's context (ids only), without the kept file's id. */
  context: Record<string, unknown>;
  /** Who the file was built for and from what: a kept file is used only for the same. */
  key: string;
  /** What the demo's download link builds again when it is opened. */
  link: ExportAsked;
}

/**
 * A card with a one-time download link, when this deployment makes them (the embedded demo: the
 * Teams App Test Tool cannot show a file consent card). Nothing elsewhere.
 */
async function downloadCard(turn: CommandTurn, offer: CsvOffer): Promise<Attachment | undefined> {
  const { deps } = turn;
  if (deps.exportLinks === undefined) {
    return undefined;
  }
  const link = await deps.exportLinks.linkFor(offer.link);
  const minutes = Math.max(
    1,
    Math.round((link.expiresAt.getTime() - deps.clock.now().getTime()) / 60_000),
  );
  return renderCard('history-download', {
    about: offer.about,
    note: `The Test Tool cannot take files: download ${offer.fileName} here instead. The link works once, for ${minutes} minutes, and only for you.`,
    url: link.url,
  });
}

/**
 * Offers the file `build` makes in the asker's personal chat, or says why it cannot come where
 * they asked: Teams lets a bot send a file itself only in a personal chat (channels and group
 * chats need SharePoint through Graph, which License Desk is not granted). `build` answers with
 * a reply when there is no file.
 */
export async function offerCsv(
  turn: CommandTurn,
  askAgain: string,
  build: () => Promise<CsvOffer | Reply>,
): Promise<Reply> {
  const { deps, caller, place } = turn;
  // Asked in a channel or group chat: the offer goes to the asker's personal chat.
  let personalChat: Record<string, unknown> | undefined;
  if (place.conversationType !== 'personal') {
    const found = await deps.conversations.findPersonal(caller.tenantId, caller.userId);
    if (found === null) {
      return {
        text: `I can send files only in a personal chat, and we have none yet: open a chat with License Desk, then ${askAgain} there.`,
      };
    }
    personalChat = found.reference;
  }
  const offer = await build();
  if (!('fileName' in offer)) {
    return offer;
  }
  const fileId = randomUUID();
  // Kept for the Allow, so the file is not built a second time (the card needed its size).
  deps.recentFiles?.keep(fileId, offer.key, offer.file);
  const consent = fileConsentCard({
    name: offer.fileName,
    description: offer.about,
    sizeInBytes: offer.file.bytes.byteLength,
    context: { ...offer.context, fileId },
  });
  const download = await downloadCard(turn, offer);
  if (personalChat === undefined) {
    return {
      text: `${offer.about} Allow the file to save it in your OneDrive.`,
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
      text: `I can send files only in a personal chat, and I could not write in ours: open a chat with License Desk, then ${askAgain} there.`,
    };
  }
  return {
    text: 'I can send files only in a personal chat: the export is waiting for you in ours. Allow it there to save it in your OneDrive.',
  };
}

/** A file asked for on a consent card, as its context says once checked, and how to build it. */
export interface AllowedFile {
  askedBy: string;
  fileId?: string | undefined;
  /** The key it was kept under, for the caller answering. */
  key: string;
  askAgain: string;
  describe: (file: CsvFile) => string;
  /** The file built again under the caller's rights now, or the reply when there is none. */
  build: () => Promise<CsvFile | Reply>;
}

/**
 * Allow on a consent card: the file built for the card (still kept, for the same person and
 * request) or built again under the same rules is put into the OneDrive file Teams made.
 */
export async function uploadAllowed(
  turn: CommandTurn,
  uploadInfo: UploadInfo,
  asked: AllowedFile,
): Promise<Reply> {
  if (asked.askedBy !== turn.caller.userId) {
    return {
      text: `That export was asked for by someone else, so I sent nothing. You can ${asked.askAgain} to get your own.`,
    };
  }
  const kept =
    asked.fileId === undefined ? undefined : turn.deps.recentFiles?.take(asked.fileId, asked.key);
  const file = kept ?? (await asked.build());
  if (!('bytes' in file)) {
    return file;
  }
  try {
    await uploadFile(uploadInfo.uploadUrl, file.bytes);
  } catch (error) {
    if (!(error instanceof FileUploadError)) {
      throw error;
    }
    turn.deps.logger.warn({ err: error }, 'file upload after consent failed');
    return {
      text: `I could not put the file in your OneDrive just now. Try again in a moment: ${asked.askAgain}.`,
    };
  }
  return { text: asked.describe(file), file: fileInfoCard(uploadInfo) };
}

/**
 * Who opened a demo download link, identified again as a turn would be (a person who lost the
 * role or left gets nothing): one directory look-up, no sharing with the turns' cache.
 */
export function identifyDownloader(
  deps: Pick<BotDependencies, 'tenants' | 'clock'>,
  asked: { tenantId: string; userId: string },
): ReturnType<typeof identifyCaller> {
  return identifyCaller(
    { tenantId: asked.tenantId, userId: asked.userId },
    { tenants: deps.tenants, cache: new CallerCache(), now: () => deps.clock.now().getTime() },
  );
}
