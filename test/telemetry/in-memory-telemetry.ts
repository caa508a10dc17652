import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryTelemetry } from '../../src/telemetry/open-telemetry.ts';

/** A reader that exports nowhere: tests collect from it when they look. */
class CollectingReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface InMemoryTelemetry {
  telemetry: OpenTelemetryTelemetry;
  /** Every span ended so far. */
  spans(): ReadableSpan[];
  /** The data points of one metric, collected now (cumulative since the start). */
  points(metric: string): Promise<DataPoint<unknown>[]>;
}

/**
 * The OpenTelemetry implementation over in-memory exporters instead of Azure Monitor, with the
 * async context Azure Monitor's Node SDK would set up (so spans nest and logs see the trace).
 */
export function inMemoryTelemetry(): InMemoryTelemetry {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    telemetry: new OpenTelemetryTelemetry({
      tracer: tracerProvider.getTracer('license-desk-test'),
      meter: meterProvider.getMeter('license-desk-test'),
    }),
    spans: () => exporter.getFinishedSpans(),
    points: async (metric) => {
      const { resourceMetrics } = await reader.collect();
      const found = resourceMetrics.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((data) => data.descriptor.name === metric);
      return found?.dataPoints ?? [];
    },
  };
}
