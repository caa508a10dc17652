import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { commandListsFromRoutes } from './menu-commands.ts';
import { zipStored } from './zip.ts';

/** The folder with the manifest template and the icons. */
export const APP_PACKAGE_FOLDER = new URL('../../appPackage/', import.meta.url);

/** The files of the package, as Teams wants them: at the root of the ZIP, no folder. */
export const APP_PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

const guid = z.guid();

/**
 * What the manifest's TeamsFx placeholders are filled with, from the environment: the Teams
 * app's id, the Azure Bot's Microsoft App ID (`BOT_ID`, else the bot's own `MicrosoftAppId`)
 * and the host name the bot answers on.
 */
export const packageEnvironmentSchema = z
  .object({
    TEAMS_APP_ID: guid,
    BOT_ID: guid.optional(),
    MicrosoftAppId: guid.optional(),
    BOT_DOMAIN: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'a host name such as licensedesk.contoso.com'),
  })
  .transform((env, context) => {
    const botId = env.BOT_ID ?? env.MicrosoftAppId;
    if (botId === undefined) {
      context.addIssue({ code: 'custom', path: ['BOT_ID'], message: 'BOT_ID or MicrosoftAppId' });
      return z.NEVER;
    }
    return { TEAMS_APP_ID: env.TEAMS_APP_ID, BOT_ID: botId, BOT_DOMAIN: env.BOT_DOMAIN };
  });

export type PackageValues = z.output<typeof packageEnvironmentSchema>;

/** The environment cannot fill the manifest; the message names the variables. */
export class PackageEnvironmentError extends Error {
  override readonly name = 'PackageEnvironmentError';
  readonly code = 'PACKAGE_ENVIRONMENT';
}

/** The placeholder values from an environment, or an error naming what is missing or wrong. */
export function packageValues(env: Record<string, string | undefined>): PackageValues {
  const parsed = packageEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new PackageEnvironmentError(`Cannot fill the Teams app manifest: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The manifest template as committed, placeholders and all. */
export function readManifestTemplate(): string {
  return readFileSync(new URL('manifest.json', APP_PACKAGE_FOLDER), 'utf8');
}

/**
 * The manifest with `${{NAME}}` filled (as TeamsFx does) and the command menus taken from the
 * routing table again, so a package is never behind the bot it describes.
 */
export function filledManifest(template: string, values: PackageValues): Record<string, unknown> {
  const filled = template.replace(/\$\{\{\s*([A-Za-z_]+)\s*\}\}/g, (placeholder, name: string) => {
    if (!(name in values)) {
      throw new PackageEnvironmentError(`The manifest names ${placeholder}, which nothing fills.`);
    }
    return values[name as keyof PackageValues];
  });
  const manifest = z
    .object({ bots: z.array(z.looseObject({})).length(1) })
    .loose()
    .parse(JSON.parse(filled));
  return { ...manifest, bots: [{ ...manifest.bots[0], commandLists: commandListsFromRoutes() }] };
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
