import { decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ApiProblem } from '../problem.ts';
import { apiCallerFrom, type ApiCaller } from './api-caller.ts';

/** What a bearer token must be to be let in. */
export interface TokenRules {
  /** The API's app id URI and client id: a token must name one as `aud`. */
  audiences: readonly string[];
  /**
   * Whether this deployment serves the token's tenant (`tid`): asked before any of its keys are
   * fetched, so a registry of many tenants can answer it later.
   */
  servesTenant(tid: string): boolean | Promise<boolean>;
  /** The signing keys of a served tenant (Entra's JWKS, or the embedded demo's local issuer). */
  keysFor(tenantId: string): JWTVerifyGetKey;
  /** Now, for expiry (tests move it). */
  now?: () => Date;
}

/** The issuers Entra ID uses for a tenant: v2.0 and v1 access tokens. */
export const issuersFor = (tenantId: string): string[] => [
  `https://login.microsoftonline.com/${tenantId}/v2.0`,
  `https://sts.windows.net/${tenantId}/`,
];

const CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

const refused = (code: string, detail: string): ApiProblem =>
  new ApiProblem(401, code, 'Unauthorized', detail, {
    headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${detail}"` },
  });

/** Which refusal a failed `jwtVerify` is. */
function refusalFor(error: unknown): ApiProblem {
  if (error instanceof errors.JWTExpired) {
    return refused('TOKEN_EXPIRED', 'The token has expired.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return refused('TOKEN_WRONG_AUDIENCE', "The token is not for License Desk's API.");
    }
    if (error.claim === 'iss') {
      return refused('TOKEN_WRONG_ISSUER', "The token was not issued by the tenant's Entra ID.");
    }
    return refused('TOKEN_INVALID', `The token's ${error.claim} claim is not acceptable.`);
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return refused('TOKEN_BAD_SIGNATURE', "The token is not signed by the tenant's keys.");
  }
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return new ApiProblem(
      503,
      'KEYS_UNAVAILABLE',
      'Service unavailable',
      "The tenant's signing keys could not be read. Try again shortly.",
      { headers: { 'Retry-After': '5' } },
    );
  }
  return refused('TOKEN_INVALID', 'The token could not be verified.');
}

/**
 * Verifies an `Authorization: Bearer` header: a served tenant (`tid`), then the signature with
 * that tenant's keys, the issuer, the audience and the expiry. An unserved tenant is refused
 * before any of its keys are fetched (403); anything else wrong is a 401 with its code.
 */
export async function verifyBearer(
  header: string | undefined,
  rules: TokenRules,
): Promise<ApiCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) {
    throw new ApiProblem(
      401,
      'TOKEN_MISSING',
      'Unauthorized',
      'Send an Entra ID access token for License Desk as "Authorization: Bearer <token>".',
      { headers: CHALLENGE },
    );
  }
  const token = match[1];
  let tid: unknown;
  try {
    tid = decodeJwt(token).tid;
  } catch {
    throw refused('TOKEN_MALFORMED', 'The token is not a JWT.');
  }
  if (typeof tid !== 'string' || tid === '') {
    throw refused('TOKEN_INVALID', 'The token names no tenant (tid).');
  }
  if (!(await rules.servesTenant(tid))) {
    throw new ApiProblem(
      403,
      'TENANT_NOT_SERVED',
      'Forbidden',
      'This License Desk does not serve the tenant the token was issued in.',
    );
  }
  try {
    const { payload } = await jwtVerify(token, rules.keysFor(tid), {
      issuer: issuersFor(tid),
      audience: [...rules.audiences],
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'tid'],
      clockTolerance: 60,
      ...(rules.now ? { currentDate: rules.now() } : {}),
    });
    return apiCallerFrom(payload, tid);
  } catch (error) {
    throw error instanceof ApiProblem ? error : refusalFor(error);
  }
}
