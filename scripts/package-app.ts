/**
 * `npm run package`: writes `build/appPackage.zip`, the Teams app package to upload in the Teams
 * admin center or the Developer Portal. The manifest's placeholders come from the environment:
 * TEAMS_APP_ID, BOT_ID (or MicrosoftAppId) and BOT_DOMAIN.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAppPackage, PackageEnvironmentError } from './app-package/build-app-package.ts';

const target = fileURLToPath(new URL('../build/appPackage.zip', import.meta.url));
try {
  const zip = buildAppPackage(process.env);
  mkdirSync(fileURLToPath(new URL('../build/', import.meta.url)), { recursive: true });
  writeFileSync(target, zip);
  console.log(`Teams app package written: ${target} (${zip.byteLength} bytes)`);
} catch (error) {
  if (!(error instanceof PackageEnvironmentError)) {
    throw error;
  }
  console.error(error.message);
  process.exitCode = 1;
}
