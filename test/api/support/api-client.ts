import { resolve } from 'node:path';
import {
  LOCAL_API_AUDIENCE,
  LOCAL_ISSUER_KEY_FILE,
  openLocalIssuer,
  type LocalIssuer,
} from '../../../src/api/auth/local-issuer.ts';
import type { ApiRole } from '../../../src/api/auth/api-roles.ts';
import type { TestStack } from '../../support/stack.ts';

/** What an API call answered: status, headers and the parsed body. */
export interface ApiReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Calls License Desk's REST API over HTTP and signs tokens as the demo's local issuer. */
export interface ApiClient {
  issuer: LocalIssuer;
  /** A delegated token for a user of the demo tenant. */
  userToken(userId: string, roles: ApiRole[], claims?: Record<string, unknown>): Promise<string>;
  /** An app-only token for an app of the demo tenant. */
  appToken(appId: string, roles: ApiRole[], claims?: Record<string, unknown>): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiReply>;
}

/** The client of `stack`'s API, with the key pair the stack's local issuer uses. */
export async function apiClient(stack: TestStack): Promise<ApiClient> {
  const issuer = await openLocalIssuer(resolve(LOCAL_ISSUER_KEY_FILE));
  return {
    issuer,
    userToken: (userId, roles, claims = {}) =>
      issuer.sign(stack.tenantId, {
        aud: LOCAL_API_AUDIENCE,
        oid: userId,
        sub: userId,
        scp: 'access_as_user',
        name: 'Test User',
        roles,
        ...claims,
      }),
    appToken: (appId, roles, claims = {}) =>
      issuer.sign(stack.tenantId, {
        aud: LOCAL_API_AUDIENCE,
        azp: appId,
        oid: `sp-${appId}`,
        sub: `sp-${appId}`,
        idtyp: 'app',
        app_displayname: 'HR system',
        roles,
        ...claims,
      }),
    call: async (method, path, options = {}) => {
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined
          ? {}
          : {
              body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
            }),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
    },
  };
}
