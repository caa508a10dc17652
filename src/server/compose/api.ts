import type { TenantAccess } from '../../app/tenants/tenant-access.ts';
import { resolve } from 'node:path';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Logger } from '../../app/ports/logger.ts';
import { apiRoutes } from '../../api/api-routes.ts';
import {
  LOCAL_API_AUDIENCE,
  LOCAL_ISSUER_KEY_FILE,
  openLocalIssuer,
} from '../../api/auth/local-issuer.ts';
import { verifyBearer } from '../../api/auth/token-verifier.ts';
import { mountApi } from '../../api/mount-api.ts';
import type { Telemetry } from '../../app/ports/telemetry.ts';
import { withRequestSpan } from '../request-span.ts';
import { OPENAPI_PATH, openApiDocument } from '../../api/openapi.ts';
import { DEFAULT_RATE_PER_MINUTE, RateLimiter } from '../../api/rate-limit.ts';
import { API_BODY_LIMIT_BYTES } from '../../api/request-body.ts';
import type { Config } from '../../config.ts';
import type { RunningBotServer } from '../http-server.ts';
import type { LicenseDeskUseCases } from './use-cases.ts';

/** Where the embedded demo serves its local issuer's public keys, as Entra serves its own. */
export const LOCAL_JWKS_PATH = '/api/.well-known/jwks.json';

export interface ApiWiring {
  config: Config;
  useCases: LicenseDeskUseCases;
  /** The tenants served: a token's `tid` must name an active one. */
  tenants: TenantAccess;
  logger: Logger;
  /** The embedded demo's key pair file (default `LOCAL_ISSUER_KEY_FILE` from the working dir). */
  localIssuerKeyFile?: string;
  /** Now, for token expiry and the rate limit (tests move it). */
  now?: () => Date;
  /** With telemetry on, each API request is a request span like a turn. */
  telemetry?: Telemetry;
}

/** Entra ID's signing keys of a tenant, fetched and cached by `jose`. */
function entraKeys(): (tenantId: string) => JWTVerifyGetKey {
  const sets = new Map<string, JWTVerifyGetKey>();
  return (tenantId) => {
    let keys = sets.get(tenantId);
    if (keys === undefined) {
      keys = createRemoteJWKSet(
        new URL(`https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`),
      );
      sets.set(tenantId, keys);
    }
    return keys;
  };
}

/**
 * The REST API on `server`, over the same use cases as the bot: in production when
 * `API_AUDIENCE` is set (tokens from the served tenant's Entra ID), always in the embedded demo
 * (tokens from a local issuer whose key pair `npm run token` signs with). Nothing is mounted
 * otherwise.
 */
export async function mountRestApi(server: RunningBotServer, wiring: ApiWiring): Promise<void> {
  const { config } = wiring;
  const embedded = config.mode === 'embedded';
  const audiences = config.api?.audiences ?? [];
  if (!embedded && audiences.length === 0) {
    return;
  }
  const local = embedded
    ? await openLocalIssuer(resolve(wiring.localIssuerKeyFile ?? LOCAL_ISSUER_KEY_FILE))
    : undefined;
  const keysFor = local ? () => local.keys : entraKeys();
  const routes = apiRoutes(
    {
      requests: wiring.useCases.requests,
      groupLicenses: wiring.useCases.groupLicenses,
      history: wiring.useCases.history,
      reports: wiring.useCases.reports,
      operations: wiring.useCases.operations,
      runs: wiring.useCases.runs,
    },
    config.api?.autoApprove ? { autoApprove: config.api.autoApprove } : {},
  );
  const now = wiring.now ?? (() => new Date());
  server.mount((restify, track) =>
    mountApi(restify, {
      routes,
      authenticate: (header) =>
        verifyBearer(header, {
          audiences: embedded ? [LOCAL_API_AUDIENCE, ...audiences] : audiences,
          // One tenant for now; a registry of served tenants answers this later.
          servesTenant: async (tid) => (await wiring.tenants.find(tid))?.active === true,
          keysFor,
          now,
        }),
      rateLimit: new RateLimiter(config.api?.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE, () =>
        now().getTime(),
      ),
      bodyLimitBytes: API_BODY_LIMIT_BYTES,
      documents: {
        [OPENAPI_PATH]: openApiDocument(routes),
        ...(local ? { [LOCAL_JWKS_PATH]: local.jwks } : {}),
      },
      logger: wiring.logger,
      track,
      ...(wiring.telemetry
        ? { instrument: (route, handle) => withRequestSpan(wiring.telemetry, route, handle) }
        : {}),
    }),
  );
}
