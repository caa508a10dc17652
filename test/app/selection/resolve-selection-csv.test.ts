import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOOKUP_LIMIT,
  resolveSelectionCsv,
  type ResolveSelectionOptions,
} from '../../../src/app/selection/resolve-selection-csv.ts';
import type { Directory } from '../../../src/app/ports/directory.ts';
import type { Sku } from '../../../src/domain/licensing.ts';
import { startGraphFixture, type GraphFixture } from '../../graph/support/graph-fixture.ts';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';

let g: GraphFixture;
let skus: Sku[];
beforeAll(async () => {
  g = await startGraphFixture();
  skus = await g.directory.listSkus();
});
afterAll(async () => {
  await g.close();
});

/** The simulator's users, as the file names them. */
const people = () => g.sim.tenant().users();
const since = () => g.exchanges.length;
const userReadsAfter = (mark: number) =>
  g.exchanges
    .slice(mark)
    .filter((exchange) => exchange.url.startsWith('/v1.0/users'))
    .map((exchange) => decodeURIComponent(exchange.url.replaceAll('+', ' ')));

async function resolve(text: string, options: Partial<ResolveSelectionOptions> = {}) {
  const resolved = await resolveSelectionCsv(text, {
    directory: g.directory,
    skus,
    objectIds: 'testTool',
    ...options,
  });
  if (!resolved.ok) {
    throw new Error(resolved.failure.message);
  }
  return resolved.value;
}

/** A file naming some users by name and one by id, with an unknown user of each kind. */
function mixedFile() {
  const [alex, megan, lee, joni] = people();
  const text = [
    'UserPrincipalName,ObjectId,LicenseSKU,DisabledPlans',
    `${alex!.userPrincipalName.toUpperCase()},,SPE_E5,Teams`,
    `${megan!.userPrincipalName},,,`,
    `,${lee!.id},SPE_E5,TEAMS1`,
    `o'brien@contoso.onmicrosoft.com,,,`,
    `,00000000-0000-0000-0000-00000000ffff0,,`,
    `,${alex!.id},SPE_E3,`,
    `${joni!.userPrincipalName},,SPE_E9,`,
  ].join('\r\n');
  return { text, alex: alex!, megan: megan!, lee: lee! };
}

describe.each([
  ['looks users up, 15 at a time', 'lookup', LOOKUP_LIMIT],
  ['reads the directory once', 'scan', 3],
] as const)('a selection file that %s', (_, strategy, lookupLimit) => {
  it('resolves its rows to users, licenses and plans, grouped, and reports the others by line', async () => {
    const { text, alex, megan, lee } = mixedFile();
    const resolved = await resolve(text, { defaultLicense: 'Microsoft 365 E3', lookupLimit });
    expect(resolved.strategy).toBe(strategy);
    expect(
      resolved.rows.map((row) => [row.line, row.user.id, row.skuId, row.disabledPlanIds]),
    ).toEqual([
      [2, alex.id, E5, [TEAMS]],
      [3, megan.id, E3, []],
      [4, lee.id, E5, [TEAMS]],
    ]);
    expect(
      resolved.groups.map((group) => [
        group.skuId,
        group.disabledPlanIds,
        group.rows.map((row) => row.line),
      ]),
    ).toEqual([
      [E5, [TEAMS], [2, 4]],
      [E3, [], [3]],
    ]);
    expect(resolved.problems).toEqual([
      {
        line: 5,
        reason: 'unknown user',
        message: "No user o'brien@contoso.onmicrosoft.com in this directory.",
      },
      {
        line: 6,
        reason: 'unknown user',
        message: 'No user with object id 00000000-0000-0000-0000-00000000ffff0 in this directory.',
      },
      {
        line: 7,
        reason: 'duplicate',
        message: `${alex.userPrincipalName} is already on line 2: give each user once.`,
      },
      {
        line: 8,
        reason: 'unknown SKU',
        message: expect.stringContaining('"SPE_E9" is not a license') as unknown,
      },
    ]);
  });

  it('carries what planning needs on each user', async () => {
    const { text } = mixedFile();
    const resolved = await resolve(text, { defaultLicense: 'SPE_E3', lookupLimit });
    for (const { user } of resolved.rows) {
      expect(user).toHaveProperty('usageLocation');
      expect(user).toHaveProperty('accountEnabled');
      expect(user).toHaveProperty('userType');
      expect(Array.isArray(user.assignedLicenses)).toBe(true);
      expect(Array.isArray(user.licenseAssignmentStates)).toBe(true);
    }
  });
});

describe('finding the users of a file', () => {
  it('asks for 15 names per read, quoting them, and object ids through findUsers', async () => {
    const users = people().slice(0, 40);
    const text = [
      'UserPrincipalName,ObjectId',
      ...users.slice(0, 38).map((user) => `${user.userPrincipalName},`),
      `,${users[38]!.id}`,
      `,${users[39]!.id}`,
      "o'brien@contoso.onmicrosoft.com,",
    ].join('\n');
    const mark = since();
    const resolved = await resolve(text, { defaultLicense: 'SPE_E3' });
    expect(resolved.rows).toHaveLength(40);
    const reads = userReadsAfter(mark);
    const byName = reads.filter((url) => url.includes('$filter=userPrincipalName in ('));
    const byId = reads.filter((url) => url.includes('$filter=id in ('));
    expect(reads).toHaveLength(4);
    expect(byName.map((url) => url.split("','").length)).toEqual([15, 15, 9]);
    expect(byName[2]).toContain("'o''brien@contoso.onmicrosoft.com')");
    expect(byId).toHaveLength(1);
    expect(reads.every((url) => url.includes('$select=id,userPrincipalName,'))).toBe(true);
  });

  it(`reads the whole directory once, 999 a page, for more than ${LOOKUP_LIMIT} rows`, async () => {
    const known = people().slice(0, 5);
    const strangers = Array.from({ length: LOOKUP_LIMIT }, (_, i) => `stranger${i}@contoso.com`);
    const text = [
      'UserPrincipalName',
      ...known.map((user) => user.userPrincipalName),
      ...strangers,
    ].join('\n');
    const mark = since();
    const resolved = await resolve(text, { defaultLicense: 'SPE_E3' });
    expect(resolved.strategy).toBe('scan');
    expect(resolved.rows).toHaveLength(5);
    expect(resolved.problems).toHaveLength(LOOKUP_LIMIT);
    expect(resolved.problems[0]).toEqual({
      line: 7,
      reason: 'unknown user',
      message: 'No user stranger0@contoso.com in this directory.',
    });
    const reads = userReadsAfter(mark);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/^\/v1\.0\/users\?\$select=id,userPrincipalName,.*&\$top=999$/);
  });

  it('stops reading the directory once every user of the file is found', async () => {
    const [first, second] = people();
    let yielded = 0;
    const directory = {
      async *listUsers() {
        for (const user of [first!, second!]) {
          yielded += 1;
          yield await g.directory.findUser(user.id).then((found) => found!);
        }
      },
    } as unknown as Directory;
    const resolved = await resolveSelectionCsv(`UserPrincipalName\n${first!.userPrincipalName}\n`, {
      directory,
      skus,
      defaultLicense: 'SPE_E3',
      lookupLimit: 0,
    });
    expect(resolved.ok && resolved.value.rows).toHaveLength(1);
    expect(yielded).toBe(1);
  });

  it('refuses a file that is not CSV, or not a selection, before reading the directory', async () => {
    const mark = since();
    const options = { directory: g.directory, skus };
    expect(await resolveSelectionCsv('UserPrincipalName\n"alex', options)).toMatchObject({
      ok: false,
      failure: { code: 'SELECTION_CSV_UNREADABLE' },
    });
    expect(await resolveSelectionCsv('Name\nalex@contoso.com', options)).toMatchObject({
      ok: false,
      failure: { code: 'SELECTION_CSV_HEADER' },
    });
    expect(userReadsAfter(mark)).toEqual([]);
  });
});
