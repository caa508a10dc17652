/**
 * Which properties Entra ID lets `$filter` use, with which operators, and whether each works by
 * default or only as an advanced query: one schema per resource.
 */
export * from './schema-types.ts';
export { userFilterSchema } from './user-filter-schema.ts';
export { groupFilterSchema } from './group-filter-schema.ts';
