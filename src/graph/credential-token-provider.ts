import type { TokenCredential } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

/** The credential gave no token: nothing was sent to Graph. */
export class NoAccessTokenError extends Error {
  override readonly name = 'NoAccessTokenError';
  readonly code = 'GRAPH_NO_ACCESS_TOKEN';
}

/**
 * The Graph SDK's access-token provider over an `@azure/identity` credential (which caches and
 * refreshes the token itself). Does what the SDK's `TokenCredentialAuthenticationProvider` does,
 * without building an error, stack trace included, on every request in case it needs one.
 */
export class CredentialTokenProvider implements AuthenticationProvider {
  readonly #credential: TokenCredential;
  readonly #scopes: string[];

  constructor(credential: TokenCredential, scopes: string[]) {
    this.#credential = credential;
    this.#scopes = scopes;
  }

  async getAccessToken(): Promise<string> {
    const token = await this.#credential.getToken(this.#scopes);
    if (!token) {
      throw new NoAccessTokenError('The Graph credential returned no access token.');
    }
    return token.token;
  }
}
