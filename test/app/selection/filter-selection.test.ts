import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterParts } from '../../../src/app/selection/filter-parts.ts';
import { selectFilteredUsers } from '../../../src/app/selection/filter-selection.ts';
import type { Sku } from '../../../src/domain/licensing.ts';
import { parseUserFilter } from '../../../src/domain/selection/filter/parse-user-filter.ts';
import { startGraphFixture, type GraphFixture } from '../../graph/support/graph-fixture.ts';

let g: GraphFixture;
let skus: Sku[];
beforeAll(async () => {
  g = await startGraphFixture({ size: 600 });
  skus = await g.directory.listSkus();
});
afterAll(async () => {
  await g.close();
});

const parsed = (text: string) => {
  const result = parseUserFilter(text);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
};
const ids = (users: readonly { id: string }[]) => users.map((user) => user.id).sort();
const usersFilterReads = (mark: number) =>
  g.exchanges
    .slice(mark)
    .map((exchange) => decodeURIComponent(exchange.url.replaceAll('+', ' ')))
    .filter((url) => url.startsWith('/v1.0/users?') && url.includes('$filter='));

describe('filterParts', () => {
  it('splits an in-list by value, and an and by the side that splits', () => {
    expect(filterParts(parsed('department in ("Sales", "Finance")'))).toEqual([
      parsed('department in ("Sales")'),
      parsed('department in ("Finance")'),
    ]);
    expect(filterParts(parsed('accountEnabled eq true and city in ("Paris", "Oslo")'))).toEqual([
      parsed('accountEnabled eq true and city in ("Paris")'),
      parsed('accountEnabled eq true and city in ("Oslo")'),
    ]);
    expect(filterParts(parsed('city in ("Paris", "Oslo") and department eq "Sales"'))).toHaveLength(
      2,
    );
  });

  it('makes values differing only in case one part: Graph compares them without case', () => {
    expect(filterParts(parsed('department in ("Sales", "Finance", "sales")'))).toEqual([
      parsed('department in ("Sales")'),
      parsed('department in ("Finance")'),
    ]);
  });

  it('keeps a filter whole when a split would not give the same users', () => {
    for (const text of [
      'department in ("Sales")',
      'department in ("Sales", "Finance") or city eq "Paris"',
      'not department in ("Sales", "Finance")',
      'department eq "Sales"',
    ]) {
      expect(filterParts(parsed(text))).toEqual([parsed(text)]);
    }
  });
});

describe('selectFilteredUsers', () => {
  it('reads the parts of an in-list side by side and finds exactly the users of the whole', async () => {
    const truth = g.sim
      .tenant()
      .users()
      .filter((user) => ['Sales', 'Finance', 'Marketing'].includes(user.department ?? ''));
    const mark = g.exchanges.length;

    const selected = await selectFilteredUsers(
      g.directory,
      // "Sales" twice in other case: Graph compares without case, each user comes once.
      'department in ("Sales", "Finance", "Marketing", "sales")',
      skus,
    );

    expect(selected.ok).toBe(true);
    const users = selected.ok ? selected.value.users : [];
    expect(truth.length).toBeGreaterThan(0);
    expect(ids(users)).toEqual(ids(truth));
    expect(new Set(users.map((user) => user.id)).size).toBe(users.length);
    // "sales" is the listing of "Sales" (Graph compares without case): read once.
    expect(
      usersFilterReads(mark)
        .map((url) => /\$filter=([^&]*)/.exec(url)?.[1])
        .sort(),
    ).toEqual([
      "department in ('Finance')",
      "department in ('Marketing')",
      "department in ('Sales')",
    ]);
  });

  it('still refuses a filter Graph cannot take, before any read', async () => {
    const mark = g.exchanges.length;
    const many = Array.from({ length: 16 }, (_, i) => `"D${i}"`).join(', ');

    const selected = await selectFilteredUsers(g.directory, `department in (${many})`, skus);

    expect(selected.ok).toBe(false);
    expect(usersFilterReads(mark)).toEqual([]);
  });
});
