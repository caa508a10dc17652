/**
 * `npm run package`: writes `build/appPackage.zip`, the Teams app package to upload in the Teams
 * admin center or the Developer Portal. The manifest's placeholders come from settings: the
 * environment, on top of `env/.env.<env>` (the Agents Toolkit's file that `atk provision` fills)
 * when `--env <env>` or TEAMSFX_ENV names one. Settings: TEAMS_APP_ID, BOT_ID (or MicrosoftAppId),
 * BOT_DOMAIN, DEVELOPER_NAME, DEVELOPER_WEBSITE_URL, PRIVACY_URL, TERMS_OF_USE_URL and, optional,
 * DEVELOPER_MPN_ID.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildAppPackage,
  PackageEnvironmentError,
  packageEnvironment,
} from './app-package/build-app-package.ts';

const target = fileURLToPath(new URL('../build/appPackage.zip', import.meta.url));
try {
  const { values } = parseArgs({ options: { env: { type: 'string' } } });
  const env = values.env === undefined ? process.env : { ...process.env, TEAMSFX_ENV: values.env };
  const zip = buildAppPackage(packageEnvironment(env));
  mkdirSync(fileURLToPath(new URL('../build/', import.meta.url)), { recursive: true });
  writeFileSync(target, zip);
  console.log(`Teams app package written: ${target} (${zip.byteLength} bytes)`);
} catch (error) {
  if (error instanceof PackageEnvironmentError) {
    console.error(error.message);
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    console.error(`${error.message}\nUsage: npm run package [-- --env <env>]`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
