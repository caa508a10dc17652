import { describe, expect, it } from 'vitest';
import type { AlertCardWriter } from '../../src/app/ports/alert-card-writer.ts';
import type {
  OperationItemStore,
  StoredOperationItem,
} from '../../src/app/ports/operation-item-store.ts';
import type { OperationNotifier } from '../../src/app/ports/operation-notifier.ts';
import type { StoredOperation } from '../../src/app/ports/operation-store.ts';
import type { StoredConversation } from '../../src/app/ports/stores.ts';
import type { OperationState } from '../../src/domain/operations/operation.ts';
import {
  countingAlertsSent,
  countingStateChanges,
  countingUsersProcessed,
} from '../../src/telemetry/counted-ports.ts';
import { inMemoryTelemetry } from './in-memory-telemetry.ts';

const memory = inMemoryTelemetry();

/** Each data point of a counter as `{ ...attributes, value }`. */
async function counted(metric: string) {
  return (await memory.points(metric)).map((point) => ({
    ...point.attributes,
    value: point.value,
  }));
}

describe('counted ports', () => {
  it('counts each state change of an operation by its new state, and still tells it', async () => {
    const told: string[] = [];
    class Notifier implements OperationNotifier {
      readonly #told = told;
      get busy() {
        return this.#told.length > 0;
      }
      changed(operation: StoredOperation, _from: OperationState): Promise<void> {
        this.#told.push(operation.state);
        return Promise.resolve();
      }
    }
    const notifier = countingStateChanges(new Notifier(), memory.telemetry);
    await notifier.changed({ state: 'approved' } as StoredOperation, 'pending');
    await notifier.changed({ state: 'running' } as StoredOperation, 'approved');
    await notifier.changed({ state: 'running' } as StoredOperation, 'running');

    expect(told).toEqual(['approved', 'running', 'running']);
    // Getters and private fields still answer from the notifier itself.
    expect(notifier.busy).toBe(true);
    expect(await counted('license_desk.operations.state_changes')).toEqual(
      expect.arrayContaining([
        { state: 'approved', from: 'pending', value: 1 },
        { state: 'running', from: 'approved', value: 1 },
        { state: 'running', from: 'running', value: 1 },
      ]),
    );
  });

  it('counts users whose item a run settled, by result, and not moves on the way', async () => {
    const item = (state: string) =>
      ({ value: { state } as StoredOperationItem, etag: 'e' }) as const;
    const store = {
      move: (
        _tenantId: string,
        _operationId: string,
        _itemId: string,
        _etag: string,
        outcome: { state: string },
      ) => Promise.resolve(item(outcome.state)),
      moveHeld: () => Promise.resolve([item('done'), 'conflict' as const, item('failed')]),
    } as unknown as OperationItemStore;
    const items = countingUsersProcessed(store, memory.telemetry);
    await items.move('t', 'op', 'a', 'e', { state: 'sent' });
    await items.move('t', 'op', 'a', 'e', { state: 'done' });
    await items.move('t', 'op', 'b', 'e', { state: 'skipped' });
    await items.moveHeld('t', 'op', []);

    expect(await counted('license_desk.users.processed')).toEqual(
      expect.arrayContaining([
        { result: 'done', value: 2 },
        { result: 'skipped', value: 1 },
        { result: 'failed', value: 1 },
      ]),
    );
    expect(await counted('license_desk.users.processed')).toHaveLength(3);
  });

  it('counts alert cards written, by how the write went', async () => {
    const writer: AlertCardWriter = {
      post: () => Promise.resolve({ outcome: 'done', activityId: 'm1' }),
      update: () => Promise.resolve({ outcome: 'gone' }),
    };
    const alerts = countingAlertsSent(writer, memory.telemetry);
    const conversation = {} as StoredConversation;
    await alerts.post(conversation, { alerts: [], summary: false });
    await alerts.update(conversation, 'm1', { alerts: [], summary: true });

    expect(await counted('license_desk.alerts.sent')).toEqual(
      expect.arrayContaining([
        { kind: 'post', outcome: 'done', value: 1 },
        { kind: 'update', outcome: 'gone', value: 1 },
      ]),
    );
  });
});
