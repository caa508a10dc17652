import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildAppPackage,
  filledManifest,
  PackageEnvironmentError,
  packageEnvironment,
  packageValues,
  readManifestTemplate,
} from '../../scripts/app-package/build-app-package.ts';
import { readZip } from './read-zip.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEAMS_APP_ID = '6f0f3c1e-8b2a-4c3d-9e4f-0a1b2c3d4e5f';
const BOT_ID = 'b0b0b0b0-1111-4222-8333-444455556666';

/** env/.env.dev as `atk provision` leaves it: the Teams app id and the template's outputs. */
const PROVISIONED_DEV = `# sample
TEAMSFX_ENV=dev
APP_NAME_SUFFIX=dev
DEVELOPER_NAME=Fabrikam IT
DEVELOPER_WEBSITE_URL=https://www.fabrikam.com/license-desk
PRIVACY_URL=https://www.fabrikam.com/privacy
TERMS_OF_USE_URL=https://www.fabrikam.com/terms
DEVELOPER_MPN_ID=
TEAMS_APP_ID=${TEAMS_APP_ID}
BOT_ID=${BOT_ID}
BOT_DOMAIN=licensedesk-dev.azurewebsites.net
`;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** A throwaway env/ folder holding `.env.dev` with the given text. */
function envFolder(devFile: string): URL {
  const folder = mkdtempSync(path.join(tmpdir(), 'license-desk-env-'));
  folders.push(folder);
  writeFileSync(path.join(folder, '.env.dev'), devFile);
  return pathToFileURL(`${folder}${path.sep}`);
}

function manifestOf(zip: Buffer): Record<string, unknown> {
  const [manifest] = readZip(zip);
  return JSON.parse(manifest!.bytes.toString('utf8')) as Record<string, unknown>;
}

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PackageEnvironmentError);
    return (error as Error).message;
  }
  throw new Error('expected a PackageEnvironmentError');
}

describe('npm run package after provisioning', () => {
  it('fills the developer block, the bot id and the domain from env/.env.<env>: no Contoso', async () => {
    const env = packageEnvironment({ TEAMSFX_ENV: 'dev' }, envFolder(PROVISIONED_DEV));
    const manifest = manifestOf(buildAppPackage(env));
    expect(manifest.developer).toEqual({
      name: 'Fabrikam IT',
      websiteUrl: 'https://www.fabrikam.com/license-desk',
      privacyUrl: 'https://www.fabrikam.com/privacy',
      termsOfUseUrl: 'https://www.fabrikam.com/terms',
    });
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect((manifest.bots as { botId: string }[])[0]!.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['licensedesk-dev.azurewebsites.net']);
    const text = JSON.stringify(manifest);
    expect(text.toLowerCase()).not.toContain('contoso');
    expect(text).not.toContain('${{');
    expect(
      await AppManifestUtils.validateAgainstSchema(manifest as unknown as TeamsManifest),
    ).toEqual([]);
  });

  it('lets the environment win over the file, and an empty variable hide nothing', () => {
    const other = 'c0c0c0c0-1111-4222-8333-444455556666';
    const env = packageEnvironment(
      { TEAMSFX_ENV: 'dev', BOT_ID: other, DEVELOPER_NAME: '' },
      envFolder(PROVISIONED_DEV),
    );
    expect(packageValues(env).placeholders).toMatchObject({
      BOT_ID: other,
      DEVELOPER_NAME: 'Fabrikam IT',
    });
  });

  it('reads no file without TEAMSFX_ENV, or when the named one does not exist', () => {
    const folder = envFolder(PROVISIONED_DEV);
    expect(packageEnvironment({ BOT_ID }, folder)).toEqual({ BOT_ID });
    expect(packageEnvironment({ TEAMSFX_ENV: 'prod', BOT_ID }, folder)).toEqual({
      TEAMSFX_ENV: 'prod',
      BOT_ID,
    });
    expect(() => packageEnvironment({ TEAMSFX_ENV: '../secrets' }, folder)).toThrow(/TEAMSFX_ENV/);
  });

  it('adds the Partner Network id only when DEVELOPER_MPN_ID is set', () => {
    const env = packageEnvironment({ TEAMSFX_ENV: 'dev' }, envFolder(PROVISIONED_DEV));
    const without = filledManifest(readManifestTemplate(), packageValues(env));
    expect(without.developer).not.toHaveProperty('mpnId');
    const withId = filledManifest(
      readManifestTemplate(),
      packageValues({ ...env, DEVELOPER_MPN_ID: '1234567' }),
    );
    expect(withId.developer).toMatchObject({ name: 'Fabrikam IT', mpnId: '1234567' });
  });

  it('keeps the manifest valid JSON whatever the organization is called', () => {
    const env = packageEnvironment({ TEAMSFX_ENV: 'dev' }, envFolder(PROVISIONED_DEV));
    const manifest = filledManifest(
      readManifestTemplate(),
      packageValues({ ...env, DEVELOPER_NAME: 'The "Desk" \\ IT' }),
    );
    expect(manifest.developer).toMatchObject({ name: 'The "Desk" \\ IT' });
  });
});

describe('npm run package with a setting missing or wrong', () => {
  const env = packageEnvironment({ TEAMSFX_ENV: 'dev' }, envFolder(PROVISIONED_DEV));

  it('names BOT_ID when no bot id is set, and what to put there', () => {
    const message = problemsOf(() => packageValues({ ...env, BOT_ID: '' }));
    expect(message).toMatch(/BOT_ID: not set: BOT_ID or MicrosoftAppId/);
    expect(message).toContain('in the environment or in env/.env.dev');
    expect(message.split('\n')).toHaveLength(2);
  });

  it('names each developer setting that is missing, and where to set it', () => {
    const message = problemsOf(() =>
      packageValues({ TEAMS_APP_ID, BOT_ID, BOT_DOMAIN: 'licensedesk.fabrikam.com' }),
    );
    for (const name of [
      'DEVELOPER_NAME',
      'DEVELOPER_WEBSITE_URL',
      'PRIVACY_URL',
      'TERMS_OF_USE_URL',
    ]) {
      expect(message).toMatch(new RegExp(`^  ${name}: not set`, 'm'));
    }
    expect(message).not.toMatch(/BOT_ID|TEAMS_APP_ID|BOT_DOMAIN/);
    expect(message).toContain('in the environment or in env/.env.<TEAMSFX_ENV>');
  });

  it('refuses a developer URL that is not https, and a name Teams would cut', () => {
    expect(
      problemsOf(() => packageValues({ ...env, PRIVACY_URL: 'http://www.fabrikam.com/privacy' })),
    ).toMatch(/PRIVACY_URL: is not an https:\/\/ address/);
    expect(problemsOf(() => packageValues({ ...env, DEVELOPER_NAME: 'x'.repeat(33) }))).toMatch(
      /DEVELOPER_NAME: is longer than the 32 characters/,
    );
  });

  it('prints the settings to set and no stack trace, exit code 1, from a fresh clone', () => {
    // The committed env/.env.dev: every generated value still empty, as before `atk provision`.
    const run = spawnSync(process.execPath, ['scripts/package-app.ts', '--env', 'dev'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Cannot fill the Teams app manifest:\n/);
    for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'DEVELOPER_NAME', 'PRIVACY_URL']) {
      expect(run.stderr).toMatch(new RegExp(`^  ${name}: not set`, 'm'));
    }
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('says how to call it when given an option it does not know', () => {
    const run = spawnSync(process.execPath, ['scripts/package-app.ts', '--environment', 'dev'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Usage: npm run package [-- --env <env>]');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
