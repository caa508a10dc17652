import { describe, expect, it } from 'vitest';
import { callerFromAuthorization } from '../../../src/simulator/http/caller.ts';
import { simulatorToken } from '../../../src/simulator/index.ts';

describe('simulatorToken', () => {
  it('mints an unsigned JWT whose tid and appid the simulator reads', () => {
    const token = simulatorToken({ tenantId: 'tenant-1', appId: 'app-1' });
    expect(token.split('.')).toHaveLength(3);
    expect(callerFromAuthorization(`Bearer ${token}`, 'home')).toEqual({
      appId: 'app-1',
      tenantId: 'tenant-1',
    });
  });

  it('carries the claims of an Entra app token for Graph', () => {
    const [header, payload] = simulatorToken({ tenantId: 't', appId: 'a' }).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'none',
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: 'https://sts.windows.net/t/',
      tid: 't',
      appid: 'a',
    });
  });
});
