/** What production mode needs beyond each variable being well-formed. */
import type { z } from 'zod';
import { isGuid } from './environment-fields.ts';
import type { Fields } from './environment-variables.ts';

/** Setting any of these asks for production mode (unless LICENSE_DESK_MODE says otherwise). */
export const productionSignals = [
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

export const isProduction = (values: Fields): boolean =>
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

/** Adds one issue per missing or conflicting production setting, its path the variable. */
export function checkProduction(values: Fields, ctx: z.RefinementCtx): void {
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
  if (values.STANDINS !== undefined) {
    problem(
      'STANDINS',
      'is for the embedded run only: production uses Microsoft Graph and Azure Cosmos DB, never the stand-ins of `npm run stand-ins`. Remove it.',
    );
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

/** Whether these settings ask for production, read leniently (used to word the error). */
export const wantsProduction = (env: Record<string, string | undefined>): boolean => {
  const mode = env.LICENSE_DESK_MODE?.trim().toLowerCase();
  return mode === 'production' || (!mode && productionSignals.some((name) => env[name]?.trim()));
};
