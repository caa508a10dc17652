import { z } from 'zod';
import type { GroupLicenseOutcome } from '../../app/group-licenses/ask-group-license.ts';
import type { GroupLicenseCommand } from '../../domain/group-licenses/group-license-command.ts';
import { defineRoute, type ApiAnswer, type ApiRoute } from '../api-route.ts';
import type { ApiSettings, ApiUseCases } from '../api-use-cases.ts';
import { ApiProblem } from '../problem.ts';
import {
  changeContext,
  changeResponses,
  type ChangeContext,
  idempotencyHeader,
  idempotent,
  justification,
  ONE_LICENSE,
  oneLicense,
  sameRequest,
} from './change-request.ts';
import { accepted } from './request-answer.ts';

const LICENSE = '/api/identity/groups/:id/licenses';
const UNLICENSE = '/api/identity/groups/:id/licenses/:sku';

const groupParams = z.object({
  id: z.string().trim().min(1).max(256).describe('The group id or display name.'),
});

const licenseGroupBody = z
  .strictObject({
    skuId: z.uuid().optional(),
    sku: z.string().trim().min(1).max(120).optional().describe('Part number, name or template.'),
    disabledPlans: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
    justification,
  })
  .refine(oneLicense, ONE_LICENSE);

/** What a group license request answers, as `requestAnswer` does for users. */
function groupAnswer(outcome: GroupLicenseOutcome): ApiAnswer {
  switch (outcome.kind) {
    case 'pending':
    case 'alreadyAsked':
      return accepted(outcome.operation.value);
    case 'problem':
      throw new ApiProblem(422, 'REQUEST_REFUSED', 'Request refused', outcome.message);
    case 'nothingToDo':
      throw new ApiProblem(409, 'NOTHING_TO_DO', 'Nothing to do', outcome.message);
    case 'chooseGroup':
      throw new ApiProblem(
        422,
        'GROUP_AMBIGUOUS',
        'Request refused',
        `"${outcome.typed}" names several groups: use the group's id.`,
        { choices: outcome.choices.map((group) => `${group.displayName} (${group.id})`) },
      );
    case 'chooseLicense':
      throw new ApiProblem(422, 'LICENSE_AMBIGUOUS', 'Request refused', outcome.message, {
        choices: outcome.choices,
      });
  }
}

/** `POST` and `DELETE /api/identity/groups/:id/licenses…`: group-based licensing, as in chat. */
export function groupRoutes(uses: ApiUseCases, settings: ApiSettings): ApiRoute[] {
  // Group license changes never skip approval: Entra applies them to every member, now and later.
  const ask = (context: ChangeContext, command: GroupLicenseCommand) =>
    idempotent(context, async (ids) => {
      const outcome = await uses.groupLicenses.ask(context.who.caller, command, ids);
      return outcome.kind === 'alreadyAsked'
        ? sameRequest(context, outcome.operation.value)
        : groupAnswer(outcome);
    });
  return [
    defineRoute({
      method: 'post',
      path: LICENSE,
      operationId: 'licenseGroup',
      summary:
        'Ask for a group to hand out a license (or for the plans of one it hands out to change); an approver decides in Teams.',
      permission: 'request',
      params: groupParams,
      body: licenseGroupBody,
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) =>
        ask(changeContext(uses, settings, LICENSE, input), {
          kind: 'license',
          group: input.params.id,
          license: input.body.skuId ?? input.body.sku ?? '',
          withoutPlans: input.body.disabledPlans ?? [],
          justification: input.body.justification,
        }),
    }),
    defineRoute({
      method: 'delete',
      path: UNLICENSE,
      operationId: 'unlicenseGroup',
      summary: 'Ask for a group to stop handing out a license; an approver decides in Teams.',
      permission: 'request',
      params: groupParams.extend({ sku: z.string().min(1).max(120) }),
      query: z.object({ justification }),
      headers: idempotencyHeader,
      responses: changeResponses,
      handle: (input) =>
        ask(changeContext(uses, settings, UNLICENSE, input), {
          kind: 'unlicense',
          group: input.params.id,
          sku: input.params.sku,
          justification: input.query.justification,
        }),
    }),
  ];
}
