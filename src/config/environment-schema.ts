/**
 * The environment as License Desk reads it: one zod schema that checks every variable, then the
 * rules between them (what production needs), then builds the `Config`. Every problem is
 * reported at once, so an admin fixes their settings in one round, not one restart per mistake.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import {
  appType,
  flag,
  guid,
  idList,
  isGuid,
  httpsUrl,
  integer,
  logLevel,
  mode,
  text,
} from './environment-fields.ts';
import type { Config } from './settings.ts';

/** The tenant id the Teams App Test Tool sends (not a well-formed GUID, as the tool spells it). */
export const EMBEDDED_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
/** A token the simulator accepts; it never leaves the process. */
export const EMBEDDED_GRAPH_TOKEN = 'license-desk-embedded-simulator';

const COSMOS_ID = /^[^/\\?#]{1,255}$/;

const fields = z.object({
  LICENSE_DESK_MODE: mode(),
  PORT: integer(1, 65535, 'Set PORT to the port the bot listens on (default 3978).'),
  LOG_LEVEL: logLevel(),
  MicrosoftAppId: guid('Microsoft App ID of the Azure Bot resource'),
  MicrosoftAppPassword: text(),
  MicrosoftAppType: appType(),
  MicrosoftAppTenantId: guid('directory (tenant) id'),
  GRAPH_CLIENT_ID: guid('application (client) id of the app registration that calls Graph'),
  GRAPH_CLIENT_SECRET: text(),
  GRAPH_CERTIFICATE_PATH: text().refine((path) => path === undefined || existsSync(path), {
    message:
      'names no file. Point it at a PEM file holding the certificate and its private key, readable by License Desk.',
  }),
  GRAPH_MANAGED_IDENTITY: flag('GRAPH_MANAGED_IDENTITY'),
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: guid('client id of the user-assigned managed identity'),
  GRAPH_BASE_URL: httpsUrl(
    'Leave it unset for https://graph.microsoft.com (national clouds only).',
  ),
  GRAPH_AUTHORITY_HOST: httpsUrl('Leave it unset for https://login.microsoftonline.com.'),
  COSMOS_ENDPOINT: httpsUrl(
    "Copy the account's URI from the Azure portal (https://<account>.documents.azure.com:443/).",
  ),
  COSMOS_KEY: text(),
  COSMOS_MANAGED_IDENTITY_CLIENT_ID: guid('client id of the user-assigned managed identity'),
  COSMOS_DATABASE_THROUGHPUT: integer(
    400,
    1_000_000,
    'Shared RU/s for a new database on a provisioned account; leave unset on a serverless account.',
  ),
  COSMOS_DATABASE: text().refine((id) => id === undefined || COSMOS_ID.test(id), {
    message: 'is not a valid Cosmos DB database id (1 to 255 characters, none of / \\ ? #).',
  }),
  APPROVER_GROUP_IDS: idList(),
  REQUESTER_GROUP_IDS: idList(),
  APPROVAL_EXPIRY_HOURS: integer(1, 2160, 'Set how many hours a request waits for approval.'),
  SIMULATOR_PORT: integer(0, 65535, 'Set the port of the embedded Graph simulator (default 3979).'),
  SIMULATOR_SEED: integer(
    0,
    2_147_483_647,
    'Any whole number: the same seed gives the same tenant.',
  ),
  SIMULATOR_SIZE: integer(1, 200_000, 'Set how many users the demo tenant has (default 2000).'),
  TEST_TOOL_PORT: integer(0, 65535, 'Set the port of the Teams App Test Tool (default 56150).'),
});

type Fields = z.output<typeof fields>;

/** Every variable License Desk reads, for documentation checks. */
export const environmentVariableNames = Object.keys(fields.shape);

/** Setting any of these asks for production mode (unless LICENSE_DESK_MODE says otherwise). */
const productionSignals = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'GRAPH_CLIENT_SECRET',
  'GRAPH_CERTIFICATE_PATH',
  'GRAPH_MANAGED_IDENTITY',
  'GRAPH_MANAGED_IDENTITY_CLIENT_ID',
  'COSMOS_ENDPOINT',
  'COSMOS_KEY',
] as const satisfies readonly (keyof Fields)[];

const isProduction = (values: Fields): boolean =>
  values.LICENSE_DESK_MODE === 'production' ||
  (values.LICENSE_DESK_MODE === undefined &&
    productionSignals.some((name) => values[name] !== undefined && values[name] !== false));

const graphCredentialChoices = (values: Fields): string[] => [
  ...(values.GRAPH_CLIENT_SECRET !== undefined ? ['GRAPH_CLIENT_SECRET'] : []),
  ...(values.GRAPH_CERTIFICATE_PATH !== undefined ? ['GRAPH_CERTIFICATE_PATH'] : []),
  ...(values.GRAPH_MANAGED_IDENTITY === true ||
  values.GRAPH_MANAGED_IDENTITY_CLIENT_ID !== undefined
    ? ['GRAPH_MANAGED_IDENTITY']
    : []),
];

/** What production mode needs beyond each variable being well-formed. */
function checkProduction(values: Fields, ctx: z.RefinementCtx): void {
  if (!isProduction(values)) {
    return;
  }
  const problem = (name: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [name], message });
  if (values.MicrosoftAppId === undefined) {
    problem(
      'MicrosoftAppId',
      "missing. Set the Microsoft App ID of the Azure Bot resource (for UserAssignedMSI, the managed identity's client id).",
    );
  }
  if (values.MicrosoftAppType === undefined) {
    problem(
      'MicrosoftAppType',
      'missing. Set SingleTenant or UserAssignedMSI, as your Azure Bot resource shows.',
    );
  }
  if (values.MicrosoftAppTenantId === undefined) {
    problem('MicrosoftAppTenantId', 'missing. Set the directory (tenant) id of your organisation.');
  }
  if (values.MicrosoftAppType === 'SingleTenant' && values.MicrosoftAppPassword === undefined) {
    problem(
      'MicrosoftAppPassword',
      "missing. A SingleTenant bot needs its client secret (the app registration's Certificates & secrets).",
    );
  }
  if (values.MicrosoftAppType === 'UserAssignedMSI' && values.MicrosoftAppPassword !== undefined) {
    problem(
      'MicrosoftAppPassword',
      'must not be set for a UserAssignedMSI bot: it signs in with its managed identity. Remove it.',
    );
  }
  const graphChoices = graphCredentialChoices(values);
  if (graphChoices.length === 0) {
    problem(
      'Graph credential',
      'missing. Set one of GRAPH_CLIENT_SECRET, GRAPH_CERTIFICATE_PATH or GRAPH_MANAGED_IDENTITY=true (the identity needs LicenseAssignment.ReadWrite.All, User.ReadWrite.All, GroupMember.Read.All and Organization.Read.All).',
    );
  } else if (graphChoices.length > 1) {
    problem('Graph credential', `${graphChoices.join(' and ')} are both set. Keep only one.`);
  }
  const needsClientId =
    values.GRAPH_CLIENT_SECRET !== undefined || values.GRAPH_CERTIFICATE_PATH !== undefined;
  if (
    needsClientId &&
    values.GRAPH_CLIENT_ID === undefined &&
    values.MicrosoftAppType === 'UserAssignedMSI'
  ) {
    problem(
      'GRAPH_CLIENT_ID',
      'missing. With a Graph client secret or certificate, set the client id of that app registration (a SingleTenant bot defaults to MicrosoftAppId).',
    );
  }
  if (values.COSMOS_ENDPOINT === undefined) {
    problem(
      'COSMOS_ENDPOINT',
      "missing. Set the account's URI (https://<account>.documents.azure.com:443/), with COSMOS_KEY or a managed identity.",
    );
  }
  if (values.COSMOS_KEY !== undefined && values.COSMOS_MANAGED_IDENTITY_CLIENT_ID !== undefined) {
    problem('COSMOS_KEY', 'and COSMOS_MANAGED_IDENTITY_CLIENT_ID are both set. Keep only one.');
  }
  for (const name of ['APPROVER_GROUP_IDS', 'REQUESTER_GROUP_IDS'] as const) {
    if (values[name]?.some((id) => !isGuid(id))) {
      problem(
        name,
        "must be Entra group object ids (GUIDs) separated by commas, as the group's Overview page shows them.",
      );
    }
  }
  if (values.APPROVER_GROUP_IDS === undefined || values.APPROVER_GROUP_IDS.length === 0) {
    problem(
      'APPROVER_GROUP_IDS',
      'missing. Set the object ids of the Entra groups whose members approve requests, separated by commas.',
    );
  }
}

const required = <T>(value: T | undefined): T => {
  // checkProduction has already reported anything missing; reaching this is a bug.
  if (value === undefined) {
    throw new Error('A required setting was not checked.');
  }
  return value;
};

function toConfig(values: Fields): Config {
  const common = {
    port: values.PORT ?? 3978,
    logLevel: values.LOG_LEVEL ?? 'info',
    requesterGroupIds: values.REQUESTER_GROUP_IDS ?? [],
    approverGroupIds: values.APPROVER_GROUP_IDS ?? [],
    approvalExpiryHours: values.APPROVAL_EXPIRY_HOURS ?? 72,
  };
  const database = values.COSMOS_DATABASE ?? 'license-desk';
  if (!isProduction(values)) {
    return {
      mode: 'embedded',
      ...common,
      tenantId: EMBEDDED_TENANT_ID,
      bot: { appType: 'anonymous' },
      graph: { credential: { kind: 'staticToken', token: EMBEDDED_GRAPH_TOKEN } },
      cosmos: { kind: 'embedded', database },
      simulator: {
        port: values.SIMULATOR_PORT ?? 3979,
        seed: values.SIMULATOR_SEED ?? 1,
        size: values.SIMULATOR_SIZE ?? 2000,
      },
      testTool: { port: values.TEST_TOOL_PORT ?? 56150 },
    };
  }
  const appId = required(values.MicrosoftAppId);
  const tenantId = required(values.MicrosoftAppTenantId);
  const appType = required(values.MicrosoftAppType);
  const bot =
    appType === 'SingleTenant'
      ? { appType, appId, tenantId, appPassword: required(values.MicrosoftAppPassword) }
      : { appType, appId, tenantId };
  const clientId = values.GRAPH_CLIENT_ID ?? appId;
  // A UserAssignedMSI bot's identity is the natural one to call Graph with too.
  const managedIdentityClientId =
    values.GRAPH_MANAGED_IDENTITY_CLIENT_ID ?? (appType === 'UserAssignedMSI' ? appId : undefined);
  const credential =
    values.GRAPH_CLIENT_SECRET !== undefined
      ? {
          kind: 'clientSecret' as const,
          tenantId,
          clientId,
          clientSecret: values.GRAPH_CLIENT_SECRET,
          ...(values.GRAPH_AUTHORITY_HOST !== undefined && {
            authorityHost: values.GRAPH_AUTHORITY_HOST,
          }),
        }
      : values.GRAPH_CERTIFICATE_PATH !== undefined
        ? {
            kind: 'certificate' as const,
            tenantId,
            clientId,
            certificatePath: values.GRAPH_CERTIFICATE_PATH,
          }
        : {
            kind: 'managedIdentity' as const,
            ...(managedIdentityClientId !== undefined && { clientId: managedIdentityClientId }),
          };
  const endpoint = required(values.COSMOS_ENDPOINT);
  const throughput =
    values.COSMOS_DATABASE_THROUGHPUT === undefined
      ? {}
      : { databaseThroughput: values.COSMOS_DATABASE_THROUGHPUT };
  const cosmos =
    values.COSMOS_KEY !== undefined
      ? { kind: 'key' as const, endpoint, key: values.COSMOS_KEY, database, ...throughput }
      : {
          kind: 'managedIdentity' as const,
          endpoint,
          database,
          ...throughput,
          ...(values.COSMOS_MANAGED_IDENTITY_CLIENT_ID !== undefined && {
            clientId: values.COSMOS_MANAGED_IDENTITY_CLIENT_ID,
          }),
        };
  return {
    mode: 'production',
    ...common,
    tenantId,
    bot,
    graph: {
      ...(values.GRAPH_BASE_URL !== undefined && { graphBaseUrl: values.GRAPH_BASE_URL }),
      credential,
    },
    cosmos,
  };
}

/** The environment → `Config`, with every problem as an issue whose path is the variable. */
export const environmentSchema = fields.superRefine(checkProduction).transform(toConfig);

/** Whether these settings ask for production, read leniently (used to word the error). */
export const wantsProduction = (env: Record<string, string | undefined>): boolean => {
  const mode = env.LICENSE_DESK_MODE?.trim().toLowerCase();
  return mode === 'production' || (!mode && productionSignals.some((name) => env[name]?.trim()));
};
