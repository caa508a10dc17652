import type { CustomerTenant } from '../../domain/tenants/tenant.ts';

/**
 * Why License Desk could not read a customer's directory, and what to do: Entra refuses a token
 * until the tenant's admin consents (AADSTS65001, AADSTS7000229, AADSTS700016), Graph answers 401
 * or 403 when permissions are missing.
 */
export function describeSignInFailure(tenant: CustomerTenant, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = /AADSTS\d+/.exec(text)?.[0];
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const seen = code ?? (typeof status === 'number' ? `HTTP ${status}` : 'no answer');
  return (
    `License Desk could not read ${tenant.displayName}'s directory yet (${seen}). ` +
    (tenant.credential.kind === 'certificate'
      ? `Check that app ${tenant.credential.clientId} exists in that tenant, has Graph's application permissions with admin consent, and that the certificate at ${tenant.credential.certificatePath} is the one registered.`
      : 'Its Global Administrator must open the admin-consent link (type `tenants` to see it) and accept; then check again.')
  );
}
