/**
 * The environment as License Desk reads it: one zod schema that checks every variable, then the
 * rules between them (what production needs), then builds the `Config`. Every problem is
 * reported at once, so an admin fixes their settings in one round, not one restart per mistake.
 */
import { fields } from './environment-variables.ts';
import { checkProduction } from './production-rules.ts';
import { toConfig } from './to-config.ts';

export { environmentVariableNames } from './environment-variables.ts';
export { wantsProduction } from './production-rules.ts';
export { EMBEDDED_GRAPH_TOKEN, EMBEDDED_TENANT_ID } from './to-config.ts';

/** The environment → `Config`, with every problem as an issue whose path is the variable. */
export const environmentSchema = fields.superRefine(checkProduction).transform(toConfig);
