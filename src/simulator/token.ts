/** Who a simulator token is for: the tenant it reaches and the app calling. */
export interface SimulatorTokenClaims {
  tenantId: string;
  appId: string;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An unsigned, JWT-shaped app token (`header.payload.signature`, base64url) for the simulator,
 * which reads `tid` to pick the tenant and `appid` for throttling and never checks signatures.
 * The claims are shaped like Entra's v1 app tokens for Graph, so code reading them sees the usual.
 */
export function simulatorToken({ tenantId, appId }: SimulatorTokenClaims): string {
  const header = encode({ alg: 'none', typ: 'JWT' });
  const payload = encode({
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    appid: appId,
    idtyp: 'app',
    ver: '1.0',
  });
  return `${header}.${payload}.${Buffer.from('unsigned').toString('base64url')}`;
}
