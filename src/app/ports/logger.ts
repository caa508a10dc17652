/** A structured log call: fields first, then the message (pino's order). */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/**
 * Where use cases and adapters write what happened. pino's logger satisfies it; tests can pass
 * one that records lines. Never log secrets, tokens or whole Graph/Cosmos responses.
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger that adds these fields to every line (e.g. the turn's activity id). */
  child(bindings: Record<string, unknown>): Logger;
}
