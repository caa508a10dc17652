import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { answerHistoryExportConsent, HISTORY_EXPORT_FILE } from '../commands/history-export.ts';
import { answerReportConsent, REPORT_FILE } from '../commands/report-export.ts';
import { identifyTurn } from '../identify-turn.ts';
import { placeOf, turnOutbox } from '../requests/outbox.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { sendReply } from '../send-reply.ts';
import { recordedTurn, recordTurn } from '../turn-log.ts';
import type { BotRuntime } from '../turn-deps.ts';
import { userFacingError } from '../user-facing-error.ts';
import { fileConsentResponseSchema, type FileConsentResponse } from './file-consent.ts';
import { isAllowedUploadUrl, ONEDRIVE_UPLOAD_TARGETS } from './upload-targets.ts';

/** The host of a URL, for the log (never the whole URL: an upload session URL is a secret). */
const hostOf = (url: string): string | undefined => URL.parse(url)?.host;

/** Each kind of file License Desk offers, by the `licenseDesk` mark of its consent context. */
const answers: Record<
  string,
  (turn: CommandTurn, response: FileConsentResponse) => Promise<Reply>
> = {
  [HISTORY_EXPORT_FILE]: answerHistoryExportConsent,
  [REPORT_FILE]: answerReportConsent,
};

const contextKind = z.object({ licenseDesk: z.string().max(50) });

/**
 * A click on Allow or Decline of a file consent card (`fileConsent/invoke`). The caller is
 * identified from the activity, as for every turn, and the file's own handler decides; what
 * it says is sent into the chat, since Teams shows nothing of the invoke's answer. An upload URL
 * outside OneDrive (`deps.fileUploads`) is refused before anything is read or sent.
 */
export async function handleFileConsent(context: TurnContext, runtime: BotRuntime): Promise<void> {
  recordTurn(context, { command: 'file-consent' });
  try {
    const response = fileConsentResponseSchema.safeParse(context.activity.value);
    const kind = contextKind.safeParse(response.data?.context);
    const answer = kind.success ? answers[kind.data.licenseDesk] : undefined;
    if (!response.success || answer === undefined) {
      recordTurn(context, { outcome: 'not-understood' });
      await context.sendActivity('I could not read that answer to a file. Ask for the file again.');
      return;
    }
    const targets = runtime.deps.fileUploads ?? ONEDRIVE_UPLOAD_TARGETS;
    if (
      response.data.action === 'accept' &&
      !isAllowedUploadUrl(response.data.uploadInfo.uploadUrl, targets)
    ) {
      // Not where Teams puts files: a forged answer. Nothing is sent anywhere.
      runtime.deps.logger.warn(
        { activityId: context.activity.id, uploadHost: hostOf(response.data.uploadInfo.uploadUrl) },
        'file consent names an upload URL outside OneDrive: refused',
      );
      recordTurn(context, { outcome: 'not-understood' });
      await context.sendActivity('I could not read that answer to a file. Ask for the file again.');
      return;
    }
    const caller = await identifyTurn(context, runtime);
    if (!caller) {
      return;
    }
    const turn: CommandTurn = {
      caller,
      deps: runtime.deps,
      place: placeOf(context),
      outbox: turnOutbox(context, runtime.deps.logger),
    };
    await sendReply(context, await answer(turn, response.data));
    if (recordedTurn(context).outcome === undefined) {
      recordTurn(context, { outcome: response.data.action === 'accept' ? 'answered' : 'declined' });
    }
  } catch (error) {
    const shown = userFacingError(
      error,
      runtime.deps.logger.child({ activityId: context.activity.id }),
    );
    recordTurn(context, { outcome: shown.outcome });
    await context.sendActivity(shown.text);
  }
}
