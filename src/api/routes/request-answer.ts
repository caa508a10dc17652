import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { RequestOutcome } from '../../app/requests/request-outcome.ts';
import type { ApiAnswer } from '../api-route.ts';
import { ApiProblem } from '../problem.ts';
import { operationBody, operationUrl } from './operation-view.ts';

/** `202 Accepted` with the operation's URL and the operation, its preview included. */
export const accepted = (operation: StoredOperation): ApiAnswer => ({
  status: 202,
  headers: { Location: operationUrl(operation.id) },
  body: operationBody(operation),
});

/**
 * What a change request answers: `202` with the operation's URL and its preview once it is
 * stored (pending approval, running, or asked before under the same key); a problem otherwise.
 */
export function requestAnswer(outcome: RequestOutcome): ApiAnswer {
  switch (outcome.kind) {
    case 'pending':
    case 'runNow':
    case 'alreadyAsked':
      return accepted(outcome.operation.value);
    case 'problem':
      throw new ApiProblem(
        422,
        outcome.failure?.code ?? 'REQUEST_REFUSED',
        'Request refused',
        outcome.message,
      );
    case 'chooseUser':
      throw new ApiProblem(
        422,
        'USER_AMBIGUOUS',
        'Request refused',
        `"${outcome.typed}" names several users: use an object id or a user principal name.`,
        { choices: outcome.matches.map((user) => user.userPrincipalName) },
      );
    case 'chooseLicense':
      throw new ApiProblem(422, 'LICENSE_AMBIGUOUS', 'Request refused', outcome.message, {
        choices: outcome.choices,
      });
    case 'nothingToDo':
      throw new ApiProblem(409, 'NOTHING_TO_DO', 'Nothing to do', outcome.message);
    case 'confirmSelection':
      throw new ApiProblem(
        422,
        'CONFIRMATION_NEEDED',
        'Request refused',
        `The selection names ${outcome.count.count} users: confirm it in Teams.`,
      );
  }
}
