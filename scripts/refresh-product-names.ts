/**
 * `npm run refresh-product-names`: regenerates `src/domain/catalogue/product-names.generated.ts`
 * from `data/product-names-and-service-plan-identifiers.csv`, Microsoft's "Product names and
 * service plan identifiers for licensing". With `-- --download` it first fetches the current
 * table from Microsoft's download link into `data/`, unchanged, after checking it is the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readTable, TABLE_DOWNLOAD_URL, TABLE_FILE } from './product-names/read-table.ts';
import { MODULE_FILE, renderModule } from './product-names/render-module.ts';

const { values } = parseArgs({ options: { download: { type: 'boolean', default: false } } });

if (values.download) {
  const response = await fetch(TABLE_DOWNLOAD_URL, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) {
    throw new Error(`Download failed: HTTP ${response.status} from ${TABLE_DOWNLOAD_URL}`);
  }
  const csv = new Uint8Array(await response.arrayBuffer());
  const rows = readTable(csv);
  writeFileSync(TABLE_FILE, csv);
  console.log(`Table downloaded: ${rows.length} rows, ${csv.byteLength} bytes.`);
}

const rows = readTable(readFileSync(TABLE_FILE));
writeFileSync(MODULE_FILE, renderModule(rows));
console.log(`Names regenerated from ${rows.length} rows.`);
