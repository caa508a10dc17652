import { readFileSync } from 'node:fs';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import {
  APP_PACKAGE_FILES,
  APP_PACKAGE_FOLDER,
  buildAppPackage,
  filledManifest,
  PackageEnvironmentError,
  packageValues,
  readManifestTemplate,
} from '../../scripts/app-package/build-app-package.ts';
import {
  commandListsFromRoutes,
  LEFT_OUT_OF_MENU,
  MENU_LIMITS,
  MENU_SCOPES,
  type CommandList,
} from '../../scripts/app-package/menu-commands.ts';
import { readPngHeader } from '../../scripts/app-package/png.ts';
import { createRoutingTable } from '../../src/bot/commands/command-table.ts';
import { readZip } from './read-zip.ts';

const TEAMS_APP_ID = '6f0f3c1e-8b2a-4c3d-9e4f-0a1b2c3d4e5f';
const BOT_ID = 'b0b0b0b0-1111-4222-8333-444455556666';
/** The developer block's settings: an organization that is not the template's Contoso. */
const DEVELOPER = {
  DEVELOPER_NAME: 'Fabrikam IT',
  DEVELOPER_WEBSITE_URL: 'https://www.fabrikam.com/license-desk',
  PRIVACY_URL: 'https://www.fabrikam.com/privacy',
  TERMS_OF_USE_URL: 'https://www.fabrikam.com/terms',
};
const ENV = {
  TEAMS_APP_ID,
  MicrosoftAppId: BOT_ID,
  BOT_DOMAIN: 'licensedesk.fabrikam.com',
  ...DEVELOPER,
};

interface ManifestBot {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  isNotificationOnly: boolean;
  commandLists: CommandList[];
}

const committed = JSON.parse(readManifestTemplate()) as { bots: ManifestBot[] } & Record<
  string,
  unknown
>;

async function schemaErrors(manifest: Record<string, unknown>): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as TeamsManifest);
}

describe('the Teams app manifest', () => {
  it('is valid against its schema once TeamsFx-style placeholders are filled', async () => {
    const manifest = filledManifest(readManifestTemplate(), packageValues(ENV));
    expect(await schemaErrors(manifest)).toEqual([]);
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.validDomains).toEqual(['licensedesk.fabrikam.com']);
    expect(manifest.developer).toEqual({
      name: 'Fabrikam IT',
      websiteUrl: 'https://www.fabrikam.com/license-desk',
      privacyUrl: 'https://www.fabrikam.com/privacy',
      termsOfUseUrl: 'https://www.fabrikam.com/terms',
    });
    expect(manifest.webApplicationInfo).toBeUndefined();
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    const [bot] = manifest.bots as ManifestBot[];
    expect(bot).toMatchObject({
      botId: BOT_ID,
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: true,
      isNotificationOnly: false,
    });
  });

  it('would be refused by the schema with a placeholder left in (the check can fail)', async () => {
    expect(await schemaErrors(committed)).toContainEqual(expect.stringMatching(/^\/id /));
  });

  it('keeps the placeholders in the committed file: no real id is ever committed', () => {
    expect(committed.id).toBe('${{TEAMS_APP_ID}}');
    expect(committed.bots[0]!.botId).toBe('${{BOT_ID}}');
    expect(committed.validDomains).toEqual(['${{BOT_DOMAIN}}']);
  });

  it('takes the developer block from settings, not from a committed organization', () => {
    expect(committed.developer).toEqual({
      name: '${{DEVELOPER_NAME}}',
      websiteUrl: '${{DEVELOPER_WEBSITE_URL}}',
      privacyUrl: '${{PRIVACY_URL}}',
      termsOfUseUrl: '${{TERMS_OF_USE_URL}}',
    });
    expect(readManifestTemplate().toLowerCase()).not.toContain('contoso');
  });

  it('names the bot in the admin’s words', () => {
    expect(committed.name).toMatchObject({ short: 'License Desk' });
    expect(JSON.stringify(committed.description)).toContain('License Desk');
  });
});

describe('the command menus', () => {
  const routes = createRoutingTable().commands;

  it('are the routing table’s commands, in the committed manifest as in a package', () => {
    expect(committed.bots[0]!.commandLists).toEqual(commandListsFromRoutes());
    const lists = commandListsFromRoutes();
    expect(lists.map((list) => list.scopes)).toEqual(MENU_SCOPES.map((scope) => [scope]));
    for (const list of lists) {
      const scope = list.scopes[0]!;
      const expected = routes
        .map((command) => command.name)
        .filter((name) => !(name in LEFT_OUT_OF_MENU[scope]));
      expect(list.commands.map((command) => command.title)).toEqual(expected);
    }
  });

  it('leave out only commands that exist, so a new command lands in every menu or fails here', () => {
    const names = routes.map((command) => command.name);
    for (const scope of MENU_SCOPES) {
      const shown = commandListsFromRoutes().find((list) => list.scopes[0] === scope)!;
      for (const left of Object.keys(LEFT_OUT_OF_MENU[scope])) {
        expect(names).toContain(left);
      }
      // Every command is either in the menu or left out by name: none is forgotten.
      expect(shown.commands.length + Object.keys(LEFT_OUT_OF_MENU[scope]).length).toBe(
        names.length,
      );
    }
  });

  it('stay within what Teams shows: 10 commands, titles of 32 and descriptions of 128', () => {
    for (const list of commandListsFromRoutes()) {
      expect(list.commands.length).toBeLessThanOrEqual(MENU_LIMITS.commands);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(MENU_LIMITS.title);
        expect(command.description.length).toBeLessThanOrEqual(MENU_LIMITS.description);
        expect(command.description).not.toContain('`');
      }
    }
  });

  it('keep "approvals here" out of the personal menu and in the team and group chat ones', () => {
    const titles = Object.fromEntries(
      commandListsFromRoutes().map((list) => [
        list.scopes[0],
        list.commands.map((command) => command.title),
      ]),
    );
    expect(titles.personal).not.toContain('approvals here');
    expect(titles.team).toContain('approvals here');
    expect(titles.groupChat).toContain('approvals here');
    expect(titles.personal).toContain('history');
  });
});

describe('the icons', () => {
  const header = (name: string) => readPngHeader(readFileSync(new URL(name, APP_PACKAGE_FOLDER)));

  it('are a 192×192 colour icon and a 32×32 outline with transparency', () => {
    expect(header('color.png')).toEqual({ width: 192, height: 192, colourType: 6 });
    expect(header('outline.png')).toEqual({ width: 32, height: 32, colourType: 6 });
  });

  it('are recognised as PNG only when they are one', () => {
    expect(readPngHeader(Buffer.from('not an image at all, just some text here'))).toEqual({
      error: 'not a PNG file',
    });
  });
});

describe('npm run package', () => {
  it('zips exactly the filled manifest and both icons, stored, with good CRCs', async () => {
    const files = readZip(buildAppPackage(ENV));
    expect(files.map((file) => file.name)).toEqual([...APP_PACKAGE_FILES]);
    expect(files.every((file) => file.method === 0 && file.crcMatches)).toBe(true);
    const manifest = JSON.parse(files[0]!.bytes.toString('utf8')) as Record<string, unknown>;
    expect(await schemaErrors(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(readPngHeader(files[1]!.bytes)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(files[2]!.bytes)).toMatchObject({ width: 32, height: 32 });
  });

  it('takes BOT_ID over MicrosoftAppId when both are set', () => {
    const other = 'c0c0c0c0-1111-4222-8333-444455556666';
    expect(packageValues({ ...ENV, BOT_ID: other }).placeholders.BOT_ID).toBe(other);
  });

  it('refuses to package without the ids and domain, naming what is missing', () => {
    expect(() => packageValues({})).toThrow(PackageEnvironmentError);
    expect(() =>
      packageValues({ TEAMS_APP_ID, BOT_DOMAIN: 'licensedesk.fabrikam.com', ...DEVELOPER }),
    ).toThrow(/BOT_ID or MicrosoftAppId/);
    expect(() => packageValues({ ...ENV, TEAMS_APP_ID: 'not-a-guid' })).toThrow(/TEAMS_APP_ID/);
    expect(() =>
      packageValues({ ...ENV, BOT_DOMAIN: 'https://licensedesk.fabrikam.com/' }),
    ).toThrow(/BOT_DOMAIN/);
  });

  it('refuses a placeholder nothing fills', () => {
    expect(() =>
      filledManifest('{"bots":[{}],"x":"${{SOMETHING_ELSE}}"}', packageValues(ENV)),
    ).toThrow(/\$\{\{SOMETHING_ELSE\}\}/);
  });
});
