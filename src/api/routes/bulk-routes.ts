import { z } from 'zod';
import type { ChangeCommand } from '../../app/requests/request-outcome.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import { defineCsvRoute, type ApiRoute } from '../api-route.ts';
import type { ApiSettings, ApiUseCases } from '../api-use-cases.ts';
import {
  askChange,
  assignCommand,
  changeContext,
  assignFields,
  changeResponses,
  idempotencyHeader,
  justification,
  ONE_LICENSE,
  oneLicense,
  userKey,
} from './change-request.ts';
import { askCsvChange } from './csv-request.ts';
import { MAX_NAMED_USERS } from './user-license-routes.ts';

const BASE = '/api/automation/bulk-licenses';

/** Whom a bulk change is for, as in chat: named users, a group's members, or a filter. */
const selection = z
  .union([
    z.strictObject({ users: z.array(userKey).min(1).max(MAX_NAMED_USERS) }),
    z.strictObject({
      group: z.string().trim().min(1).max(256).describe('A group id or display name.'),
    }),
    z.strictObject({
      filter: z
        .string()
        .trim()
        .min(1)
        .max(1000)
        .describe('As in chat: department eq "Sales" and not has Power BI Pro.'),
    }),
  ])
  .describe('Exactly one of users, group or filter.');

const confirm = z
  .boolean()
  .optional()
  .describe('Confirms a selection larger than the policy asks confirmation for.');

/** The command's users and selection from the body's selection. */
function whom(chosen: z.output<typeof selection>): {
  users: string[];
  selection?: BulkSelection;
} {
  if ('users' in chosen) {
    return { users: chosen.users };
  }
  return 'group' in chosen
    ? { users: [], selection: { kind: 'group', group: chosen.group } }
    : { users: [], selection: { kind: 'filter', filter: chosen.filter } };
}

const assignBody = z
  .strictObject({ selection, confirm, ...assignFields })
  .refine(oneLicense, ONE_LICENSE);

const removeBody = z.strictObject({
  selection,
  confirm,
  sku: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .describe('The SKU to remove (id, part number or name), or "all" for every direct license.'),
  keepMailbox: z.boolean().optional().describe('Keep Exchange Online on and every other plan off.'),
  justification,
});

const modifyBody = z.strictObject({
  selection,
  confirm,
  action: z.enum(['enable', 'disable']),
  plans: z.array(z.string().trim().min(1).max(120)).min(1).max(50),
  sku: z.string().trim().min(1).max(120).optional().describe('The SKU holding the plans.'),
  justification,
});

/** A comma-separated list in a query parameter. */
const listParameter = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .describe(`${what}, comma-separated.`);

const yesNo = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => value === 'true');

/** The query of a CSV assign: the license (unless the rows name theirs) and why. */
const assignCsvQuery = z.strictObject({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .describe(
      'text/csv only: the SKU (id, part number, name or template) for rows whose LicenseSKU is empty; leave out when every row names one.',
    ),
  disabledPlans: listParameter('text/csv only: service plans to leave off').optional(),
  usageLocation: assignFields.usageLocation,
  justification: justification.describe('text/csv only: why, as a JSON body says it.'),
});

const removeCsvQuery = z.strictObject({
  sku: removeBody.shape.sku.describe(
    'text/csv only: the SKU to remove from the file’s users, or "all" for every direct license.',
  ),
  keepMailbox: yesNo.describe('text/csv only: keep Exchange Online on, every other plan off.'),
  justification: justification.describe('text/csv only: why.'),
});

const modifyCsvQuery = z.strictObject({
  action: z.enum(['enable', 'disable']).describe('text/csv only.'),
  plans: listParameter('text/csv only: the service plans'),
  sku: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .describe('text/csv only: the SKU holding the plans.'),
  justification: justification.describe('text/csv only: why.'),
});

const CSV_BODY =
  'The users as a CSV, as the chat’s bulk upload takes it (UTF-8, header UserPrincipalName or ObjectId, optional LicenseSKU and DisabledPlans; up to 8 MiB, about 100,000 rows); the change comes from the query. Any wrong row refuses the whole file with 422 CSV_ROWS_INVALID.';

const removeCommand = (
  users: string[],
  bulk: BulkSelection | undefined,
  options: { sku: string; keepMailbox?: boolean | undefined; justification: string },
): ChangeCommand => ({
  kind: 'remove',
  license:
    options.sku.toLowerCase() === 'all' ? { scope: 'all' } : { scope: 'sku', sku: options.sku },
  users,
  ...(bulk ? { selection: bulk } : {}),
  ...(options.keepMailbox ? { keepMailbox: true } : {}),
  justification: options.justification,
});

const modifyCommand = (
  users: string[],
  bulk: BulkSelection | undefined,
  options: {
    action: 'enable' | 'disable';
    plans: string[];
    sku?: string | undefined;
    justification: string;
  },
): ChangeCommand => ({
  kind: 'modify',
  action: options.action,
  plans: options.plans,
  ...(options.sku ? { sku: options.sku } : {}),
  users,
  ...(bulk ? { selection: bulk } : {}),
  justification: options.justification,
});

/**
 * `POST /api/automation/bulk-licenses/assign|remove|modify`: a selection, as in chat, as JSON,
 * or the users as a CSV body with the change in the query.
 */
export function bulkRoutes(uses: ApiUseCases, settings: ApiSettings): ApiRoute[] {
  const context = (path: string, input: Parameters<typeof changeContext>[3]) =>
    changeContext(uses, settings, path, input);
  const confirmed = (confirm: boolean | undefined) => (confirm ? { confirmed: true } : {});
  return [
    defineCsvRoute({
      method: 'post',
      path: `${BASE}/assign`,
      operationId: 'bulkAssign',
      summary: 'Assign a license to a selection: users, a group’s members, a filter, or a CSV.',
      permission: 'request',
      body: assignBody,
      csv: { query: assignCsvQuery, description: CSV_BODY },
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) => {
        if (input.csv) {
          const { sku, disabledPlans, usageLocation, justification: why } = input.csv.options;
          return askCsvChange(
            context(`${BASE}/assign`, input),
            assignCommand([], { sku: sku ?? '', disabledPlans, usageLocation, justification: why }),
            input.csv.text,
          );
        }
        const { selection: chosen, confirm, ...license } = input.body;
        const { users, selection: bulk } = whom(chosen);
        return askChange(
          context(`${BASE}/assign`, input),
          { ...assignCommand(users, license), ...(bulk ? { selection: bulk } : {}) },
          confirmed(confirm),
        );
      },
    }),
    defineCsvRoute({
      method: 'post',
      path: `${BASE}/remove`,
      operationId: 'bulkRemove',
      summary: 'Remove a license (or all direct licenses) from a selection, or a CSV’s users.',
      permission: 'request',
      body: removeBody,
      csv: { query: removeCsvQuery, description: CSV_BODY },
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) => {
        if (input.csv) {
          return askCsvChange(
            context(`${BASE}/remove`, input),
            removeCommand([], undefined, input.csv.options),
            input.csv.text,
          );
        }
        const { users, selection: bulk } = whom(input.body.selection);
        return askChange(
          context(`${BASE}/remove`, input),
          removeCommand(users, bulk, input.body),
          confirmed(input.body.confirm),
        );
      },
    }),
    defineCsvRoute({
      method: 'post',
      path: `${BASE}/modify`,
      operationId: 'bulkModify',
      summary: 'Enable or disable service plans of a license the selection (or a CSV’s users) has.',
      permission: 'request',
      body: modifyBody,
      csv: { query: modifyCsvQuery, description: CSV_BODY },
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) => {
        if (input.csv) {
          return askCsvChange(
            context(`${BASE}/modify`, input),
            modifyCommand([], undefined, input.csv.options),
            input.csv.text,
          );
        }
        const { users, selection: bulk } = whom(input.body.selection);
        return askChange(
          context(`${BASE}/modify`, input),
          modifyCommand(users, bulk, input.body),
          confirmed(input.body.confirm),
        );
      },
    }),
  ];
}
