import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { GraphCredentialSettings } from './graph-settings.ts';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The `@azure/identity` credential the settings ask for (or a fixed token for local runs). */
export function createCredential(settings: GraphCredentialSettings): TokenCredential {
  switch (settings.kind) {
    case 'clientSecret': {
      const authorityHost = settings.authorityHost;
      // A loopback authority (tests) cannot answer Entra's instance discovery, and needs none.
      const disableInstanceDiscovery =
        authorityHost !== undefined && loopbackHosts.has(new URL(authorityHost).hostname);
      return new ClientSecretCredential(
        settings.tenantId,
        settings.clientId,
        settings.clientSecret,
        {
          ...(authorityHost === undefined ? {} : { authorityHost }),
          disableInstanceDiscovery,
        },
      );
    }
    case 'certificate':
      return new ClientCertificateCredential(settings.tenantId, settings.clientId, {
        certificatePath: settings.certificatePath,
      });
    case 'managedIdentity':
      return settings.clientId === undefined
        ? new ManagedIdentityCredential()
        : new ManagedIdentityCredential({ clientId: settings.clientId });
    case 'staticToken':
      return staticTokenCredential(settings.token);
  }
}

/** A credential that always hands out the same token: the simulator only checks it is there. */
export function staticTokenCredential(token: string): TokenCredential {
  return {
    getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 }),
  };
}
