import type { Middleware, TurnContext } from 'botbuilder';

/** What the conversation side tells the platform about a turn, once it knows. */
export interface TurnLogEntry {
  /** The command or card verb that was routed (e.g. `licenses`, `approve`), never its arguments. */
  command?: string;
  /** How the turn ended for the user (e.g. `answered`, `refused`, `not-understood`). */
  outcome?: string;
}

/** The pino-compatible slice the turn log needs. */
export interface TurnLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Per-turn slot in `turnState`: a symbol, so nothing else in the turn can collide with it. */
const TURN_LOG_KEY = Symbol('licenseDesk.turnLog');

/**
 * Records what a turn did (routed command, outcome) so the turn-log middleware can write it in
 * the turn's single log line. Call it once per turn; a later call adds to or overrides the first.
 */
export function recordTurn(context: TurnContext, entry: TurnLogEntry): void {
  const previous = context.turnState.get<TurnLogEntry | undefined>(TURN_LOG_KEY);
  context.turnState.set(TURN_LOG_KEY, { ...previous, ...entry });
}

/** Reads what `recordTurn` stored for this turn (empty when nothing was recorded). */
export function recordedTurn(context: TurnContext): TurnLogEntry {
  return context.turnState.get<TurnLogEntry | undefined>(TURN_LOG_KEY) ?? {};
}

/** How a turn ended: what it recorded, whether it threw, and how long it took. */
export interface EndedTurn {
  activity: TurnContext['activity'];
  entry: TurnLogEntry;
  failed: boolean;
  durationMs: number;
}

/**
 * Runs the rest of the turn and tells `ended` how it went, even when it threw (the throw goes on
 * to the adapter's error handler): what every per-turn record is made from.
 */
export async function timeTurn(
  context: TurnContext,
  next: () => Promise<void>,
  now: () => number,
  ended: (turn: EndedTurn) => void,
): Promise<void> {
  const started = now();
  let failed = false;
  try {
    await next();
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    ended({
      activity: context.activity,
      entry: recordedTurn(context),
      failed,
      durationMs: now() - started,
    });
  }
}

/**
 * Writes exactly one log line per turn: activity id, type, conversation, user, command,
 * duration and outcome. Only identifiers go in: never text, tokens, or card data, which may carry
 * personal data or secrets.
 */
export class TurnLogMiddleware implements Middleware {
  readonly #logger: TurnLogger;
  readonly #now: () => number;

  constructor(logger: TurnLogger, now: () => number = () => performance.now()) {
    this.#logger = logger;
    this.#now = now;
  }

  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    return timeTurn(context, next, this.#now, ({ activity, entry, failed, durationMs }) => {
      const fields = {
        activityId: activity.id,
        type: activity.type,
        name: activity.name,
        conversationId: activity.conversation?.id,
        userId: activity.from?.aadObjectId,
        tenantId: activity.conversation?.tenantId,
        command: entry.command,
        durationMs: Math.round(durationMs * 10) / 10,
        outcome: failed ? 'error' : (entry.outcome ?? 'ok'),
      };
      if (failed) {
        this.#logger.warn(fields, 'turn failed');
      } else {
        this.#logger.info(fields, 'turn');
      }
    });
  }
}
