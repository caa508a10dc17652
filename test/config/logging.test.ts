import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/app/ports/logger.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';

/** A logger writing into an array of parsed JSON lines. */
function capture(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  // pino writes synchronously to a plain stream, so lines are there when the call returns.
  const logger: Logger = createLogger({ level, destination, base: { mode: 'embedded' } });
  return { logger, lines };
}

describe('logging', () => {
  it('writes one JSON line with level name, ISO time, service and the fields given', () => {
    const { logger, lines } = capture();
    logger.child({ activityId: 'act-1' }).info({ command: 'licenses', durationMs: 12 }, 'turn');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'license-desk',
      mode: 'embedded',
      activityId: 'act-1',
      command: 'licenses',
      durationMs: 12,
      msg: 'turn',
    });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it('writes nothing below the configured level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it('redacts authorization headers, passwords, client secrets and tokens by field', () => {
    const { logger, lines } = capture();
    logger.info({
      headers: { authorization: 'Bearer abc.def.ghi' },
      password: 'p@ss',
      credential: { clientSecret: 'graph-secret-value' },
      graph: { credential: { token: 'static' } },
      user: 'adele@contoso.com',
    });
    const line = JSON.stringify(lines[0]);
    for (const secret of ['abc.def.ghi', 'p@ss', 'graph-secret-value', 'static']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('adele@contoso.com');
  });

  it('keeps the secrets out even when the whole configuration is logged by mistake', () => {
    const { logger, lines } = capture();
    const config = loadConfig({
      MicrosoftAppId: '11111111-1111-4111-8111-111111111111',
      MicrosoftAppPassword: 'bot-secret-value',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '22222222-2222-4222-8222-222222222222',
      GRAPH_CLIENT_SECRET: 'graph-secret-value',
      COSMOS_ENDPOINT: 'https://contoso-licenses.documents.azure.com:443/',
      COSMOS_KEY: 'cosmos-key-value',
      APPROVER_GROUP_IDS: '33333333-3333-4333-8333-333333333333',
    });
    logger.info({ config }, 'started');
    const line = JSON.stringify(lines[0]);
    for (const secret of ['bot-secret-value', 'graph-secret-value', 'cosmos-key-value']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('contoso-licenses');
  });

  it('masks bearer tokens and JWTs that slip into messages, text fields and errors', () => {
    const { logger, lines } = capture();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl';
    logger.warn(
      { detail: `retrying with ${jwt}` },
      'Graph said 401 to Authorization: Bearer abcdef123',
    );
    logger.error({ err: new Error(`request failed: Bearer ${jwt}`) }, 'call failed');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('abcdef123');
    expect(text).not.toContain(jwt);
    expect(lines[0]!.msg).toBe('Graph said 401 to Authorization: Bearer [redacted]');
    expect((lines[1]!.err as { message: string }).message).toBe(
      'request failed: Bearer [redacted]',
    );
  });
});
