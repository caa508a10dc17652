import type { Sku } from '../../domain/licensing.ts';
import type { ItemState } from '../../domain/operations/operation.ts';
import { previewNames, previewRow, type PreviewRow } from '../../domain/operations/preview-csv.ts';
import type { Caller } from '../identity/caller.ts';
import type { OperationItemStore } from '../ports/operation-item-store.ts';
import type { OperationStore } from '../ports/operation-store.ts';

/** At most this many users in one preview, as for a request's results. */
export const PREVIEW_LIMIT = 100_000;

// Items are read a page at a time and kept only as their lines: memory grows with the lines.
const PREVIEW_PAGE_SIZE = 1_000;

// The changes first, then the users left as they are; the run's states once it has begun.
const STATES_READ: readonly ItemState[] = [
  'planned',
  'skipped',
  'sent',
  'done',
  'failed',
  'cancelled',
];

/** What the preview reads: the request, its items and the tenant's SKUs to name them. */
export interface PreviewDependencies {
  operations: Pick<OperationStore, 'get'>;
  operationItems: Pick<OperationItemStore, 'listByState'>;
  skus: (tenantId: string) => Promise<Sku[]>;
}

export type PreviewRefusalCode = 'NOT_FOUND' | 'NOT_YOURS';

/** A request's preview lines, or why the caller gets none. */
export type PreviewRows =
  | { ok: true; summary: string; rows: PreviewRow[]; cut: boolean }
  | { ok: false; refusal: { code: PreviewRefusalCode; message: string } };

/**
 * One line per user of a request, as planned: what each will get, lose, or why they are left
 * as they are. Approvers may read any request's; a requester only their own. Read page by page,
 * stopping at `limit` lines (`cut` says so).
 */
export async function operationPreviewRows(
  deps: PreviewDependencies,
  caller: Caller,
  operationId: string,
  limit = PREVIEW_LIMIT,
): Promise<PreviewRows> {
  const found = await deps.operations.get(caller.tenantId, operationId);
  if (found === null) {
    return {
      ok: false,
      refusal: { code: 'NOT_FOUND', message: 'I can find no such request in your organisation.' },
    };
  }
  const operation = found.value;
  if (caller.role !== 'approver' && operation.requester.userId !== caller.userId) {
    return {
      ok: false,
      refusal: {
        code: 'NOT_YOURS',
        message:
          "Only License Approvers and the person who asked can export a request's preview, so I sent nothing.",
      },
    };
  }
  const names = previewNames(await deps.skus(caller.tenantId));
  const rows: PreviewRow[] = [];
  for (const state of STATES_READ) {
    let token: string | undefined;
    do {
      const page = await deps.operationItems.listByState(operation.tenantId, operationId, state, {
        pageSize: Math.min(PREVIEW_PAGE_SIZE, limit - rows.length + 1),
        ...(token ? { continuationToken: token } : {}),
      });
      rows.push(...page.items.map(({ value }) => previewRow(value, names)));
      token = page.continuationToken;
    } while (token !== undefined && rows.length <= limit);
    if (rows.length > limit) {
      break;
    }
  }
  return {
    ok: true,
    summary: operation.summary,
    rows: rows.slice(0, limit),
    cut: rows.length > limit,
  };
}
