import type { SentCsv } from '../../app/selection/selected-users.ts';
import { SELECTION_CSV_HEADER } from '../../domain/selection/csv/selection-header.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

/** Selection files are larger than price lists: 100,000 rows of addresses and licenses. */
const MAX_SELECTION_FILE_BYTES = 8 * 1024 * 1024;

/** The host of a link, for the log (never the link: it is a credential to the file). */
const hostOf = (url: string): string | undefined => URL.parse(url)?.host;

/**
 * The CSV sent with a `… from this file` message, read from OneDrive; or, where none came, how
 * to send one (in the embedded demo, an upload link, since its chat cannot send files).
 */
export async function sentCsv(
  turn: CommandTurn,
  command: string,
): Promise<{ ok: true; file: SentCsv } | { ok: false; reply: Reply }> {
  const files = turn.files ?? [];
  const [file, ...others] = files;
  if (file === undefined) {
    return { ok: false, reply: askForFile(turn, command) };
  }
  if (others.length > 0) {
    return { ok: false, reply: { text: 'Send one CSV file at a time with the command.' } };
  }
  if (file.fileType !== 'csv') {
    return {
      ok: false,
      reply: {
        text: `"${file.name}" is not a CSV file. Save it as CSV (columns ${SELECTION_CSV_HEADER}) and send that with the command.`,
      },
    };
  }
  const read = await turn.deps.fileDownloads.readText(file.downloadUrl, {
    maxBytes: MAX_SELECTION_FILE_BYTES,
  });
  if (!read.ok) {
    turn.deps.logger.warn(
      { code: read.failure.code, host: hostOf(file.downloadUrl) },
      'a sent selection file could not be read',
    );
    return { ok: false, reply: { text: read.failure.message } };
  }
  return { ok: true, file: { name: file.name, text: read.value } };
}

/** No file came: say how to send one, with an upload link where the chat cannot send files. */
function askForFile(turn: CommandTurn, command: string): Reply {
  const text = `Send the CSV file with the command, in our personal chat (columns ${SELECTION_CSV_HEADER}; one row per user).`;
  const uploads = turn.deps.csvUploads;
  if (uploads === undefined) {
    return { text };
  }
  const offered = uploads.offer({ tenantId: turn.caller.tenantId, userId: turn.caller.userId });
  return {
    card: renderCard('selection-upload', {
      text: 'This chat cannot send files: upload the CSV here, then come back and press the button.',
      columns: SELECTION_CSV_HEADER,
      url: offered.url,
      command,
      token: offered.token,
    }),
  };
}
