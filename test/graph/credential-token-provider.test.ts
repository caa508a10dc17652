import type { TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import {
  CredentialTokenProvider,
  NoAccessTokenError,
} from '../../src/graph/credential-token-provider.ts';

describe('Graph access tokens from the credential', () => {
  it('asks the credential for the Graph scope and hands its token to the SDK', async () => {
    const asked: (string | string[])[] = [];
    const credential: TokenCredential = {
      getToken: (scopes) => {
        asked.push(scopes);
        return Promise.resolve({ token: 'eyJ0eXAi', expiresOnTimestamp: Date.now() + 3_600_000 });
      },
    };
    const provider = new CredentialTokenProvider(credential, [
      'https://graph.microsoft.com/.default',
    ]);
    expect(await provider.getAccessToken()).toBe('eyJ0eXAi');
    expect(asked).toEqual([['https://graph.microsoft.com/.default']]);
  });

  it('refuses to go on without a token', async () => {
    const provider = new CredentialTokenProvider({ getToken: () => Promise.resolve(null) }, [
      'https://graph.microsoft.com/.default',
    ]);
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(NoAccessTokenError);
  });

  it("lets the credential's own failure through (the call is reported as Graph unreachable)", async () => {
    const provider = new CredentialTokenProvider(
      { getToken: () => Promise.reject(new Error('ManagedIdentityCredential: no endpoint')) },
      ['https://graph.microsoft.com/.default'],
    );
    await expect(provider.getAccessToken()).rejects.toThrow('no endpoint');
  });
});
