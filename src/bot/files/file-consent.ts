import type { Attachment, FileConsentCard, FileInfoCard } from 'botbuilder';
import { z } from 'zod';

/** The invoke Teams sends when the user clicks Allow or Decline on a file consent card. */
export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

/**
 * Where Teams put the file after the user allowed it: a new, empty item in their OneDrive
 * (`uploadUrl` takes the bytes; `contentUrl` is what the file card links to).
 */
export const uploadInfoSchema = z.object({
  name: z.string().min(1).max(500),
  uploadUrl: z.url(),
  contentUrl: z.url(),
  uniqueId: z.string().min(1).max(200),
  fileType: z.string().max(50).default(''),
});

/**
 * The value of a `fileConsent/invoke` (botbuilder's `FileConsentCardResponse`): the context
 * comes back exactly as the consent card carried it, and must be checked like any card data.
 */
export const fileConsentResponseSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), context: z.unknown(), uploadInfo: uploadInfoSchema }),
  z.object({ action: z.literal('decline'), context: z.unknown() }),
]);

export type UploadInfo = z.infer<typeof uploadInfoSchema>;
export type FileConsentResponse = z.infer<typeof fileConsentResponseSchema>;

/**
 * Asks the user to allow a file into their OneDrive: the only way a bot sends a file in a
 * personal chat. The context travels to Teams and back, so it names the file, never holds it.
 */
export function fileConsentCard(file: {
  name: string;
  description: string;
  sizeInBytes: number;
  context: Record<string, unknown>;
}): Attachment {
  const content: FileConsentCard = {
    description: file.description,
    sizeInBytes: file.sizeInBytes,
    acceptContext: file.context,
    declineContext: file.context,
  };
  return { contentType: FILE_CONSENT_CONTENT_TYPE, name: file.name, content };
}

/** The card that shows an uploaded file in the chat, opening it from the user's OneDrive. */
export function fileInfoCard(upload: UploadInfo): Attachment {
  const content: FileInfoCard = { uniqueId: upload.uniqueId, fileType: upload.fileType };
  return {
    contentType: FILE_INFO_CONTENT_TYPE,
    name: upload.name,
    contentUrl: upload.contentUrl,
    content,
  };
}
