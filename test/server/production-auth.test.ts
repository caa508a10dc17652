import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler } from 'botbuilder';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotPlatform, type BotPlatform } from '../../src/server/bot-platform.ts';
import { teamsActivity } from '../support/activities.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const APP_ID = '6e2a4f0e-8a1c-4b1e-9c55-0f3c2a7b9d10';
const TENANT_ID = '00000000-0000-0000-0000-0000000000001';
const CHANNEL_ISSUER = 'https://api.botframework.com';
/** The connector is never called: the bot under test does not reply. */
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** Serves an OpenID configuration and its JWKS on loopback, as login.botframework.com does. */
async function startOpenIdServer(keys: JWK[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({
          issuer: CHANNEL_ISSUER,
          jwks_uri: `http://127.0.0.1:${port}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(JSON.stringify({ keys }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`, server };
}

const now = (): number => Math.floor(Date.now() / 1000);

interface TokenOptions {
  key?: CryptoKey;
  kid?: string;
  audience?: string;
  issuer?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  serviceUrl?: string;
}

describe('production-mode authentication (single-tenant bot)', () => {
  let trustedKey: CryptoKey;
  let unknownKey: CryptoKey;
  let openId: { url: string; server: Server };
  let platform: BotPlatform;
  const turns: string[] = [];

  beforeAll(async () => {
    const trusted = await generateKeyPair('RS256');
    const unknown = await generateKeyPair('RS256');
    trustedKey = trusted.privateKey;
    unknownKey = unknown.privateKey;
    const jwk = {
      ...(await exportJWK(trusted.publicKey)),
      kid: 'trusted',
      use: 'sig',
      endorsements: ['msteams'],
    };
    openId = await startOpenIdServer([jwk]);
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      turns.push(context.activity.id ?? '');
      await next();
    });
    platform = await startBotPlatform({
      bot,
      auth: {
        kind: 'singleTenant',
        appId: APP_ID,
        appPassword: 'not-used-offline',
        tenantId: TENANT_ID,
      },
      logger: recordingLogger(),
      port: 0,
      // Every OpenID metadata setting must point at the loopback server, or nothing validates.
      extraAuthOptions: {
        ToBotFromChannelOpenIdMetadataUrl: openId.url,
        ToBotFromEmulatorOpenIdMetadataUrl: openId.url,
        BotOpenIdMetadata: openId.url,
        ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      },
    });
  });

  afterAll(async () => {
    await platform.server.close();
    await new Promise((resolve) => openId.server.close(resolve));
  });

  function token(options: TokenOptions = {}): Promise<string> {
    return new SignJWT({ serviceurl: options.serviceUrl ?? SERVICE_URL })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'trusted', typ: 'JWT' })
      .setIssuer(options.issuer ?? CHANNEL_ISSUER)
      .setAudience(options.audience ?? APP_ID)
      .setIssuedAt(now() - 7_200)
      .setNotBefore(now() - 7_200)
      .setExpirationTime(options.expiresAt ?? now() + 3_600)
      .sign(options.key ?? trustedKey);
  }

  async function send(
    authorization?: string,
  ): Promise<{ status: number; ran: boolean; body: string }> {
    const activity = teamsActivity(
      SERVICE_URL,
      { aadObjectId: 'u1', tenantId: TENANT_ID },
      { text: 'help' },
    );
    const res = await fetch(`${platform.server.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: JSON.stringify(activity),
    });
    return { status: res.status, ran: turns.includes(activity.id!), body: await res.text() };
  }

  it('runs the turn for a token signed by the channel for this bot', async () => {
    const result = await send(`Bearer ${await token()}`);
    expect(result).toMatchObject({ status: 200, ran: true });
  });

  it('refuses a request without a token', async () => {
    expect(await send()).toMatchObject({ status: 401, ran: false });
  });

  it('refuses a token for another bot (audience)', async () => {
    const result = await send(`Bearer ${await token({ audience: 'another-bot' })}`);
    expect(result).toMatchObject({ status: 401, ran: false });
  });

  it('refuses a token from another issuer', async () => {
    const result = await send(`Bearer ${await token({ issuer: 'https://evil.example.com' })}`);
    expect(result).toMatchObject({ status: 401, ran: false });
  });

  it('refuses a token signed with a key the channel does not publish', async () => {
    expect(await send(`Bearer ${await token({ key: unknownKey, kid: 'unknown' })}`)).toMatchObject({
      status: 401,
      ran: false,
    });
    // Same kid as the trusted key but another key: a forged signature.
    expect(await send(`Bearer ${await token({ key: unknownKey })}`)).toMatchObject({
      status: 401,
      ran: false,
    });
  });

  it('refuses an expired token', async () => {
    // Older than botbuilder's five minutes of clock tolerance.
    const expired = await token({ expiresAt: now() - 3_600 });
    expect(await send(`Bearer ${expired}`)).toMatchObject({ status: 401, ran: false });
  });

  it('refuses a token whose serviceurl claim is not the activity service URL', async () => {
    const result = await send(`Bearer ${await token({ serviceUrl: 'https://evil.example.com/' })}`);
    expect(result).toMatchObject({ status: 401, ran: false });
  });

  it('refuses an unsigned (alg:none) token with 401, not 500, and leaks no detail', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', kid: 'trusted', typ: 'JWT' })}.${encode({
      iss: CHANNEL_ISSUER,
      aud: APP_ID,
      serviceurl: SERVICE_URL,
      nbf: now() - 60,
      exp: now() + 3600,
    })}.`;
    const result = await send(`Bearer ${unsigned}`);
    expect(result).toMatchObject({ status: 401, ran: false });
    expect(result.body).not.toMatch(/jwt|signature|stack/i);
  });
});
