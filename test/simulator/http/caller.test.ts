import { describe, expect, it } from 'vitest';
import { callerFromAuthorization } from '../../../src/simulator/http/caller.ts';

const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('caller from the bearer token', () => {
  it('takes appid and tid from a v1 token', () => {
    expect(callerFromAuthorization(`Bearer ${jwt({ appid: 'a1', tid: 't1' })}`, 'home')).toEqual({
      appId: 'a1',
      tenantId: 't1',
    });
  });

  it('takes azp from a v2 token and the default tenant when tid is missing', () => {
    expect(callerFromAuthorization(`Bearer ${jwt({ azp: 'a2' })}`, 'home')).toEqual({
      appId: 'a2',
      tenantId: 'home',
    });
  });

  it('uses an opaque token itself as the app id', () => {
    expect(callerFromAuthorization('bearer my-app', 'home')).toEqual({
      appId: 'my-app',
      tenantId: 'home',
    });
  });

  it('finds no caller without a bearer token', () => {
    expect(callerFromAuthorization(undefined, 'home')).toBeUndefined();
    expect(callerFromAuthorization('Bearer ', 'home')).toBeUndefined();
    expect(callerFromAuthorization('Basic abc', 'home')).toBeUndefined();
  });
});
