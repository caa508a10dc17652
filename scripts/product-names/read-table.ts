import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/** Where the table is kept, byte for byte as Microsoft publishes it (UTF-8 with a BOM, CRLF). */
export const TABLE_FILE = new URL(
  '../../data/product-names-and-service-plan-identifiers.csv',
  import.meta.url,
);

/**
 * The stable download link named on Microsoft Learn's page "Product names and service plan
 * identifiers for licensing"; Microsoft replaces the file behind it when the table changes.
 */
export const TABLE_DOWNLOAD_URL =
  'https://download.microsoft.com/download/e/3/e/e3e9faf2-f28b-490a-9ada-c6089a1fc5b0/Product%20names%20and%20service%20plan%20identifiers%20for%20licensing.csv';

// Cells sometimes carry tabs, no-break spaces or trailing spaces ("ATP_ENTERPRISE "): read them
// as single spaces so neither codes nor names differ by invisible characters.
const cell = z.string().transform((text) => text.replace(/\s+/g, ' ').trim());

const rowSchema = z
  .object({
    Product_Display_Name: cell,
    String_Id: cell,
    GUID: cell,
    Service_Plan_Name: cell,
    Service_Plan_Id: cell,
    Service_Plans_Included_Friendly_Names: cell,
  })
  .transform((row) => ({
    productName: row.Product_Display_Name,
    partNumber: row.String_Id,
    skuId: row.GUID.toLowerCase(),
    planName: row.Service_Plan_Name,
    servicePlanId: row.Service_Plan_Id.toLowerCase(),
    planFriendlyName: row.Service_Plans_Included_Friendly_Names,
  }));

/** One row of the table: a service plan included in a product. */
export type TableRow = z.infer<typeof rowSchema>;

/**
 * Reads the table's CSV, checking it has the columns the names come from; throws (with zod's
 * account of the first bad row) on a file that is not the table, so a refresh never writes it.
 */
export function readTable(csv: string | Uint8Array): TableRow[] {
  const records: unknown[] = parse(Buffer.from(csv), { bom: true, columns: true });
  return z.array(rowSchema).min(1).parse(records);
}
