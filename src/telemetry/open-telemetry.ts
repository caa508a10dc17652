import {
  context,
  INVALID_SPAN_CONTEXT,
  SpanKind as OtelSpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type {
  ActiveSpan,
  CounterName,
  HistogramName,
  SpanKind,
  Telemetry,
  TelemetryAttributes,
} from '../app/ports/telemetry.ts';

const KINDS: Record<SpanKind, OtelSpanKind> = {
  request: OtelSpanKind.SERVER,
  dependency: OtelSpanKind.CLIENT,
  internal: OtelSpanKind.INTERNAL,
};

const COUNTERS: Record<CounterName, { description: string; unit: string }> = {
  'license_desk.operations.state_changes': {
    description: 'Stored state changes of operations, by new state',
    unit: '{change}',
  },
  'license_desk.users.processed': { description: 'Users a run settled, by result', unit: '{user}' },
  'license_desk.alerts.sent': { description: 'Alert cards posted or redrawn', unit: '{card}' },
};

const HISTOGRAMS: Record<HistogramName, { description: string; unit: string }> = {
  'license_desk.throttling.wait_ms': {
    description: 'Waits a throttled dependency asked for, by service',
    unit: 'ms',
  },
  'license_desk.turn.duration_ms': { description: 'Turn latency', unit: 'ms' },
};

/** Attributes without the undefined ones (OpenTelemetry drops them, with a warning). */
function defined(attributes: TelemetryAttributes | undefined): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value !== undefined) {
      kept[key] = value;
    }
  }
  return kept;
}

/** What an error may tell a span: its name and stable code, never its message (personal data). */
function errorAttributes(error: unknown): Attributes {
  if (!(error instanceof Error)) {
    return {};
  }
  const code = (error as Error & { code?: unknown }).code;
  return {
    'error.type': error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { 'error.code': code } : {}),
  };
}

function activeSpan(span: Span): ActiveSpan {
  return {
    rename: (name) => span.updateName(name),
    set: (attributes) => span.setAttributes(defined(attributes)),
    event: (name, attributes) => span.addEvent(name, defined(attributes)),
    fail: (error) => {
      span.setAttributes(errorAttributes(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
    },
  };
}

/**
 * Telemetry over the OpenTelemetry API: a tracer and a meter from whatever providers were set up
 * (Azure Monitor's in production, in-memory exporters in tests).
 */
export class OpenTelemetryTelemetry implements Telemetry {
  readonly #tracer: Tracer;
  readonly #counters: Record<CounterName, Counter>;
  readonly #histograms: Record<HistogramName, Histogram>;
  readonly #shutdown: () => Promise<void>;

  constructor(options: { tracer: Tracer; meter: Meter; shutdown?: () => Promise<void> }) {
    this.#tracer = options.tracer;
    const { meter } = options;
    this.#counters = Object.fromEntries(
      Object.entries(COUNTERS).map(([name, about]) => [name, meter.createCounter(name, about)]),
    ) as Record<CounterName, Counter>;
    this.#histograms = Object.fromEntries(
      Object.entries(HISTOGRAMS).map(([name, about]) => [name, meter.createHistogram(name, about)]),
    ) as Record<HistogramName, Histogram>;
    this.#shutdown = options.shutdown ?? (() => Promise.resolve());
  }

  span<T>(
    name: string,
    attributes: TelemetryAttributes,
    fn: (span: ActiveSpan) => Promise<T>,
    kind: SpanKind = 'internal',
  ): Promise<T> {
    return this.#tracer.startActiveSpan(
      name,
      { kind: KINDS[kind], attributes: defined(attributes) },
      async (span) => {
        try {
          return await fn(activeSpan(span));
        } catch (error) {
          activeSpan(span).fail(error);
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  count(metric: CounterName, value: number, attributes?: TelemetryAttributes): void {
    this.#counters[metric].add(value, defined(attributes));
  }

  record(metric: HistogramName, value: number, attributes?: TelemetryAttributes): void {
    this.#histograms[metric].record(value, defined(attributes));
  }

  active(): ActiveSpan {
    return activeSpan(
      trace.getSpan(context.active()) ?? trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
    );
  }

  readonly logFields = (): Record<string, string> => {
    const span = trace.getSpan(context.active());
    if (span === undefined) {
      return {};
    }
    const { traceId, spanId } = span.spanContext();
    return { trace_id: traceId, span_id: spanId };
  };

  shutdown(): Promise<void> {
    return this.#shutdown();
  }
}
