import { z } from 'zod';

/** How License Desk proves who it is to Microsoft Graph. */
export const graphCredentialSettingsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('clientSecret'),
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** Another Entra authority (national clouds, or a fake one on loopback in tests). */
    authorityHost: z.url().optional(),
  }),
  z.object({
    kind: z.literal('certificate'),
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    /** A PEM file holding the certificate and its private key. */
    certificatePath: z.string().min(1),
  }),
  z.object({
    kind: z.literal('managedIdentity'),
    /** Set for a user-assigned identity; absent for the system-assigned one. */
    clientId: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('staticToken'),
    /** A bearer token used as is: for the embedded simulator and tests only. */
    token: z.string().min(1),
  }),
]);

/** Where Graph is and how to sign in; the config module builds this from the environment. */
export const graphSettingsSchema = z.object({
  /**
   * Graph's versioned base URL: `https://graph.microsoft.com/v1.0` (default), a national cloud's,
   * or the simulator's `http://127.0.0.1:PORT/v1.0`.
   */
  graphBaseUrl: z.url().optional(),
  credential: graphCredentialSettingsSchema,
});

export type GraphCredentialSettings = z.infer<typeof graphCredentialSettingsSchema>;
export type GraphSettings = z.infer<typeof graphSettingsSchema>;

/** The public cloud's Graph, where tokens are scoped and the SDK attaches them. */
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
