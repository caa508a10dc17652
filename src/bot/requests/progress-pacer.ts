/** How often progress may be shown; see `ProgressPacer`. */
export interface ProgressPace {
  /** A copy of a card is redrawn for progress at most this often (default 5 s). */
  everyMs: number;
  /**
   * Progress writes into one conversation, whatever the operation, are at least this far apart
   * (default 2.5 s): at most 12 of Teams' 60 per 30 s and 1,440 of its 1,800 an hour, leaving
   * room for posts, notices and state changes.
   */
  conversationGapMs: number;
  /** After Teams refused a progress write as busy, that conversation gets none for this long. */
  busyPauseMs: number;
}

export const DEFAULT_PROGRESS_PACE: ProgressPace = {
  everyMs: 5_000,
  conversationGapMs: 2_500,
  busyPauseMs: 30_000,
};

/** A copy of a card, as far as pacing goes. */
export interface PacedCopy {
  conversationId: string;
  activityId: string;
}

interface OperationPace {
  /** A redraw of its copies is going on (or queued). */
  drawing: boolean;
  /** No redraw starts before this. */
  nextAt: number;
  /** When each copy was last redrawn for progress, by `conversationId/activityId`. */
  drawnAt: Map<string, number>;
  /** A copy was held back by its conversation's pace in the current redraw. */
  heldBack: boolean;
  seenAt: number;
}

// An operation not heard of for this long has ended where this process did not see it end.
const FORGET_AFTER_MS = 10 * 60_000;
// Conversations are looked through for stale entries only past this many.
const CONVERSATIONS_KEPT = 500;

const copyKey = (copy: PacedCopy) => `${copy.conversationId}/${copy.activityId}`;

/**
 * When a run's progress may be redrawn, per operation, per copy of its card and per
 * conversation, so live progress never comes near Teams' per-conversation limits (7 a second,
 * 60 per 30 s, 1,800 an hour; updates count): one redraw of an operation at a time, each copy
 * at most every `everyMs`, writes into one conversation `conversationGapMs` apart (two runs with
 * cards in one channel take turns), and a conversation Teams said was busy left alone for a
 * while. It only keeps times: the notifier asks it and tells it what it wrote. One per notifier.
 */
export class ProgressPacer {
  readonly #pace: ProgressPace;
  readonly #operations = new Map<string, OperationPace>();
  /** When each conversation may next get a progress write. */
  readonly #conversations = new Map<string, number>();

  constructor(pace: Partial<ProgressPace> = {}) {
    this.#pace = { ...DEFAULT_PROGRESS_PACE, ...pace };
  }

  /**
   * Whether a redraw of `operation`'s copies may start now: none is going on and its time has
   * come. When it may, the operation counts as drawing until `end`.
   */
  begin(operation: string, now: number): boolean {
    this.#forgetStale(now);
    const pace = this.#operations.get(operation) ?? {
      drawing: false,
      nextAt: now,
      drawnAt: new Map<string, number>(),
      heldBack: false,
      seenAt: now,
    };
    this.#operations.set(operation, pace);
    pace.seenAt = now;
    if (pace.drawing || now < pace.nextAt) {
      return false;
    }
    pace.drawing = true;
    pace.heldBack = false;
    return true;
  }

  /** Whether this copy may be redrawn for progress now (its own pace and its conversation's). */
  mayDraw(operation: string, copy: PacedCopy, now: number): boolean {
    const pace = this.#operations.get(operation);
    const drawnAt = pace?.drawnAt.get(copyKey(copy));
    if (pace === undefined || (drawnAt !== undefined && now - drawnAt < this.#pace.everyMs)) {
      return false;
    }
    if (now < (this.#conversations.get(copy.conversationId) ?? 0)) {
      pace.heldBack = true;
      return false;
    }
    return true;
  }

  /** A copy was redrawn for progress. */
  drawn(operation: string, copy: PacedCopy, now: number): void {
    this.#operations.get(operation)?.drawnAt.set(copyKey(copy), now);
    this.wrote(copy.conversationId, now);
  }

  /** Anything was written into a conversation: progress keeps its distance from it. */
  wrote(conversationId: string, now: number): void {
    this.#after(conversationId, now + this.#pace.conversationGapMs);
  }

  /** Teams said a conversation was busy: no progress goes there for a while. */
  busy(conversationId: string, now: number): void {
    this.#after(conversationId, now + this.#pace.busyPauseMs);
  }

  /**
   * The redraw is over. The next may start once a copy is due again, or after a conversation
   * gap when one was held back by its conversation (it gets its turn before it is due).
   */
  end(operation: string, now: number): void {
    const pace = this.#operations.get(operation);
    if (pace !== undefined) {
      pace.drawing = false;
      pace.nextAt = now + (pace.heldBack ? this.#pace.conversationGapMs : this.#pace.everyMs);
    }
  }

  /** The operation is no longer running: what was kept of it goes. */
  forget(operation: string): void {
    this.#operations.delete(operation);
  }

  #after(conversationId: string, at: number): void {
    this.#conversations.set(
      conversationId,
      Math.max(at, this.#conversations.get(conversationId) ?? 0),
    );
  }

  #forgetStale(now: number): void {
    for (const [operation, pace] of this.#operations) {
      if (!pace.drawing && now - pace.seenAt > FORGET_AFTER_MS) {
        this.#operations.delete(operation);
      }
    }
    if (this.#conversations.size > CONVERSATIONS_KEPT) {
      for (const [conversationId, at] of this.#conversations) {
        if (at <= now) {
          this.#conversations.delete(conversationId);
        }
      }
    }
  }
}
