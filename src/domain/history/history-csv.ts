import { skuDisplayName } from '../catalogue/display-names.ts';
import type { Sku } from '../licensing.ts';
import type { HistoryEvent } from './history-event.ts';

/**
 * A cell made safe for spreadsheets: a value starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is read as a formula by Excel and others (CSV injection), so it gets a leading `'`.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralised, then quoted when it holds a comma, quote or line break. */
function field(value: string): string {
  const safe = neutraliseCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const historyCsvHeader = [
  'Time',
  'User',
  'Change',
  'License',
  'Disabled plans',
  'Result',
  'Requested by',
  'Approved by',
  'Operation',
  'Reason',
  'Graph request id',
] as const;

/** The export's rows, header first, with product names for the SKUs the tenant knows. */
export function historyCsvRows(events: readonly HistoryEvent[], skus: readonly Sku[]): string[][] {
  const names = new Map(skus.map((sku) => [sku.skuId, skuDisplayName(sku)]));
  return [
    [...historyCsvHeader],
    ...events.map((event) => [
      event.at,
      event.userPrincipalName,
      event.change,
      event.skuId === undefined ? '' : (names.get(event.skuId) ?? event.skuId),
      (event.disabledPlans ?? []).join(' '),
      event.result,
      event.requester.displayName,
      event.approver?.displayName ?? '',
      event.operationId,
      event.message ?? '',
      event.graphRequestId ?? '',
    ]),
  ];
}

/** Rows as CSV text (RFC 4180, CRLF line ends), every cell neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
