import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { commandListsFromRoutes } from './menu-commands.ts';
import { zipStored } from './zip.ts';

/** The folder with the manifest template and the icons. */
export const APP_PACKAGE_FOLDER = new URL('../../appPackage/', import.meta.url);

/** The Agents Toolkit's environment files (`env/.env.dev`, …), which provisioning fills. */
export const ENV_FOLDER = new URL('../../env/', import.meta.url);

/** The files of the package, as Teams wants them: at the root of the ZIP, no folder. */
export const APP_PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** Where a setting can be given, for the error messages. */
const WHERE = 'in the environment or in env/.env.<TEAMSFX_ENV>';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** An unset variable and an empty one (`BOT_ID=` in an env file before provisioning) are alike. */
const setting = (schema: z.ZodType<string, string>, unset: string) =>
  z.preprocess(
    blankToUndefined,
    z.string({ error: (issue) => (issue.input === undefined ? unset : undefined) }).pipe(schema),
  );

/** A setting that may stay unset (or empty). */
const optionalSetting = (schema: z.ZodType<string, string>) =>
  z.preprocess(blankToUndefined, z.string().pipe(schema).optional());

const BOT_ID_UNSET = `not set: BOT_ID or MicrosoftAppId, the Azure Bot's Microsoft App ID (the infrastructure template outputs BOT_ID), ${WHERE}`;

const guid = (what: string) =>
  z
    .string()
    .trim()
    .pipe(z.guid(`is not a GUID: set it to ${what}`));

const httpsUrl = (what: string) =>
  z
    .string()
    .trim()
    .pipe(
      z.url({
        protocol: /^https$/,
        error: `is not an https:// address: set it to ${what}`,
      }),
    );

/**
 * What the manifest's `${{NAME}}` placeholders are filled with, from settings: the Teams app's
 * id, the Azure Bot's Microsoft App ID (`BOT_ID`, else the bot's own `MicrosoftAppId`), the host
 * name the bot answers on, and the `developer` block Teams shows on the app's page (your
 * organization, not Contoso). The same names are the Agents Toolkit's environment variables, so
 * its `teamsApp/zipAppPackage` step fills the same placeholders from `env/.env.<env>`.
 */
export const packageEnvironmentSchema = z
  .object({
    TEAMS_APP_ID: setting(
      guid('the Teams app id (teamsApp/create writes it, or a GUID of your choosing)'),
      `not set: the Teams app id, a GUID (provisioning writes it to env/.env.<env>), ${WHERE}`,
    ),
    BOT_ID: optionalSetting(guid("the Azure Bot's Microsoft App ID")),
    MicrosoftAppId: optionalSetting(guid("the Azure Bot's Microsoft App ID")),
    BOT_DOMAIN: setting(
      z
        .string()
        .trim()
        .regex(
          /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i,
          'is not a host name: set it to the host alone, such as licensedesk.contoso.com (no https://, no path)',
        ),
      `not set: the host name the bot answers on (the infrastructure template outputs it), ${WHERE}`,
    ),
    DEVELOPER_NAME: setting(
      z
        .string()
        .trim()
        .max(32, 'is longer than the 32 characters Teams allows for the developer name'),
      `not set: your organization's name, shown in Teams as the app's developer (at most 32 characters), ${WHERE}`,
    ),
    DEVELOPER_WEBSITE_URL: setting(
      httpsUrl("your organization's page about License Desk"),
      `not set: the https:// address of your organization's page about License Desk, ${WHERE}`,
    ),
    PRIVACY_URL: setting(
      httpsUrl('your privacy statement'),
      `not set: the https:// address of your privacy statement, ${WHERE}`,
    ),
    TERMS_OF_USE_URL: setting(
      httpsUrl('your terms of use'),
      `not set: the https:// address of your terms of use, ${WHERE}`,
    ),
    DEVELOPER_MPN_ID: optionalSetting(
      z.string().trim().max(10, 'is longer than the 10 characters of a Partner Network id'),
    ),
  })
  .transform((env, context) => {
    const botId = env.BOT_ID ?? env.MicrosoftAppId;
    if (botId === undefined) {
      context.addIssue({ code: 'custom', path: ['BOT_ID'], message: BOT_ID_UNSET });
      return z.NEVER;
    }
    return {
      placeholders: {
        TEAMS_APP_ID: env.TEAMS_APP_ID,
        BOT_ID: botId,
        BOT_DOMAIN: env.BOT_DOMAIN,
        DEVELOPER_NAME: env.DEVELOPER_NAME,
        DEVELOPER_WEBSITE_URL: env.DEVELOPER_WEBSITE_URL,
        PRIVACY_URL: env.PRIVACY_URL,
        TERMS_OF_USE_URL: env.TERMS_OF_USE_URL,
      },
      ...(env.DEVELOPER_MPN_ID === undefined ? {} : { mpnId: env.DEVELOPER_MPN_ID }),
    };
  });

export type PackageValues = z.output<typeof packageEnvironmentSchema>;

/** The settings cannot fill the manifest; the message names each setting and what it wants. */
export class PackageEnvironmentError extends Error {
  override readonly name = 'PackageEnvironmentError';
  readonly code = 'PACKAGE_ENVIRONMENT';
}

/** The placeholder values from settings, or an error naming what is missing or wrong. */
export function packageValues(env: Record<string, string | undefined>): PackageValues {
  const parsed = packageEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      name: issue.path.join('.'),
      message: issue.message,
    }));
    // The bot id check runs once the rest is right; say it now too, so one run lists everything.
    const botIdUnset = [env.BOT_ID, env.MicrosoftAppId].every((id) => (id ?? '').trim() === '');
    if (botIdUnset && !issues.some((issue) => issue.name === 'BOT_ID')) {
      const after = issues.filter((issue) => issue.name === 'TEAMS_APP_ID').length;
      issues.splice(after, 0, { name: 'BOT_ID', message: BOT_ID_UNSET });
    }
    // Name the file this run reads, when it reads one.
    const file = env.TEAMSFX_ENV?.trim() ? `env/.env.${env.TEAMSFX_ENV.trim()}` : undefined;
    const problems = issues.map(
      (issue) =>
        `  ${issue.name}: ${file === undefined ? issue.message : issue.message.replace('env/.env.<TEAMSFX_ENV>', file)}`,
    );
    throw new PackageEnvironmentError(
      `Cannot fill the Teams app manifest:\n${problems.join('\n')}`,
    );
  }
  return parsed.data;
}

/**
 * The settings `npm run package` reads: `env/.env.<TEAMSFX_ENV>` (the Agents Toolkit's file,
 * which `atk provision` fills with the Teams app id and the template's outputs) when
 * TEAMSFX_ENV names one that exists, then the environment on top (the environment wins). An
 * empty variable counts as unset: it does not hide the file's value.
 */
export function packageEnvironment(
  env: Record<string, string | undefined>,
  envFolder: URL = ENV_FOLDER,
): Record<string, string | undefined> {
  const name = env.TEAMSFX_ENV?.trim();
  if (name === undefined || name === '') {
    return env;
  }
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new PackageEnvironmentError(
      `TEAMSFX_ENV: "${name}" is not an environment name (letters, digits, - and _), such as dev.`,
    );
  }
  const file = new URL(`.env.${name}`, envFolder);
  if (!existsSync(file)) {
    return env;
  }
  const fromFile = parseEnv(readFileSync(file, 'utf8'));
  const fromEnvironment = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  return { ...fromFile, ...fromEnvironment };
}

/** The manifest template as committed, placeholders and all. */
export function readManifestTemplate(): string {
  return readFileSync(new URL('manifest.json', APP_PACKAGE_FOLDER), 'utf8');
}

/**
 * The manifest with `${{NAME}}` filled (as the Agents Toolkit does), the optional Partner
 * Network id added to `developer`, and the command menus taken from the routing table again, so
 * a package is never behind the bot it describes.
 */
export function filledManifest(template: string, values: PackageValues): Record<string, unknown> {
  const placeholders: Record<string, string> = values.placeholders;
  const filled = template.replace(/\$\{\{\s*([A-Za-z_]+)\s*\}\}/g, (placeholder, name: string) => {
    const value = placeholders[name];
    if (value === undefined) {
      throw new PackageEnvironmentError(`The manifest names ${placeholder}, which nothing fills.`);
    }
    // Inside a JSON string: a quote or backslash in a name must not break the manifest.
    return JSON.stringify(value).slice(1, -1);
  });
  const manifest = z
    .object({ bots: z.array(z.looseObject({})).length(1), developer: z.looseObject({}) })
    .loose()
    .parse(JSON.parse(filled));
  return {
    ...manifest,
    developer: {
      ...manifest.developer,
      ...(values.mpnId === undefined ? {} : { mpnId: values.mpnId }),
    },
    bots: [{ ...manifest.bots[0], commandLists: commandListsFromRoutes() }],
  };
}

/** The Teams app package: the filled manifest and both icons, in one ZIP. */
export function buildAppPackage(env: Record<string, string | undefined>): Buffer {
  const manifest = filledManifest(readManifestTemplate(), packageValues(env));
  return zipStored([
    { name: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: 'color.png', bytes: readFileSync(new URL('color.png', APP_PACKAGE_FOLDER)) },
    { name: 'outline.png', bytes: readFileSync(new URL('outline.png', APP_PACKAGE_FOLDER)) },
  ]);
}
