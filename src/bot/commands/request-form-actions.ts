import { z } from 'zod';
import type { ChangeCommand } from '../../app/requests/request-license.ts';
import { countryCodeOf } from '../../domain/geo/usage-location.ts';
import { parseSchedulePhrase } from '../../domain/schedules/schedule-phrase.ts';
import { replyToChange } from '../requests/change-reply.ts';
import { commandText } from '../requests/command-text.ts';
import { askScheduled } from '../schedules/schedule-reply.ts';
import { requestIdFor } from '../requests/request-id.ts';
import type { CardAction, CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { plansLeftOff } from './request-form-license.ts';
import {
  formStep,
  justificationRequired,
  plansStep,
  prepareRequest,
  typedUsers,
  withoutLocation,
  type FormValues,
} from './request-form-steps.ts';

// Card data is never trusted: every step checks it again and finds users and licenses anew.
const text = (max: number) => z.string().max(max).default('');
const formValues = z.object({
  users: text(6_000),
  license: text(300),
  justification: text(1_000).transform((value) => value.trim()),
});
const nextInput = formValues.extend({
  /** The person picked when a name fitted several, and the name it replaces. */
  chosen: text(300),
  chosenFor: text(300),
});
// Plan switches come as `plan:<SKU part number>:<plan name>` = "true" | "false".
const sendInput = formValues
  .extend({ location: text(10), when: text(200).transform((value) => value.trim()) })
  .catchall(z.unknown());

type SendInput = z.infer<typeof sendInput>;

const valuesOf = (input: FormValues): FormValues => ({
  users: input.users,
  license: input.license,
  justification: input.justification,
});

const whyMissing = 'Say why they need it: the approver reads this.';

/** Opens the request form, at step 1, with whatever was typed before. */
export function openRequestForm(turn: CommandTurn, values?: Partial<FormValues>): Promise<Reply> {
  return formStep(turn, { users: '', license: '', justification: '', ...values });
}

/** "Next": finds the people and the license, then shows the plan switches. */
async function showPlans(turn: CommandTurn, input: z.infer<typeof nextInput>): Promise<Reply> {
  const picked =
    input.chosen && input.chosenFor ? { typed: input.chosenFor, chosen: input.chosen } : undefined;
  const words = typedUsers(input.users, picked);
  const values = { ...valuesOf(input), users: words.join(', ') };
  if (justificationRequired(turn) && values.justification === '') {
    return formStep(turn, values, { message: whyMissing });
  }
  const prepared = await prepareRequest(turn, words, input.license);
  return prepared.ok
    ? plansStep(turn, prepared.value, { justification: values.justification })
    : formStep(turn, values, prepared.failure);
}

/** "Send request": the form as the typed `assign` it stands for, asked for like typed text. */
async function send(turn: CommandTurn, input: SendInput): Promise<Reply> {
  const values = valuesOf(input);
  const prepared = await prepareRequest(turn, typedUsers(input.users), input.license);
  if (!prepared.ok) {
    return formStep(turn, values, prepared.failure);
  }
  const request = prepared.value;
  const needsLocation = withoutLocation(request).length > 0;
  const again = (message: string) =>
    plansStep(
      turn,
      request,
      {
        justification: values.justification,
        location: input.location,
        toggles: input,
        when: input.when,
      },
      message,
    );
  if (justificationRequired(turn) && values.justification === '') {
    return again(whyMissing);
  }
  const location = needsLocation ? countryCodeOf(input.location) : undefined;
  if (needsLocation && location === undefined) {
    return again(
      `"${input.location}" is not a country: give a two-letter country code such as US, GB or FR.`,
    );
  }
  const off = plansLeftOff(request.license, input);
  if (!off.ok) {
    return again(off.failure);
  }
  const when = input.when === '' ? undefined : parseSchedulePhrase(input.when);
  if (when && !when.ok) {
    return again(`${when.message} For example: ${when.example}`);
  }
  const command: ChangeCommand = {
    kind: 'assign',
    license: request.license.word,
    users: request.users.map((user) => user.userPrincipalName),
    withoutPlans: off.value,
    ...(location ? { usageLocation: location } : {}),
    // Carried in the command too, so a follow-up card (a location fix, a pick) keeps it.
    ...(values.justification ? { justification: values.justification } : {}),
  };
  // Every click of this form's Send by the same person asks for the same request.
  const form = turn.place.clickedActivityId;
  const asked = form === undefined ? {} : { operationId: requestIdFor(turn, [form]) };
  if (when) {
    return askScheduled(turn, command, when.value, asked, commandText(command));
  }
  const outcome = await turn.deps.requests.ask(
    turn.caller,
    command,
    values.justification || undefined,
    asked,
  );
  return replyToChange(turn, command, outcome);
}

/** `request`: the request form, for those who would rather fill in a card than type. */
export const requestFormCommand: TextCommand<string> = {
  name: 'request',
  aliases: ['new request', 'request form', 'form'],
  role: 'requester',
  summary: 'a form to ask for a license or template: who, service plans on or off, and why',
  example: 'request',
  input: z.string().max(0),
  usage: 'Just type `request`: the form asks for the rest.',
  handle: (turn) => openRequestForm(turn),
};

/** The request form's steps: back to step 1, on to the plan switches, and send. */
export const requestFormActions: CardAction[] = [
  {
    verb: 'request-form',
    role: 'requester',
    data: formValues,
    handle: (turn, input: FormValues) => openRequestForm(turn, input),
  } satisfies CardAction<FormValues>,
  {
    verb: 'request-form-plans',
    role: 'requester',
    data: nextInput,
    handle: showPlans,
  } satisfies CardAction<z.infer<typeof nextInput>>,
  {
    verb: 'request-form-send',
    role: 'requester',
    data: sendInput,
    handle: send,
  } satisfies CardAction<SendInput>,
] as CardAction[];
