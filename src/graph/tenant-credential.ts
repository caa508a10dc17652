import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { TenantCredential } from '../domain/tenants/tenant.ts';
import type { GraphCredentialSettings } from './graph-settings.ts';

/** A customer tenant's Graph cannot be signed in to: nothing is sent to it. */
export class TenantSignInError extends Error {
  override readonly name = 'TenantSignInError';
  readonly code = 'TENANT_SIGN_IN';
}

/** The app id the embedded demo's unsigned tokens name, so the simulator budgets it as one app. */
const EMBEDDED_APP_ID = 'license-desk-embedded';

/**
 * An unsigned token naming `tenantId`, for the embedded simulator only: it serves each tenant by
 * the token's `tid`, as Graph does, and checks no signature.
 */
export function unsignedTenantToken(tenantId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ tid: tenantId, appid: EMBEDDED_APP_ID })}.`;
}

/**
 * How to sign in to a customer tenant, from the deployment's own credential and the tenant's
 * registration: a multi-tenant app signs in with the same app in the customer's authority (after
 * its admin consented); a certificate of the customer's own app registration signs in as that app.
 */
export function customerSignIn(
  operator: GraphCredentialSettings,
  tenantId: string,
  credential: TenantCredential,
): GraphCredentialSettings {
  if (credential.kind === 'certificate') {
    return {
      kind: 'certificate',
      tenantId,
      clientId: credential.clientId,
      certificatePath: credential.certificatePath,
    };
  }
  switch (operator.kind) {
    case 'clientSecret':
    case 'certificate':
      return { ...operator, tenantId };
    case 'staticToken':
      return { kind: 'staticToken', token: unsignedTenantToken(tenantId) };
    case 'managedIdentity':
      throw new TenantSignInError(
        `License Desk signs in to Graph with a managed identity, which works only in its own tenant. ` +
          `Give tenant ${tenantId} a certificate of its own app registration, or set GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH for a multi-tenant app.`,
      );
  }
}

/**
 * A credential made when the first token is asked for (the tenant's registration is read then),
 * and made again after a failure: a tenant registered or consented later signs in next time.
 */
export class DeferredCredential implements TokenCredential {
  readonly #make: () => Promise<TokenCredential>;
  #made: Promise<TokenCredential> | undefined;

  constructor(make: () => Promise<TokenCredential>) {
    this.#make = make;
  }

  async getToken(
    scopes: string | string[],
    options?: GetTokenOptions,
  ): Promise<AccessToken | null> {
    const made = (this.#made ??= this.#make());
    try {
      return await (await made).getToken(scopes, options);
    } catch (error) {
      if (this.#made === made) {
        this.#made = undefined;
      }
      throw error;
    }
  }
}
