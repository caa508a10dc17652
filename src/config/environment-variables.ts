/**
 * Every environment variable License Desk reads, each checked on its own (format, range); the
 * rules between them live in `production-rules.ts`.
 */
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import {
  appType,
  flag,
  guid,
  idList,
  httpsUrl,
  integer,
  logLevel,
  mode,
  text,
  webUrl,
} from './environment-fields.ts';

const COSMOS_ID = /^[^/\\?#]{1,255}$/;
const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value looks like an Application Insights connection string: `;`-separated pairs with
 * a GUID `InstrumentationKey` and an https `IngestionEndpoint` (others, e.g. `LiveEndpoint`, pass).
 */
function isConnectionString(value: string): boolean {
  const pairs = new Map(
    value
      .split(';')
      .filter((part) => part.trim() !== '')
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const;
      }),
  );
  const key = pairs.get('instrumentationkey') ?? '';
  const endpoint = pairs.get('ingestionendpoint') ?? '';
  return GUID_TEXT.test(key) && /^https:\/\/[^\s/]+/i.test(endpoint);
}

export const fields = z.object({
  LICENSE_DESK_MODE: mode(),
  PORT: integer(1, 65535, 'Set PORT to the port the bot listens on (default 3978).'),
  HOST: text().refine((host) => host === undefined || isIP(host) !== 0 || host === 'localhost', {
    message:
      'is not an IP address. Set HOST to the address the bot listens on: 0.0.0.0 (every interface, the production default), :: for IPv6, or 127.0.0.1 (this machine only, the embedded default).',
  }),
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
  ALLOW_GUESTS: flag('ALLOW_GUESTS'),
  APPROVAL_EXPIRY_HOURS: integer(1, 2160, 'Set how many hours a request waits for approval.'),
  BULK_CONFIRM_ABOVE: integer(
    0,
    1_000_000,
    'Set how many users a group or filter may select before the requester is asked to confirm the count (default 500).',
  ),
  TWO_APPROVERS_ABOVE_USERS: integer(
    1,
    10_000_000,
    'Set how many users an operation may change before it needs two different approvers (default 1000).',
  ),
  TWO_APPROVERS_ABOVE_MONTHLY_COST: integer(
    1,
    1_000_000_000,
    "Set the rise in monthly cost (in the prices' currency) above which an operation needs two approvers; unset: never.",
  ),
  RESUME_INTERVAL_SECONDS: integer(
    1,
    3600,
    'Set how many seconds apart License Desk looks for runs a stopped process left unfinished (default 30).',
  ),
  RUN_LEASE_SECONDS: integer(
    5,
    3600,
    'Set how many seconds a run a stopped process left waits before another instance takes it over (default 60).',
  ),
  EXPIRY_SWEEP_SECONDS: integer(
    1,
    86_400,
    'Set how many seconds apart License Desk looks for requests to expire (default 60).',
  ),
  ALERT_INTERVAL_SECONDS: integer(
    5,
    86_400,
    'Set how many seconds apart License Desk looks at the tenant for problems to alert on (default 300; 15 in the embedded demo).',
  ),
  SCHEDULE_CHECK_SECONDS: integer(
    1,
    3600,
    'Set how many seconds apart License Desk looks for schedules that are due (default 30; 5 in the embedded demo).',
  ),
  APPLICATIONINSIGHTS_CONNECTION_STRING: text().refine(
    (value) => value === undefined || isConnectionString(value),
    {
      message:
        "is not an Application Insights connection string. Copy it from the resource's Overview page (InstrumentationKey=<guid>;IngestionEndpoint=https://…), or unset it to send no telemetry.",
    },
  ),
  /** The REST API's audiences (app id URI, client id), comma-separated; unset: no API in production. */
  API_AUDIENCE: idList(),
  API_RATE_LIMIT_PER_MINUTE: integer(
    1,
    100_000,
    'Set how many REST API requests one caller may make a minute (default 120).',
  ),
  /** Apps (client ids or display names), comma-separated, whose small requests need no approver. */
  API_AUTO_APPROVE_APPS: idList(),
  API_AUTO_APPROVE_MAX_USERS: integer(
    0,
    1000,
    'Set the most users an app named in API_AUTO_APPROVE_APPS may change without an approver (default 0: none).',
  ),
  SIMULATOR_PORT: integer(0, 65535, 'Set the port of the embedded Graph simulator (default 3979).'),
  SIMULATOR_SEED: integer(
    0,
    2_147_483_647,
    'Any whole number: the same seed gives the same tenant.',
  ),
  SIMULATOR_SIZE: integer(1, 200_000, 'Set how many users the demo tenant has (default 3000).'),
  SIMULATOR_GROUP_PROCESSING_MS: integer(
    0,
    600_000,
    "Set how many milliseconds each step of the simulator's group license processing takes (default 2000).",
  ),
  TEST_TOOL_PORT: integer(0, 65535, 'Set the port of the Teams App Test Tool (default 56150).'),
  COSMOS_PORT: integer(
    0,
    65535,
    'Set the port of the Cosmos stand-in of `npm run stand-ins` (default 3980).',
  ),
  STANDINS_PORT: integer(
    0,
    65535,
    'Set the port where `npm run stand-ins` says where its stand-ins are (default 3981).',
  ),
  STANDINS: webUrl(
    'Set it to the line `npm run stand-ins` prints (e.g. http://127.0.0.1:3981), or unset it to start the stand-ins inside `npm start`.',
  ),
});

export type Fields = z.output<typeof fields>;

/** Every variable License Desk reads, for documentation checks. */
export const environmentVariableNames = Object.keys(fields.shape);
