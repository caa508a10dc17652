import type { Telemetry } from '../app/ports/telemetry.ts';

/**
 * The process's telemetry: Azure Monitor when a connection string is set, else none (undefined:
 * the composition root then adds no span, counter or log field anywhere). The OpenTelemetry and
 * Azure Monitor packages are imported only in the first case, so a process without the setting
 * never loads them (a test checks the modules it loaded).
 */
export async function openTelemetry(
  connectionString: string | undefined,
): Promise<Telemetry | undefined> {
  if (connectionString === undefined) {
    return undefined;
  }
  const { startAzureMonitor } = await import('./azure-monitor.ts');
  return startAzureMonitor(connectionString);
}
