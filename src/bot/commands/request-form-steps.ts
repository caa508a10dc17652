import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { splitList } from '../../domain/commands/command-text.ts';
import type { Result } from '../../domain/errors.ts';
import { countryCodeOf, isCountryCode } from '../../domain/geo/usage-location.ts';
import type { DirectoryUser } from '../../domain/licensing.ts';
import type { RequestFormCardData, RequestFormPlansCardData } from '../cards/card-data.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import {
  licenseChoices,
  pickLicense,
  planToggleId,
  type PickedLicense,
} from './request-form-license.ts';

/**
 * At most this many people in one request from the form, as typed (the plans card stays under
 * 28 KB with them).
 */
export const MAX_FORM_USERS = 20;

/** What step 1 holds, as typed; kept whenever a step is redrawn. */
export interface FormValues {
  users: string;
  license: string;
  justification: string;
}

/** Several people fit a typed name: step 1 asks which one. */
export interface UserQuestion {
  typed: string;
  matches: DirectoryUser[];
}

/** The people and the license of a request, found in the tenant now. */
export interface PreparedRequest {
  users: DirectoryUser[];
  license: PickedLicense;
}

/** Why step 1 cannot go on: a message, or a question about a name. */
export type NotPrepared = { message: string } | { question: UserQuestion };

const TITLE = 'New license request';

/**
 * Requesters must say why: an approver decides on it. An approver's own request may run at once
 * and is on record under their name, so a reason is welcome but not demanded.
 */
export const justificationRequired = (turn: CommandTurn): boolean =>
  turn.caller.role === 'requester';

const justificationLabel = (turn: CommandTurn): string =>
  justificationRequired(turn)
    ? 'Why they need it (the approver reads this)'
    : 'Why they need it (optional; kept in the history)';

/** The typed people as a list, with a name picked on the card put in place of what was typed. */
export function typedUsers(text: string, picked?: { typed: string; chosen: string }): string[] {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return splitList(text).map((word) => (picked && same(word, picked.typed) ? picked.chosen : word));
}

/** Step 1: who, which license or template, and why, with what was typed before. */
export async function formStep(
  turn: CommandTurn,
  values: FormValues,
  problem?: NotPrepared,
): Promise<Reply> {
  const { deps, caller } = turn;
  const { skus, templates } = await deps.requests.choices(caller.tenantId);
  const question = problem && 'question' in problem ? problem.question : undefined;
  const data: RequestFormCardData = {
    title: TITLE,
    message: problem && 'message' in problem ? problem.message : '',
    users: values.users,
    usersExample: `e.g. adelev@contoso.onmicrosoft.com, ${caller.userPrincipalName}`,
    license: values.license,
    licenseChoices: licenseChoices(skus, templates),
    justification: values.justification,
    justificationLabel: justificationLabel(turn),
    justificationRequired: justificationRequired(turn),
    choose: question
      ? {
          question: `Several people match "${question.typed}". Which one?`,
          typed: question.typed,
          choices: question.matches.map((user) => ({
            title: `${user.displayName} (${user.userPrincipalName})`,
            value: user.userPrincipalName,
          })),
        }
      : { question: '', typed: '', choices: [] },
  };
  return { card: renderCard('request-form', data) };
}

/** Finds the people and the license step 1 names, as the tenant has them now. */
export async function prepareRequest(
  turn: CommandTurn,
  words: readonly string[],
  license: string,
): Promise<Result<PreparedRequest, NotPrepared>> {
  const { deps, caller } = turn;
  if (words.length === 0) {
    return { ok: false, failure: { message: 'Say who should get the license.' } };
  }
  if (words.length > MAX_FORM_USERS) {
    return {
      ok: false,
      failure: {
        message: `That is ${words.length} people; the form takes at most ${MAX_FORM_USERS}. Ask for them in groups of ${MAX_FORM_USERS} or fewer, or license a group.`,
      },
    };
  }
  const [found, { skus, templates }] = await Promise.all([
    deps.requests.findUsers(caller.tenantId, words),
    deps.requests.choices(caller.tenantId),
  ]);
  if (found.kind === 'none') {
    return {
      ok: false,
      failure: {
        message: `I found nobody matching "${found.typed}". Use their email address, e.g. adelev@contoso.onmicrosoft.com.`,
      },
    };
  }
  if (found.kind === 'several') {
    return { ok: false, failure: { question: { typed: found.typed, matches: found.matches } } };
  }
  const picked = pickLicense(license, skus, templates);
  if (!picked.ok) {
    return { ok: false, failure: { message: picked.failure } };
  }
  // The same person typed twice is one person in the request.
  const users = [...new Map(found.users.map((user) => [user.id, user])).values()];
  return { ok: true, value: { users, license: picked.value } };
}

/** The people of a request without a valid usage location: a direct license needs one. */
export const withoutLocation = (prepared: PreparedRequest): DirectoryUser[] =>
  prepared.users.filter((user) => !user.usageLocation || !isCountryCode(user.usageLocation));

/** Their own country when they share one, else the tenant's: only a starting value to check. */
async function likelyLocation(
  turn: CommandTurn,
  missing: readonly DirectoryUser[],
): Promise<string> {
  const countries = new Set(missing.map((user) => countryCodeOf(user.country)));
  const [only] = countries;
  return countries.size === 1 && only !== undefined
    ? only
    : await turn.deps.requests.organizationCountry(turn.caller.tenantId);
}

/** Step 2: who was found, a switch per service plan, the usage location when missing, why. */
export async function plansStep(
  turn: CommandTurn,
  prepared: PreparedRequest,
  values: {
    justification: string;
    location?: string;
    toggles?: Record<string, unknown>;
    when?: string;
  },
  message = '',
): Promise<Reply> {
  const missing = withoutLocation(prepared);
  const location =
    values.location ?? (missing.length > 0 ? await likelyLocation(turn, missing) : '');
  const { license } = prepared;
  const data: RequestFormPlansCardData = {
    title: TITLE,
    message,
    users: prepared.users.map((user) => user.userPrincipalName).join(', '),
    license: `${license.kind}:${license.word}`,
    people: prepared.users.map((user) => ({
      line: `${user.displayName} · ${user.userPrincipalName}${user.usageLocation ? '' : ' · no usage location yet'}`,
    })),
    licenseLine: license.label,
    plansNote:
      license.kind === 'template'
        ? 'Service plans as the template sets them; turn off any they should not get.'
        : 'Every service plan is on; turn off the ones they should not get.',
    licenses: license.skus.map((entry) => ({
      product: skuDisplayName(entry.sku),
      plans: entry.sku.servicePlans.map((plan) => {
        const id = planToggleId(entry.sku, plan);
        const sent = values.toggles?.[id];
        const on = sent === 'true' || sent === 'false' ? sent === 'true' : entry.startsOn(plan);
        return {
          id,
          title: planDisplayName(plan),
          value: on ? ('true' as const) : ('false' as const),
        };
      }),
    })),
    askLocation: missing.length > 0,
    locationNote: `${missing.map((user) => user.displayName).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no usage location yet, and a license needs one: say the country where they use the services.`,
    location,
    justification: values.justification,
    justificationLabel: justificationLabel(turn),
    justificationRequired: justificationRequired(turn),
    when: values.when ?? '',
  };
  return { card: renderCard('request-form-plans', data) };
}
