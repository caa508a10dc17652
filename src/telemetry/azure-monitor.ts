import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { metrics, trace } from '@opentelemetry/api';
import type { Telemetry } from '../app/ports/telemetry.ts';
import { OpenTelemetryTelemetry } from './open-telemetry.ts';

/**
 * Sends traces and metrics to Application Insights through the Azure Monitor OpenTelemetry
 * distro. Its automatic instrumentations are off: their HTTP spans would carry whole Graph URLs
 * (user ids, UPNs, filters naming people) and double ours, which name paths by template.
 */
export function startAzureMonitor(connectionString: string): Telemetry {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: { enabled: false },
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
  });
  return new OpenTelemetryTelemetry({
    tracer: trace.getTracer('license-desk'),
    meter: metrics.getMeter('license-desk'),
    shutdown: shutdownAzureMonitor,
  });
}
