import type { AlertCardWriter, AlertWriteResult } from '../app/ports/alert-card-writer.ts';
import type { OperationItemStore, StoredOperationItem } from '../app/ports/operation-item-store.ts';
import type { OperationNotifier } from '../app/ports/operation-notifier.ts';
import type { Telemetry } from '../app/ports/telemetry.ts';
import type { Versioned } from '../app/ports/stores.ts';

/** Item states that end a user's part of a run. */
const SETTLED = new Set(['done', 'failed', 'skipped']);

/**
 * `target` with some methods replaced, everything else (getters, private fields, other methods)
 * answered by `target` itself, so the wrapper keeps the type and behaviour of what it wraps.
 */
function around<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(replaced, property)) {
        return replaced[property as keyof T];
      }
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as () => unknown).bind(object) : value;
    },
  });
}

/** Counts every stored state change of an operation as it is told, by new state. */
export function countingStateChanges<T extends OperationNotifier>(
  notifier: T,
  telemetry: Telemetry,
): T {
  return around<OperationNotifier>(notifier, {
    changed: (operation, from) => {
      telemetry.count('license_desk.operations.state_changes', 1, {
        state: operation.state,
        from,
      });
      return notifier.changed(operation, from);
    },
  }) as T;
}

function countSettled(telemetry: Telemetry, item: Versioned<StoredOperationItem>): void {
  if (SETTLED.has(item.value.state)) {
    telemetry.count('license_desk.users.processed', 1, { result: item.value.state });
  }
}

/** Counts users whose item a run settled (done, failed, skipped), by result. */
export function countingUsersProcessed<T extends OperationItemStore>(
  items: T,
  telemetry: Telemetry,
): T {
  return around<OperationItemStore>(items, {
    move: async (...args) => {
      const moved = await items.move(...args);
      countSettled(telemetry, moved);
      return moved;
    },
    moveHeld: async (tenantId, operationId, moves) => {
      const results = await items.moveHeld(tenantId, operationId, moves);
      for (const result of results) {
        if (result !== 'conflict') {
          countSettled(telemetry, result);
        }
      }
      return results;
    },
  }) as T;
}

/** Counts alert cards written (posted or redrawn), by how the write went. */
export function countingAlertsSent<T extends AlertCardWriter>(writer: T, telemetry: Telemetry): T {
  const counted = (kind: string, result: AlertWriteResult): AlertWriteResult => {
    telemetry.count('license_desk.alerts.sent', 1, { kind, outcome: result.outcome });
    return result;
  };
  return around<AlertCardWriter>(writer, {
    post: async (conversation, message) =>
      counted('post', await writer.post(conversation, message)),
    update: async (conversation, activityId, message) =>
      counted('update', await writer.update(conversation, activityId, message)),
  }) as T;
}
