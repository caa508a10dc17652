import { z } from 'zod';
import type { ChangeCommand } from '../../app/requests/request-outcome.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import type { ApiUseCases } from '../api-use-cases.ts';
import {
  askChange,
  assignCommand,
  assignFields,
  changeResponses,
  idempotencyHeader,
  justification,
  ONE_LICENSE,
  oneLicense,
  userKey,
} from './change-request.ts';
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

/** `POST /api/automation/bulk-licenses/assign|remove|modify`: a selection, as in chat. */
export function bulkRoutes(uses: ApiUseCases): ApiRoute[] {
  const ask = (
    path: string,
    key: string | undefined,
    who: Parameters<typeof askChange>[1],
    command: ChangeCommand,
    confirmed: boolean | undefined,
  ) => askChange(uses, who, path, key, command, confirmed ? { confirmed } : {});
  return [
    defineRoute({
      method: 'post',
      path: `${BASE}/assign`,
      operationId: 'bulkAssign',
      summary: 'Assign a license to a selection: users, a group’s members, or a filter.',
      permission: 'request',
      body: assignBody,
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: ({ who, body, headers }) => {
        const { selection: chosen, confirm: confirmed, ...license } = body;
        const { users, selection: bulk } = whom(chosen);
        return ask(
          `${BASE}/assign`,
          headers['idempotency-key'],
          who,
          { ...assignCommand(users, license), ...(bulk ? { selection: bulk } : {}) },
          confirmed,
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: `${BASE}/remove`,
      operationId: 'bulkRemove',
      summary: 'Remove a license (or all direct licenses) from a selection.',
      permission: 'request',
      body: removeBody,
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: ({ who, body, headers }) => {
        const { users, selection: bulk } = whom(body.selection);
        return ask(
          `${BASE}/remove`,
          headers['idempotency-key'],
          who,
          {
            kind: 'remove',
            license:
              body.sku.toLowerCase() === 'all' ? { scope: 'all' } : { scope: 'sku', sku: body.sku },
            users,
            ...(bulk ? { selection: bulk } : {}),
            ...(body.keepMailbox ? { keepMailbox: true } : {}),
            justification: body.justification,
          },
          body.confirm,
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: `${BASE}/modify`,
      operationId: 'bulkModify',
      summary: 'Enable or disable service plans of a license the selection already has.',
      permission: 'request',
      body: modifyBody,
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: ({ who, body, headers }) => {
        const { users, selection: bulk } = whom(body.selection);
        return ask(
          `${BASE}/modify`,
          headers['idempotency-key'],
          who,
          {
            kind: 'modify',
            action: body.action,
            plans: body.plans,
            ...(body.sku ? { sku: body.sku } : {}),
            users,
            ...(bulk ? { selection: bulk } : {}),
            justification: body.justification,
          },
          body.confirm,
        );
      },
    }),
  ];
}
