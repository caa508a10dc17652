import { flag, ordered, text, type FilterSchema } from './schema-types.ts';

/** Groups, from the group resource page and the advanced-queries page. */
export const groupFilterSchema: FilterSchema = {
  resource: 'Group',
  entityType: 'microsoft.graph.group',
  properties: {
    id: text({}, null),
    displayName: text(ordered),
    description: text(ordered),
    mailNickname: text(ordered),
    mail: text({ ...ordered, endsWith: 'advanced' }),
    securityEnabled: flag(),
    mailEnabled: flag(),
    hasMembersWithLicenseErrors: {
      kind: 'scalar',
      type: 'boolean',
      operators: { eq: 'default' },
      rejectsAdvancedQuery: true,
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
  unfilterable: ['createdDateTime', 'assignedLicenses', 'licenseProcessingState', 'visibility'],
};
