/** Who is calling, as far as throttling cares: Graph budgets are per application and tenant. */
export interface Caller {
  appId: string;
  tenantId: string;
}

/**
 * Reads the bearer token. A JWT gives its `appid` (v1 tokens) or `azp` (v2) and `tid`; the
 * signature is not checked because this is a simulator. Any other token is taken as the app id
 * itself, in the simulator's own tenant. Undefined when there is no token at all.
 */
export function callerFromAuthorization(
  header: string | undefined,
  defaultTenantId: string,
): Caller | undefined {
  const match = /^Bearer\s+(\S.*)$/i.exec(header?.trim() ?? '');
  const token = match?.[1]?.trim();
  if (!token) {
    return undefined;
  }
  const claims = jwtClaims(token);
  const appId = stringClaim(claims, 'appid') ?? stringClaim(claims, 'azp') ?? token;
  const tenantId = stringClaim(claims, 'tid') ?? defaultTenantId;
  return { appId, tenantId };
}

function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) {
    return undefined;
  }
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringClaim(
  claims: Record<string, unknown> | undefined,
  name: string,
): string | undefined {
  const value = claims?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
