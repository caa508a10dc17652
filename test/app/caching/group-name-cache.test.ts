import { describe, expect, it } from 'vitest';
import { GroupNameCache } from '../../../src/app/caching/group-name-cache.ts';

/** A directory of group names that records which ids each read asked for. */
function namesSource(names: Record<string, string>) {
  const reads: string[][] = [];
  return {
    reads,
    read: (ids: readonly string[]) => {
      reads.push([...ids]);
      return Promise.resolve(
        new Map(ids.flatMap((id) => (names[id] === undefined ? [] : [[id, names[id]] as const]))),
      );
    },
  };
}

describe('group names on the user card', () => {
  it('reads only the names it does not hold, and keeps them for the time given', async () => {
    const source = namesSource({ g1: 'Sales', g2: 'Contractors' });
    let now = 0;
    const cache = new GroupNameCache({ read: source.read, ttlMs: 1_000, now: () => now });

    expect(await cache.names(['g1'])).toEqual(new Map([['g1', 'Sales']]));
    expect(await cache.names(['g1', 'g2'])).toEqual(
      new Map([
        ['g1', 'Sales'],
        ['g2', 'Contractors'],
      ]),
    );
    expect(source.reads).toEqual([['g1'], ['g2']]);

    now = 999;
    await cache.names(['g1', 'g2']);
    expect(source.reads).toHaveLength(2);

    now = 1_000;
    await cache.names(['g2']);
    expect(source.reads.at(-1)).toEqual(['g2']);
  });

  it('does not keep ids the directory does not know: a group made later is found', async () => {
    const names: Record<string, string> = {};
    const source = namesSource(names);
    const cache = new GroupNameCache({ read: source.read, ttlMs: 60_000, now: () => 0 });

    expect(await cache.names(['new'])).toEqual(new Map());
    names.new = 'New hires';
    expect(await cache.names(['new'])).toEqual(new Map([['new', 'New hires']]));
  });

  it('starts again rather than grow past its bound', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 5_001 }, (_, index) => [`g${index}`, `Group ${index}`]),
    );
    const source = namesSource(many);
    const cache = new GroupNameCache({ read: source.read, ttlMs: 60_000, now: () => 0 });
    await cache.names(Object.keys(many).slice(0, 5_000));
    await cache.names(['g5000']);
    // The first 5,000 were dropped to make room: asking for one of them reads it again.
    await cache.names(['g0']);
    expect(source.reads.at(-1)).toEqual(['g0']);
  });
});
