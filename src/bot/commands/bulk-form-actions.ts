import { z } from 'zod';
import type { PreviewOutcome } from '../../app/requests/request-outcome.ts';
import { describeCount } from '../../domain/selection/selection-count.ts';
import type { CardAction, CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { bulkCommand } from './bulk-form-command.ts';
import { countWho } from './bulk-form-count.ts';
import { reviewStep, whatStep, whoStep } from './bulk-form-steps.ts';
import { bulkValues, emptyBulkValues, type BulkValues } from './bulk-form-values.ts';
import { askForChange } from './license-change-commands.ts';

/** Why a preview stopped short, in words for the card. */
function previewProblem(outcome: Exclude<PreviewOutcome, { kind: 'preview' }>): string {
  switch (outcome.kind) {
    case 'problem':
    case 'nothingToDo':
    case 'chooseLicense':
      return outcome.message;
    case 'chooseUser':
      return `Several people match "${outcome.typed}": use their email address.`;
    case 'confirmSelection':
      return `${describeCount(outcome.count)}: count again and preview.`;
  }
}

/** "Count": whom the form names, counted, then step 2; or step 1 again saying what is wrong. */
async function countStep(turn: CommandTurn, values: BulkValues, message = ''): Promise<Reply> {
  const counted = await countWho(turn, values);
  if (!counted.ok) {
    return whoStep(values, counted.failure);
  }
  if (counted.value.count.count === 0) {
    return whoStep(values, `Nobody to change: ${describeCount(counted.value.count)}.`);
  }
  return whatStep(turn, values, counted.value, message);
}

/** "Preview": the change planned and judged as submitting it would, storing nothing. */
async function previewStep(turn: CommandTurn, values: BulkValues): Promise<Reply> {
  const asked = bulkCommand(values, await turn.deps.requests.choices(turn.caller.tenantId));
  if (!asked.ok) {
    return countStep(turn, values, asked.failure);
  }
  // The count was shown at step 2: this plans for all of them, as the submit will.
  const outcome = await turn.deps.requests.preview(turn.caller, asked.value.command, {
    confirmed: true,
    ...(asked.value.file ? { file: asked.value.file } : {}),
  });
  return outcome.kind === 'preview'
    ? reviewStep(values, outcome, asked.value)
    : countStep(turn, values, previewProblem(outcome));
}

/** "Submit for approval": the command the form stands for, asked for exactly as if typed. */
async function submit(turn: CommandTurn, values: BulkValues): Promise<Reply> {
  const asked = bulkCommand(values, await turn.deps.requests.choices(turn.caller.tenantId));
  if (!asked.ok) {
    return countStep(turn, values, asked.failure);
  }
  return askForChange(turn, asked.value.text, {
    confirmed: true,
    ...(asked.value.file ? { file: asked.value.file } : {}),
  });
}

/** `bulk`: the bulk form, for changing many people's licenses without typing the command. */
export const bulkFormCommand: TextCommand<string> = {
  name: 'bulk',
  aliases: ['bulk form', 'bulk change', 'bulk request'],
  role: 'requester',
  summary:
    'a form to change many people’s licenses at once (group, filter, pasted CSV): count, preview seats and cost, submit',
  example: 'bulk',
  input: z.string().max(0),
  usage: 'Just type `bulk`: the form asks for the rest.',
  handle: () => Promise.resolve(whoStep(emptyBulkValues)),
};

/** The bulk form's steps: who (and a method switch), count, preview, submit. */
export const bulkFormActions: CardAction[] = [
  {
    verb: 'bulk-form',
    role: 'requester',
    data: bulkValues,
    handle: (_turn, values: BulkValues) => Promise.resolve(whoStep(values)),
  } satisfies CardAction<BulkValues>,
  {
    verb: 'bulk-form-count',
    role: 'requester',
    data: bulkValues,
    handle: (turn, values: BulkValues) => countStep(turn, values),
  } satisfies CardAction<BulkValues>,
  {
    verb: 'bulk-form-preview',
    role: 'requester',
    data: bulkValues,
    handle: previewStep,
  } satisfies CardAction<BulkValues>,
  {
    verb: 'bulk-form-submit',
    role: 'requester',
    data: bulkValues,
    handle: submit,
  } satisfies CardAction<BulkValues>,
] as CardAction[];
