import type { Agent } from 'node:https';
import { CosmosClient } from '@azure/cosmos';
import type { CosmosClientOptions, PluginConfig, RetryOptions } from '@azure/cosmos';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Telemetry } from '../app/ports/telemetry.ts';
import type { CosmosSettings } from '../config/settings.ts';
import { cosmosTelemetryPlugin } from './cosmos-telemetry-plugin.ts';

/** Where to reach Cosmos once the embedded server (if any) is running. */
export type CosmosConnection =
  | Exclude<CosmosSettings, { kind: 'embedded' }>
  | { kind: 'embedded'; database: string; endpoint: string; key: string; agent: Agent };

/**
 * Cosmos' 429s are retried by the SDK, each request on its own, after the wait its
 * `x-ms-retry-after-ms` names (no fixed interval, which would override it) up to 20 times or 30 s
 * of waits, more than the default 9 retries that short waits spend in well under a second, so
 * throttling slows a run rather than failing its writes.
 */
const THROTTLING_RETRIES: Readonly<RetryOptions> = Object.freeze({
  maxRetryAttemptCount: 20,
  maxWaitTimeInSeconds: 30,
});

/**
 * The `@azure/cosmos` client for a connection: an account key, a managed identity (a
 * user-assigned one by client id, else `DefaultAzureCredential`), or the in-process server with
 * its own certificate trusted through `agent` for this client only. With `telemetry`, every
 * network request is a dependency span.
 */
export function createCosmosClient(
  connection: CosmosConnection,
  telemetry?: Telemetry,
): CosmosClient {
  const options = cosmosClientOptions(connection);
  if (telemetry === undefined) {
    return new CosmosClient(options);
  }
  // `plugins` is an option the SDK's typings hide; it is how a request's answer is seen in one place.
  const plugins: PluginConfig[] = [cosmosTelemetryPlugin(telemetry)];
  return new CosmosClient({ ...options, plugins } as CosmosClientOptions);
}

function cosmosClientOptions(connection: CosmosConnection): CosmosClientOptions {
  const userAgentSuffix = 'license-desk';
  switch (connection.kind) {
    case 'key':
      return {
        endpoint: connection.endpoint,
        key: connection.key,
        userAgentSuffix,
        connectionPolicy: { retryOptions: { ...THROTTLING_RETRIES } },
      };
    case 'managedIdentity':
      return {
        endpoint: connection.endpoint,
        aadCredentials:
          connection.clientId === undefined
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential({ clientId: connection.clientId }),
        userAgentSuffix,
        connectionPolicy: { retryOptions: { ...THROTTLING_RETRIES } },
      };
    case 'embedded':
      return {
        endpoint: connection.endpoint,
        key: connection.key,
        agent: connection.agent,
        userAgentSuffix,
        // One local server: no regions to discover.
        connectionPolicy: {
          enableEndpointDiscovery: false,
          retryOptions: { ...THROTTLING_RETRIES },
        },
      };
  }
}
