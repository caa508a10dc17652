import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError } from '../../src/app/ports/stores.ts';
import {
  createOnce,
  createVersioned,
  deleteIfMatch,
  readVersioned,
  replaceIfMatch,
  updateWithETag,
} from '../../src/store/index.ts';
import { freshTenant, useEmbeddedStore } from './support/embedded-store.ts';

interface Counter {
  id: string;
  tenantId: string;
  state: string;
  count: number;
}

describe('ETag-guarded writes', () => {
  const store = useEmbeddedStore();
  const operations = () => store().containers.operations;

  it('creates an item and reads it back with its ETag, without Cosmos system properties', async () => {
    const tenantId = freshTenant();
    const created = await createVersioned(operations(), {
      id: 'op-1',
      tenantId,
      state: 'pending',
      count: 0,
    });
    const read = await readVersioned<Counter>(operations(), 'op-1', tenantId);
    expect(read).toEqual(created);
    expect(Object.keys(read!.value).sort()).toEqual(['count', 'id', 'state', 'tenantId']);
  });

  it('answers null when reading an item that does not exist', async () => {
    expect(await readVersioned(operations(), 'nothing', freshTenant())).toBeNull();
  });

  it('turns a second create of the same id into a concurrency conflict', async () => {
    const tenantId = freshTenant();
    await createVersioned(operations(), { id: 'op-1', tenantId, state: 'pending', count: 0 });
    await expect(
      createVersioned(operations(), { id: 'op-1', tenantId, state: 'approved', count: 0 }),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
  });

  it('maps a 412 on a stale ETag to ConcurrencyConflictError and leaves the item as it was', async () => {
    const tenantId = freshTenant();
    const created = await createVersioned(operations(), {
      id: 'op-1',
      tenantId,
      state: 'pending',
      count: 0,
    });
    const approved = await replaceIfMatch(
      operations(),
      { ...created.value, state: 'approved' },
      tenantId,
      created.etag,
    );
    const error: unknown = await replaceIfMatch(
      operations(),
      { ...created.value, state: 'rejected' },
      tenantId,
      created.etag,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(((error as Error).cause as { code: number }).code).toBe(412);
    expect(await readVersioned(operations(), 'op-1', tenantId)).toEqual(approved);
  });

  it('lets exactly one of two concurrent transitions from the same state win', async () => {
    const tenantId = freshTenant();
    const pending = await createVersioned(operations(), {
      id: 'op-1',
      tenantId,
      state: 'pending',
      count: 0,
    });
    const outcomes = await Promise.allSettled(
      ['approved', 'rejected'].map((state) =>
        replaceIfMatch(operations(), { ...pending.value, state }, tenantId, pending.etag),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected')[0]).toMatchObject({
      reason: expect.any(ConcurrencyConflictError) as unknown,
    });
    expect((await readVersioned<Counter>(operations(), 'op-1', tenantId))?.value.state).toBe(
      won[0]?.value.value.state,
    );
  });

  it('treats a guarded write to an item deleted meanwhile as a lost race', async () => {
    const tenantId = freshTenant();
    const created = await createVersioned(operations(), {
      id: 'op-1',
      tenantId,
      state: 'pending',
      count: 0,
    });
    await deleteIfMatch(operations(), 'op-1', tenantId, created.etag);
    await expect(
      replaceIfMatch(operations(), { ...created.value, state: 'approved' }, tenantId, created.etag),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await readVersioned(operations(), 'op-1', tenantId)).toBeNull();
  });

  it('deletes only with the current ETag', async () => {
    const tenantId = freshTenant();
    const created = await createVersioned(operations(), {
      id: 'op-1',
      tenantId,
      state: 'pending',
      count: 0,
    });
    const changed = await replaceIfMatch(
      operations(),
      { ...created.value, count: 1 },
      tenantId,
      created.etag,
    );
    await expect(
      deleteIfMatch(operations(), 'op-1', tenantId, created.etag),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await deleteIfMatch(operations(), 'op-1', tenantId, changed.etag)).toBe(true);
    expect(await deleteIfMatch(operations(), 'op-1', tenantId, changed.etag)).toBe(false);
  });

  it('writes a record with a deterministic id once, however often it is sent', async () => {
    const tenantId = freshTenant();
    const event = { id: 'op-1:user-1:add:E3', tenantId, result: 'succeeded' };
    const outcomes = await Promise.all([
      createOnce(store().containers.history, event),
      createOnce(store().containers.history, event),
      createOnce(store().containers.history, { ...event, result: 'retried' }),
    ]);
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'alreadyThere')).toHaveLength(2);
    const { resources } = await store()
      .containers.history.items.query({
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId',
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
  });

  describe('read-modify-write', () => {
    it('creates the item when absent, then changes it', async () => {
      const tenantId = freshTenant();
      const bump = (current: Counter | null): Counter => ({
        id: 'op-1',
        tenantId,
        state: 'running',
        count: (current?.count ?? 0) + 1,
      });
      await updateWithETag(operations(), 'op-1', tenantId, bump);
      const second = await updateWithETag(operations(), 'op-1', tenantId, bump);
      expect(second?.value.count).toBe(2);
    });

    it('loses no update when 20 writers change the same item at once', async () => {
      const tenantId = freshTenant();
      await createVersioned(operations(), { id: 'op-1', tenantId, state: 'running', count: 0 });
      await Promise.all(
        Array.from({ length: 20 }, () =>
          updateWithETag<Counter>(
            operations(),
            'op-1',
            tenantId,
            (current) => (current === null ? null : { ...current, count: current.count + 1 }),
            { maxAttempts: 100 },
          ),
        ),
      );
      expect((await readVersioned<Counter>(operations(), 'op-1', tenantId))?.value.count).toBe(20);
    });

    it('writes nothing when the change says the current state already forbids it', async () => {
      const tenantId = freshTenant();
      const done = await createVersioned(operations(), {
        id: 'op-1',
        tenantId,
        state: 'succeeded',
        count: 3,
      });
      const result = await updateWithETag<Counter>(operations(), 'op-1', tenantId, (current) =>
        current?.state === 'succeeded' ? null : { ...current!, state: 'running' },
      );
      expect(result).toEqual(done);
      expect((await readVersioned(operations(), 'op-1', tenantId))?.etag).toBe(done.etag);
    });

    it('gives up with ConcurrencyConflictError when the item keeps changing under it', async () => {
      const tenantId = freshTenant();
      await createVersioned(operations(), { id: 'op-1', tenantId, state: 'running', count: 0 });
      let attempts = 0;
      const error: unknown = await updateWithETag<Counter>(
        operations(),
        'op-1',
        tenantId,
        async (current) => {
          attempts += 1;
          // Another writer slips in between our read and our write, every time.
          const latest = await readVersioned<Counter>(operations(), 'op-1', tenantId);
          await replaceIfMatch(
            operations(),
            { ...latest!.value, count: latest!.value.count + 1 },
            tenantId,
            latest!.etag,
          );
          return { ...current!, state: 'ours' };
        },
        { maxAttempts: 3 },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyConflictError);
      expect(attempts).toBe(3);
      expect((await readVersioned<Counter>(operations(), 'op-1', tenantId))?.value.state).toBe(
        'running',
      );
    });
  });
});
