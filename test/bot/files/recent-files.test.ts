import { describe, expect, it } from 'vitest';
import { RecentFiles, type BuiltFile } from '../../../src/bot/files/recent-files.ts';

const file = (text: string): BuiltFile => ({ bytes: Buffer.from(text), lines: 1, cut: false });

function setUp(options?: { keepMs?: number; maxFiles?: number }) {
  let now = Date.UTC(2026, 10, 23, 10);
  const clock = { now: () => new Date(now), sleep: () => Promise.resolve() };
  return { files: new RecentFiles(clock, options), advance: (ms: number) => (now += ms) };
}

describe('files kept for their Allow', () => {
  it('gives a file back once, and only for the key it was kept under', () => {
    const { files } = setUp();
    files.keep('offer-1', 'megan:all', file('a'));
    expect(files.take('offer-1', 'adele:all')).toBeUndefined();
    expect(files.take('offer-1', 'megan:all')?.bytes.toString()).toBe('a');
    expect(files.take('offer-1', 'megan:all')).toBeUndefined();
    expect(files.take('offer-2', 'megan:all')).toBeUndefined();
  });

  it('forgets a file after the keeping time', () => {
    const { files, advance } = setUp({ keepMs: 60_000 });
    files.keep('late', 'k', file('late'));
    files.keep('soon', 'k', file('soon'));
    advance(30_000);
    expect(files.take('soon', 'k')?.bytes.toString()).toBe('soon');
    advance(30_000);
    expect(files.take('late', 'k')).toBeUndefined();
  });

  it('keeps a few at most: the oldest go first, and expired ones make room', () => {
    const { files, advance } = setUp({ keepMs: 60_000, maxFiles: 2 });
    files.keep('1', 'k', file('1'));
    files.keep('2', 'k', file('2'));
    files.keep('3', 'k', file('3'));
    expect(files.take('1', 'k')).toBeUndefined();
    expect(files.take('2', 'k')?.bytes.toString()).toBe('2');
    advance(60_000);
    files.keep('4', 'k', file('4'));
    expect(files.take('3', 'k')).toBeUndefined();
    expect(files.take('4', 'k')?.bytes.toString()).toBe('4');
  });
});
