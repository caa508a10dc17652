import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { issuersFor } from './token-verifier.ts';

/**
 * Where the embedded demo keeps its local issuer's key pair, from the working directory (git
 * ignores `.tmp/`): the demo verifies with it and `npm run token` signs with it. Only the
 * embedded mode reads it; production trusts Entra ID's keys alone.
 */
export const LOCAL_ISSUER_KEY_FILE = '.tmp/license-desk-api-issuer.json';

/** The audience of the embedded demo's API (production sets `API_AUDIENCE`). */
export const LOCAL_API_AUDIENCE = 'api://license-desk';

/** The embedded demo's stand-in for Entra ID: one RSA key pair that signs and verifies. */
export interface LocalIssuer {
  /** The public key set, as Entra serves it at its `jwks_uri`. */
  jwks: JSONWebKeySet;
  keys: JWTVerifyGetKey;
  /** A token as Entra would issue it in `tenantId` (v2.0 issuer, RS256, `kid`), valid for an hour. */
  sign(tenantId: string, claims: JWTPayload, expiresInSeconds?: number): Promise<string>;
}

async function issuerOf(privateJwk: JWK): Promise<LocalIssuer> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] };
  const privateKey = await importJWK(privateJwk, 'RS256');
  return {
    jwks,
    keys: createLocalJWKSet(jwks),
    sign: (tenantId, claims, expiresInSeconds = 3600) => {
      const now = Math.floor(Date.now() / 1000);
      // `claims` may replace any default (tests make expired or foreign tokens this way).
      return new SignJWT({
        ver: '2.0',
        iss: issuersFor(tenantId)[0],
        iat: now,
        nbf: now,
        exp: now + expiresInSeconds,
        tid: tenantId,
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .sign(privateKey);
    },
  };
}

/** A local issuer with a key pair made now, kept in memory only (tests: a stranger's key). */
export async function newLocalIssuer(): Promise<LocalIssuer> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return issuerOf(await exportJWK(privateKey));
}

/**
 * The local issuer whose key pair is in `file`, made and written there (owner-only) the first
 * time. Two processes starting at once agree: the second one's exclusive create fails and it
 * reads the first one's key.
 */
export async function openLocalIssuer(file: string): Promise<LocalIssuer> {
  const read = async (): Promise<LocalIssuer> =>
    issuerOf(JSON.parse(await readFile(file, 'utf8')) as JWK);
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return read();
    }
    throw error;
  }
  return issuerOf(jwk);
}
