import type { ItemState } from '../../domain/operations/operation.ts';

/** A checkpoint is saved after this many items… */
export const CHECKPOINT_EVERY_ITEMS = 25;
/** …or once this long has passed since the last one, whichever comes first. */
export const CHECKPOINT_EVERY_MS = 5_000;

/**
 * How many of a run's items are in each state, kept in memory: counted once from the store when
 * the run starts, then moved along as the run settles items, so a checkpoint costs one write and
 * no query over the whole run's items.
 */
export class RunProgress {
  readonly #counts: Record<ItemState, number>;
  #sinceCheckpoint = 0;
  #movedInRun = 0;
  #lastCheckpointAt: number;

  constructor(counted: Record<ItemState, number>, startedAt: Date) {
    this.#counts = { ...counted };
    this.#lastCheckpointAt = startedAt.getTime();
  }

  /** An item went from one state to another (the same state: another run settled it). */
  moved(from: ItemState, to: ItemState): void {
    if (from === to) {
      return;
    }
    this.#counts[from] -= 1;
    this.#counts[to] += 1;
    // Checkpoints follow users settled; being sent is half-way (and counted at the checkpoint).
    if (to !== 'sent') {
      this.#sinceCheckpoint += 1;
    }
    this.#movedInRun += 1;
  }

  /** How many items are in `state` now, as far as this run knows. */
  count(state: ItemState): number {
    return this.#counts[state];
  }

  /** Whether this run got any item further (then earlier runs' failures no longer count). */
  get progressed(): boolean {
    return this.#movedInRun > 0;
  }

  /** Whether enough items or time went by since the last checkpoint to save another. */
  checkpointDue(now: Date): boolean {
    return (
      this.#sinceCheckpoint >= CHECKPOINT_EVERY_ITEMS ||
      now.getTime() - this.#lastCheckpointAt >= CHECKPOINT_EVERY_MS
    );
  }

  /** The counts for a checkpoint taken at `now`; the next is due from then. */
  checkpoint(now: Date): Record<ItemState, number> {
    this.#sinceCheckpoint = 0;
    this.#lastCheckpointAt = now.getTime();
    return { ...this.#counts };
  }
}
