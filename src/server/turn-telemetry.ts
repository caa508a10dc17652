import type { Middleware, TurnContext } from 'botbuilder';
import type { Telemetry } from '../app/ports/telemetry.ts';
import { timeTurn } from '../bot/turn-log.ts';

/**
 * Names the request span a turn runs in by the command or card verb that ran (`POST
 * /api/messages licenses`), with its outcome and conversation type, and records the turn's
 * latency. Ids and names only: never the message text or card data.
 */
export class TurnTelemetryMiddleware implements Middleware {
  readonly #telemetry: Telemetry;
  readonly #now: () => number;

  constructor(telemetry: Telemetry, now: () => number = () => performance.now()) {
    this.#telemetry = telemetry;
    this.#now = now;
  }

  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    return timeTurn(context, next, this.#now, ({ activity, entry, failed, durationMs }) => {
      const command = entry.command ?? activity.name ?? activity.type;
      const outcome = failed ? 'error' : (entry.outcome ?? 'ok');
      const span = this.#telemetry.active();
      span.rename(`POST /api/messages ${command}`);
      span.set({
        'license_desk.command': command,
        'license_desk.outcome': outcome,
        'license_desk.activity_type': activity.type,
        'license_desk.conversation_type': activity.conversation?.conversationType,
        'license_desk.channel': activity.channelId,
      });
      if (failed) {
        span.fail();
      }
      this.#telemetry.record('license_desk.turn.duration_ms', durationMs, { command, outcome });
    });
  }
}
