import { describe, expect, it } from 'vitest';
import { freshTenant, useEmbeddedStore } from './support/embedded-store.ts';
import { pendingOperation } from './support/operation-fixtures.ts';

describe('an operation document written before the impact was kept', () => {
  const store = useEmbeddedStore();

  it('still reads, by id and in lists, with no impact', async () => {
    const operation = pendingOperation(freshTenant());
    // Written as the previous version wrote it: straight into the container, no `impact` field.
    await store().containers.operations.items.create(structuredClone(operation));
    const read = await store().operations.get(operation.tenantId, operation.id);
    expect(read?.value).toEqual(operation);
    expect(read?.value).not.toHaveProperty('impact');
    const listed = await store().operations.listByState(operation.tenantId, 'pending');
    expect(listed.items.map((entry) => entry.id)).toEqual([operation.id]);
  });
});
