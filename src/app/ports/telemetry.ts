/**
 * What License Desk tells Application Insights: spans around requests and dependency calls, and a
 * few metrics. The no-op implementation costs nothing; the OpenTelemetry one is loaded only when
 * `APPLICATIONINSIGHTS_CONNECTION_STRING` is set. Attributes hold ids, names and numbers only:
 * never message text, card data or people's names.
 */
export type TelemetryAttributes = Record<string, string | number | boolean | undefined>;

/** `request`: work someone asked of License Desk (a turn); `dependency`: a call it made out. */
export type SpanKind = 'request' | 'dependency' | 'internal';

/** Counters: each call adds `value`. */
export type CounterName =
  /** A stored state change of an operation, by `state` (the new one) and `from`. */
  | 'license_desk.operations.state_changes'
  /** A user's item of a run settled, by `result` (done, failed, skipped). */
  | 'license_desk.users.processed'
  /** An alert card posted or redrawn, by `outcome`. */
  | 'license_desk.alerts.sent';

/** Histograms: each call records one value. */
export type HistogramName =
  /** Milliseconds a dependency asked us to wait (Retry-After), by `service` (graph, cosmos). */
  | 'license_desk.throttling.wait_ms'
  /** Milliseconds a turn took, by `command` and `outcome`. */
  | 'license_desk.turn.duration_ms';

/** The span being run, for what is only known once the work is done. */
export interface ActiveSpan {
  /** Renames the span (a turn is named by the command that ran, known at its end). */
  rename(name: string): void;
  set(attributes: TelemetryAttributes): void;
  /** Something that happened during the span, e.g. a throttling wait. */
  event(name: string, attributes?: TelemetryAttributes): void;
  /** Marks the span failed (the error's name and code only, never its message). */
  fail(error?: unknown): void;
}

export interface Telemetry {
  /** Runs `fn` inside a span (ended when `fn` settles; failed when it throws). */
  span<T>(
    name: string,
    attributes: TelemetryAttributes,
    fn: (span: ActiveSpan) => Promise<T>,
    kind?: SpanKind,
  ): Promise<T>;
  count(metric: CounterName, value: number, attributes?: TelemetryAttributes): void;
  record(metric: HistogramName, value: number, attributes?: TelemetryAttributes): void;
  /**
   * The span active now (e.g. the request span the HTTP server opened, named by the turn once it
   * knows its command); a span that ignores everything when there is none.
   */
  active(): ActiveSpan;
  /**
   * `trace_id` and `span_id` of the span active now, for log lines; absent when telemetry is off,
   * so the logger does not even look.
   */
  readonly logFields?: () => Record<string, string>;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}
