import { advancedText, flag, startsWith, text, type FilterSchema } from './schema-types.ts';

/**
 * Groups, from the per-property table of Microsoft's "Advanced query capabilities on Microsoft
 * Entra ID objects" and the group resource page (`groupTypes`).
 */
export const groupFilterSchema: FilterSchema = {
  resource: 'Group',
  entityType: 'microsoft.graph.group',
  properties: {
    id: text({}, null),
    displayName: text(startsWith),
    mail: text({ ...startsWith, endsWith: 'advanced' }),
    mailNickname: text(startsWith),
    membershipRule: text(startsWith, null),
    membershipRuleProcessingState: text({}, null),
    classification: text(startsWith, null),
    description: advancedText(undefined, null),
    securityEnabled: flag(),
    mailEnabled: flag(),
    onPremisesSyncEnabled: flag('advanced'),
    // Graph refuses this one when the advanced parameters come along (a documented exception).
    hasMembersWithLicenseErrors: {
      kind: 'scalar',
      type: 'boolean',
      operators: { eq: 'default' },
      rejectsAdvancedQuery: true,
    },
    assignedLicenses: {
      kind: 'collection',
      any: 'default',
      not: 'advanced',
      element: { skuId: { kind: 'scalar', type: 'guid', operators: { eq: 'default' } } },
    },
    groupTypes: {
      kind: 'collection',
      any: 'default',
      not: 'advanced',
      count: 'advanced',
      element: { '': { kind: 'scalar', type: 'string', operators: { eq: 'default' } } },
    },
  },
  // Graph documents createdDateTime as filterable on groups, yet answers "Unsupported" even in an
  // advanced query (the advanced-queries page shows exactly that response).
  unfilterable: ['createdDateTime', 'licenseProcessingState', 'visibility'],
};
