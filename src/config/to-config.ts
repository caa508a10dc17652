/** Checked environment variables → the `Config` the rest of License Desk receives. */
import { isProduction } from './production-rules.ts';
import type { Fields } from './environment-variables.ts';
import type { Config } from './settings.ts';

/** The tenant id the Teams App Test Tool sends (not a well-formed GUID, as the tool spells it). */
export const EMBEDDED_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
/** A token the simulator accepts; it never leaves the process. */
export const EMBEDDED_GRAPH_TOKEN = 'license-desk-embedded-simulator';

const required = <T>(value: T | undefined): T => {
  // checkProduction has already reported anything missing; reaching this is a bug.
  if (value === undefined) {
    throw new Error('A required setting was not checked.');
  }
  return value;
};

export function toConfig(values: Fields): Config {
  // Off unless both are set: an app list with no size (or a size with no app) approves nothing.
  const autoApproveApps = values.API_AUTO_APPROVE_APPS ?? [];
  const autoApproveMax = values.API_AUTO_APPROVE_MAX_USERS ?? 0;
  const autoApprove =
    autoApproveApps.length > 0 && autoApproveMax > 0
      ? { apps: autoApproveApps, maxUsers: autoApproveMax }
      : undefined;
  const common = {
    port: values.PORT ?? 3978,
    // A deployment must be reachable from its load balancer; the demo stays on this machine.
    host: values.HOST ?? (isProduction(values) ? '0.0.0.0' : '127.0.0.1'),
    logLevel: values.LOG_LEVEL ?? 'info',
    requesterGroupIds: values.REQUESTER_GROUP_IDS ?? [],
    approverGroupIds: values.APPROVER_GROUP_IDS ?? [],
    allowGuests: values.ALLOW_GUESTS ?? false,
    approvalExpiryHours: values.APPROVAL_EXPIRY_HOURS ?? 72,
    bulkConfirmAbove: values.BULK_CONFIRM_ABOVE ?? 500,
    twoApproversAboveUsers: values.TWO_APPROVERS_ABOVE_USERS ?? 1000,
    ...(values.TWO_APPROVERS_ABOVE_MONTHLY_COST === undefined
      ? {}
      : { twoApproversAboveMonthlyCost: values.TWO_APPROVERS_ABOVE_MONTHLY_COST }),
    resumeIntervalSeconds: values.RESUME_INTERVAL_SECONDS ?? 30,
    runLeaseSeconds: values.RUN_LEASE_SECONDS ?? 60,
    expirySweepSeconds: values.EXPIRY_SWEEP_SECONDS ?? 60,
    // The demo's alerts come within a minute of `alerts on`; a tenant is looked at every 5 min.
    alertIntervalSeconds: values.ALERT_INTERVAL_SECONDS ?? (isProduction(values) ? 300 : 15),
    scheduleCheckSeconds: values.SCHEDULE_CHECK_SECONDS ?? (isProduction(values) ? 30 : 5),
    ...(values.APPLICATIONINSIGHTS_CONNECTION_STRING === undefined
      ? {}
      : { applicationInsightsConnectionString: values.APPLICATIONINSIGHTS_CONNECTION_STRING }),
    ...(values.API_AUDIENCE === undefined &&
    values.API_RATE_LIMIT_PER_MINUTE === undefined &&
    autoApprove === undefined
      ? {}
      : {
          api: {
            audiences: values.API_AUDIENCE ?? [],
            ...(values.API_RATE_LIMIT_PER_MINUTE === undefined
              ? {}
              : { ratePerMinute: values.API_RATE_LIMIT_PER_MINUTE }),
            ...(autoApprove === undefined ? {} : { autoApprove }),
          },
        }),
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
        size: values.SIMULATOR_SIZE ?? 3000,
        // Entra takes minutes; two seconds a step lets the demo's cards show processing.
        groupProcessingMs: values.SIMULATOR_GROUP_PROCESSING_MS ?? 2000,
      },
      testTool: { port: values.TEST_TOOL_PORT ?? 56150 },
      standIns: {
        ...(values.STANDINS !== undefined && { url: values.STANDINS }),
        port: values.STANDINS_PORT ?? 3981,
        cosmosPort: values.COSMOS_PORT ?? 3980,
      },
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
