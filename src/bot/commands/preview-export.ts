import { z } from 'zod';
import type { Caller } from '../../app/identity/caller.ts';
import type { ExportAsked } from '../../app/ports/export-links.ts';
import { previewCsv } from '../../domain/operations/preview-csv.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { BuiltFile } from '../files/recent-files.ts';

// The preview's own parts: who may have it, what it holds, what it is called. Offering it (the
// consent card, the demo's link, the upload on Allow) is the history export's way, in
// `history-export.ts`, which reads this file (not the other way round: no cycle).

/** How to ask for a preview again, in the messages of the file's offer. */
export const PREVIEW_ASK_AGAIN = 'click **Preview as CSV** on the request card again';

/**
 * What a preview's consent context adds to the history export's mark: the request, as an id.
 * Who asked travels beside it; the rights are checked again at Allow.
 */
export const previewAskedSchema = z.object({
  kind: z.literal('preview'),
  operationId: z.string().trim().min(1).max(100),
  summary: z.string().max(300),
});

export type PreviewAsked = z.infer<typeof previewAskedSchema>;

/**
 * A demo download link's request for a preview: the history export's fields (the operation id as
 * the filter) and the kind, which the link store keeps with the rest.
 */
export type PreviewLinkAsked = ExportAsked & { kind: 'preview' };

export function isPreviewLink(asked: ExportAsked): asked is PreviewLinkAsked {
  return (asked as Partial<PreviewLinkAsked>).kind === 'preview';
}

/** A built preview, or why the caller gets none (in their words). */
export type PreviewFile =
  { ok: true; file: BuiltFile; summary: string } | { ok: false; message: string };

/**
 * A request's preview as CSV bytes, read under the caller's rights now: an approver gets any
 * request's, a requester only their own.
 */
export async function previewCsvFile(
  deps: Pick<BotDependencies, 'views'>,
  caller: Caller,
  operationId: string,
): Promise<PreviewFile> {
  const found = await deps.views.previewRows(caller, operationId);
  if (!found.ok) {
    return { ok: false, message: found.refusal.message };
  }
  // A BOM makes Excel read the file as UTF-8, as for history exports.
  const bytes = Buffer.from(`\uFEFF${previewCsv(found.rows)}`, 'utf8');
  return {
    ok: true,
    file: { bytes, lines: found.rows.length, cut: found.cut },
    summary: found.summary,
  };
}

/** "Preview of request "…": 25 user(s)." */
export function describePreview(file: BuiltFile, summary: string): string {
  const about = `Preview of request "${summary}"`;
  const lines = file.lines.toLocaleString('en-US');
  return file.cut
    ? `${about}: the first ${lines} users only, the export's limit.`
    : `${about}: ${lines} user(s).`;
}

export const previewFileName = (day: string): string => `license-request-preview-${day}.csv`;

/** Who a preview was built for and of what: a kept file is used only for the same. */
export const previewKey = (caller: Caller, operationId: string): string =>
  JSON.stringify(['preview', caller.tenantId, caller.userId, caller.role, operationId]);
