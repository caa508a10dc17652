import { graphErrors } from '../graph-errors.ts';
import type { GraphContext } from '../graph-request.ts';
import { collectionContext, entityContext } from '../odata-context.ts';
import { project, resolveSelect, type ResourceShape } from '../projection.ts';
import { entityOptions, unsupportedQueryOption } from '../query-options.ts';
import { jsonReply, type GraphReply } from '../reply.ts';

const nullable = null;

/**
 * Graph v1.0 organization, with the properties of Microsoft's Get organization example; the
 * simulator holds the id, name, country and domains, the rest answer empty as in a new tenant.
 */
const organizationShape: ResourceShape = {
  type: 'organization',
  properties: {
    id: nullable,
    deletedDateTime: nullable,
    businessPhones: [],
    city: nullable,
    country: nullable,
    countryLetterCode: nullable,
    createdDateTime: nullable,
    displayName: nullable,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: nullable,
    onPremisesSyncEnabled: nullable,
    postalCode: nullable,
    preferredLanguage: nullable,
    privacyProfile: nullable,
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: nullable,
    street: nullable,
    technicalNotificationMails: [],
    tenantType: 'AAD',
    assignedPlans: [],
    provisionedPlans: [],
    verifiedDomains: [],
  },
  defaults: [],
};
const allProperties = Object.keys(organizationShape.properties);

function organizationResource(ctx: GraphContext): Record<string, unknown> {
  const org = ctx.tenant.organization();
  return {
    id: org.id,
    displayName: org.displayName,
    countryLetterCode: org.countryLetterCode,
    verifiedDomains: org.verifiedDomains.map((domain) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      type: 'Managed',
      ...domain,
    })),
  };
}

/** `GET /organization` (a one-item collection) and `GET /organization/{id}`, `$select` honoured. */
export function getOrganization(ctx: GraphContext, id?: string): GraphReply {
  const refused = unsupportedQueryOption(ctx.request.query, entityOptions);
  if (refused) {
    return refused;
  }
  if (id !== undefined && id.toLowerCase() !== ctx.tenant.organization().id.toLowerCase()) {
    return graphErrors.resourceNotFound(id);
  }
  const selected = resolveSelect(ctx.request.query.get('$select') ?? undefined, [
    organizationShape,
  ]);
  if (!selected.ok) {
    return graphErrors.unknownProperty(selected.unknown, selected.type);
  }
  const names = selected.selection;
  const body = project(organizationResource(ctx), organizationShape, names ?? allProperties);
  return id === undefined
    ? jsonReply(200, { '@odata.context': collectionContext('organization', names), value: [body] })
    : jsonReply(200, { '@odata.context': entityContext('organization', names), ...body });
}
