import {
  AuthenticationHandler,
  Client,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/identity';
import { createCredential } from './credential.ts';
import { CredentialTokenProvider } from './credential-token-provider.ts';
import {
  DEFAULT_GRAPH_BASE_URL,
  graphSettingsSchema,
  type GraphSettings,
} from './graph-settings.ts';
import type { Telemetry } from '../app/ports/telemetry.ts';
import { GraphTelemetryMiddleware } from './graph-telemetry-middleware.ts';
import { HostRewriteMiddleware } from './host-rewrite-middleware.ts';
import { NodeHttpMessageHandler } from './node-http-handler.ts';

/**
 * The Graph SDK client License Desk uses: the SDK's own middleware chain (authentication, retry,
 * redirect, telemetry) over the configured credential, sent with `node:http(s)`. An `http://` base URL (the simulator) keeps
 * the real Graph URL in the client and swaps the host just before the request leaves, so the
 * bearer token is attached exactly as it would be for graph.microsoft.com. With `telemetry`, each
 * request sent (every attempt) is a dependency span.
 */
export function createGraphClient(
  settings: GraphSettings,
  telemetry?: Telemetry,
  /** Signs in instead of `settings.credential`: another tenant's sign-in, made when first used. */
  credential?: TokenCredential,
): Client {
  const valid = graphSettingsSchema.parse(settings);
  const base = new URL(valid.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL);
  const isHttps = base.protocol === 'https:';
  const version = base.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  // National clouds are https Graph hosts the SDK knows: talk to them directly.
  const clientOrigin = isHttps ? base.origin : new URL(DEFAULT_GRAPH_BASE_URL).origin;
  const authProvider = new CredentialTokenProvider(
    credential ?? createCredential(valid.credential),
    [`${clientOrigin}/.default`],
  );
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions()),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
  ];
  if (telemetry !== undefined) {
    middleware.push(new GraphTelemetryMiddleware(telemetry));
  }
  if (!isHttps) {
    middleware.push(
      new HostRewriteMiddleware(`${clientOrigin}/${version}`, `${base.origin}/${version}`),
    );
  }
  middleware.push(new NodeHttpMessageHandler());
  return Client.initWithMiddleware({ middleware, baseUrl: clientOrigin, defaultVersion: version });
}
