/**
 * The settings License Desk runs with, as the rest of the code receives them. Each shape is a zod
 * schema so the type comes from `z.infer`, and so the composition root and tests can check a
 * hand-built value the same way `loadConfig` checks one it built from the environment.
 */
import { z } from 'zod';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** How the Graph adapter gets its tokens; matches what `createGraphClient` takes. */
export const graphCredentialSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('clientSecret'),
    tenantId: z.string(),
    clientId: z.string(),
    clientSecret: z.string(),
    authorityHost: z.string().optional(),
  }),
  z.object({
    kind: z.literal('certificate'),
    tenantId: z.string(),
    clientId: z.string(),
    certificatePath: z.string(),
  }),
  z.object({ kind: z.literal('managedIdentity'), clientId: z.string().optional() }),
  /** Only for the simulator: a fixed bearer token it accepts. */
  z.object({ kind: z.literal('staticToken'), token: z.string() }),
]);
export type GraphCredentialSettings = z.infer<typeof graphCredentialSchema>;

export const graphSettingsSchema = z.object({
  /** Unset: https://graph.microsoft.com. Embedded mode: the composition root sets the simulator's URL. */
  graphBaseUrl: z.string().optional(),
  credential: graphCredentialSchema,
});
export type GraphSettings = z.infer<typeof graphSettingsSchema>;

/** Where the store lives: Azure Cosmos DB (key or managed identity) or the in-process server. */
export const cosmosSettingsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('key'),
    endpoint: z.string(),
    key: z.string(),
    database: z.string(),
    /** Shared RU/s when the database has to be created (provisioned accounts only). */
    databaseThroughput: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal('managedIdentity'),
    endpoint: z.string(),
    /** A user-assigned identity's client id; unset: `DefaultAzureCredential`. */
    clientId: z.string().optional(),
    database: z.string(),
    databaseThroughput: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('embedded'), database: z.string() }),
]);
export type CosmosSettings = z.infer<typeof cosmosSettingsSchema>;

/** What `ConfigurationBotFrameworkAuthentication` needs; `anonymous` only in embedded mode. */
export const botAuthSettingsSchema = z.discriminatedUnion('appType', [
  z.object({ appType: z.literal('anonymous') }),
  z.object({
    appType: z.literal('SingleTenant'),
    appId: z.string(),
    appPassword: z.string(),
    tenantId: z.string(),
  }),
  z.object({ appType: z.literal('UserAssignedMSI'), appId: z.string(), tenantId: z.string() }),
]);
export type BotAuthSettings = z.infer<typeof botAuthSettingsSchema>;

const commonSettings = {
  /** The bot's HTTP port (`/api/messages`, `/healthz`, `/readyz`). */
  port: z.number().int(),
  /** The address the bot listens on: 0.0.0.0 in production, loopback in embedded mode. */
  host: z.string(),
  logLevel: z.enum(logLevels),
  /** The one tenant License Desk serves; activities from any other tenant are refused. */
  tenantId: z.string(),
  /** Entra groups whose transitive members approve; empty in embedded mode means the demo group. */
  approverGroupIds: z.array(z.string()),
  /** Entra groups whose members may ask; empty means everyone in the tenant. */
  requesterGroupIds: z.array(z.string()),
  /** Whether guest accounts may use License Desk; off unless ALLOW_GUESTS=true. */
  allowGuests: z.boolean(),
  /** A pending request expires after this many hours. */
  approvalExpiryHours: z.number(),
  /** Users a group or filter may select before the count is confirmed first. */
  bulkConfirmAbove: z.number(),
  /** Users an operation may change before it needs two different approvers. */
  twoApproversAboveUsers: z.number(),
  /** Monthly cost rise above which an operation needs two approvers; absent: never. */
  twoApproversAboveMonthlyCost: z.number().optional(),
  /** How often runs a dead process left (approved, or running with a lapsed lease) are resumed. */
  resumeIntervalSeconds: z.number().int().positive(),
  /** How long a run's lease lasts unless renewed: a dead process's run waits this long. */
  runLeaseSeconds: z.number().int().positive(),
  /** How often pending requests past their expiry are looked for and expired. */
  expirySweepSeconds: z.number(),
  /** How often the alert monitor looks at each tenant with subscribers. */
  alertIntervalSeconds: z.number().int().positive(),
  /** How often the schedule job looks for due times (`SCHEDULE_CHECK_SECONDS`). */
  scheduleCheckSeconds: z.number().int().positive(),
  /**
   * `APPLICATIONINSIGHTS_CONNECTION_STRING`: traces and metrics go to Azure Monitor; absent, no
   * telemetry code is loaded at all.
   */
  applicationInsightsConnectionString: z.string().optional(),
  /**
   * The REST API (`API_AUDIENCE`, `API_RATE_LIMIT_PER_MINUTE`): the audiences its tokens must
   * name (none: no API in production; the embedded demo always has one) and a caller's requests
   * a minute (unset: the API's default), and the apps whose small requests License Desk approves
   * itself (`API_AUTO_APPROVE_APPS`, `API_AUTO_APPROVE_MAX_USERS`; absent: none). Absent when
   * none is set.
   */
  api: z
    .object({
      audiences: z.array(z.string()),
      ratePerMinute: z.number().int().positive().optional(),
      autoApprove: z
        .object({ apps: z.array(z.string()).min(1), maxUsers: z.number().int().positive() })
        .optional(),
    })
    .optional(),
  bot: botAuthSettingsSchema,
  graph: graphSettingsSchema,
  cosmos: cosmosSettingsSchema,
};

export const embeddedConfigSchema = z.object({
  mode: z.literal('embedded'),
  ...commonSettings,
  simulator: z.object({
    port: z.number().int(),
    seed: z.number().int(),
    size: z.number().int(),
    groupProcessingMs: z.number().int(),
  }),
  testTool: z.object({ port: z.number().int() }),
  standIns: z.object({
    /**
     * STANDINS: where `npm run stand-ins` describes the simulator and Cosmos stand-in it runs, for
     * `npm start` to use instead of starting its own (they then outlive the bot).
     */
    url: z.string().optional(),
    /** `npm run stand-ins` only: the port of that description, and the Cosmos stand-in's. */
    port: z.number().int(),
    cosmosPort: z.number().int(),
  }),
});

export const productionConfigSchema = z.object({
  mode: z.literal('production'),
  ...commonSettings,
});

export const configSchema = z.discriminatedUnion('mode', [
  embeddedConfigSchema,
  productionConfigSchema,
]);

/** Everything License Desk needs to start, validated. */
export type Config = z.infer<typeof configSchema>;
export type EmbeddedConfig = z.infer<typeof embeddedConfigSchema>;
export type ProductionConfig = z.infer<typeof productionConfigSchema>;
