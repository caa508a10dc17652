import { z } from 'zod';
import type { GroupLicenseOutcome } from '../../app/group-licenses/ask-group-license.ts';
import {
  parseGroupLicenseCommand,
  type GroupLicenseCommand,
} from '../../domain/group-licenses/group-license-command.ts';
import { renderCard } from '../cards/render-card.ts';
import { approvalCard } from '../requests/approval-card.ts';
import { postCardCopy } from '../requests/card-copies.ts';
import { pendingReply } from '../requests/change-reply.ts';
import { formatDue } from '../../app/schedules/schedule-use-cases.ts';
import type { ScheduleWhen } from '../../domain/schedules/schedule-phrase.ts';
import { requestIdFor, typedRequestId } from '../requests/request-id.ts';
import type { CardAction, CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { MAX_COMMAND_LENGTH } from '../routing/command-text.ts';
import { showGroupLicenses, groupLicenseForm } from './group-license-card.ts';
import { ruleGroupCreateData } from './rule-preview-command.ts';
import { splitAtLast, splitList } from '../../domain/commands/command-text.ts';

const quoted = (name: string) => `"${name.replace(/"/g, '')}"`;

/** The command as it would be typed, with the group (or license) the requester picked. */
function typedForm(command: GroupLicenseCommand): string {
  const when = command.when ? ` ${command.when.phrase}` : '';
  const reason = `${when}${command.justification ? ` because ${command.justification}` : ''}`;
  if (command.kind === 'unlicense') {
    return `unlicense group ${quoted(command.group)} from ${command.sku}${reason}`;
  }
  const without =
    command.withoutPlans.length > 0 ? ` without ${command.withoutPlans.join(', ')}` : '';
  return `license group ${quoted(command.group)} with ${command.license}${without}${reason}`;
}

/** What the requester sees once a group license change was asked for. */
async function replyToGroupLicense(
  turn: CommandTurn,
  command: GroupLicenseCommand,
  outcome: GroupLicenseOutcome,
): Promise<Reply> {
  const viewer = { userId: turn.caller.userId, isApprover: turn.caller.role === 'approver' };
  switch (outcome.kind) {
    case 'problem':
    case 'nothingToDo':
      return { text: outcome.message };
    case 'chooseGroup':
      return {
        card: renderCard('request-choice', {
          question: `Several groups match "${outcome.typed}". Which one?`,
          choices: outcome.choices.map((group) => ({
            title: group.displayName,
            subtitle: group.description ?? '',
            command: typedForm({ ...command, group: group.id }),
          })),
        }),
      };
    case 'chooseLicense':
      return {
        card: renderCard('request-choice', {
          question: outcome.message,
          choices: outcome.choices.map((choice) => ({
            title: choice,
            subtitle: '',
            command: typedForm(
              command.kind === 'license'
                ? { ...command, license: choice }
                : { ...command, sku: choice },
            ),
          })),
        }),
      };
    case 'alreadyAsked': {
      const card = approvalCard(outcome.operation.value, { viewer });
      if (turn.place.isClick) {
        return { card };
      }
      await postCardCopy(turn, outcome.operation.value, turn.place, card, {
        audience: 'requester',
        viewerUserId: turn.caller.userId,
      });
      return { text: 'You asked for this already: here it is as it stands.' };
    }
    case 'pending':
      return pendingReply(
        turn,
        outcome,
        [],
        'A group license change needs an approver other than you.',
      );
  }
}

/** A group license change with a time: stored now, sent for approval, started at its time. */
async function askGroupAtItsTime(
  turn: CommandTurn,
  command: GroupLicenseCommand,
  when: ScheduleWhen,
  operationId: string | undefined,
): Promise<Reply> {
  const outcome = await turn.deps.schedules.askGroup(
    turn.caller,
    { command, when, ...(turn.place.timeZone ? { timeZone: turn.place.timeZone } : {}) },
    operationId === undefined ? {} : { operationId },
  );
  switch (outcome.kind) {
    case 'scheduleAskedBefore':
      return { text: 'I have this schedule already: type `schedules` to see it.' };
    case 'scheduledOnce': {
      const { schedule, request } = outcome;
      if (request.kind === 'alreadyAsked') {
        return replyToGroupLicense(turn, command, request);
      }
      const at = formatDue(new Date(schedule.value.nextDueAt!), schedule.value.timing.timeZone);
      return pendingReply(
        turn,
        request,
        [],
        `Scheduled for ${at}, once approved: a group license change needs an approver other than you.`,
      );
    }
    default:
      return replyToGroupLicense(turn, command, outcome);
  }
}

/** Asks for a typed group license change: `license group …` or `unlicense group …`. */
async function askTyped(
  turn: CommandTurn,
  verb: 'license' | 'unlicense',
  rest: string,
): Promise<Reply> {
  const parsed = parseGroupLicenseCommand(verb, rest);
  if (!parsed.ok) {
    return { text: `${parsed.message} For example: \`${parsed.example}\`` };
  }
  const operationId = typedRequestId(turn, `${verb} ${rest}`);
  if (parsed.value.when) {
    return askGroupAtItsTime(turn, parsed.value, parsed.value.when, operationId);
  }
  const outcome = await turn.deps.groupLicenses.ask(
    turn.caller,
    parsed.value,
    operationId === undefined ? {} : { operationId },
  );
  return replyToGroupLicense(turn, parsed.value, outcome);
}

const words = z.string().trim().min(1).max(MAX_COMMAND_LENGTH);

/** `license group <group> with <license> [without <plans>] [because …]` */
export const licenseGroupCommand: TextCommand<string> = {
  name: 'license group',
  aliases: ['license'],
  role: 'requester',
  summary:
    'make a security group hand out a license (or change its plans): every member gets it, after an approver agrees',
  example: 'license group "Sales EMEA" with Power BI Pro because EMEA reporting moves to Power BI',
  input: words,
  usage:
    'Write it like this: `license group "Sales EMEA" with Microsoft 365 E5 without Yammer because the team moves to E5`.',
  handle: (turn, rest) => askTyped(turn, 'license', rest),
};

/** `unlicense group <group> from <SKU> [because …]` */
export const unlicenseGroupCommand: TextCommand<string> = {
  name: 'unlicense group',
  aliases: ['unlicense'],
  role: 'requester',
  summary: 'make a group stop handing out a license, after an approver agrees',
  example:
    'unlicense group Contractors from EXCHANGESTANDARD because contractors use their own mail',
  input: words,
  usage: 'Write it like this: `unlicense group Contractors from EXCHANGESTANDARD because …`.',
  handle: (turn, rest) => askTyped(turn, 'unlicense', rest),
};

/** `group license <group>`: what a group hands out, with Add / Change plans / Remove. */
export const groupLicenseCommand: TextCommand<string> = {
  name: 'group license',
  aliases: ['group licenses', 'group licensing'],
  role: 'requester',
  summary: 'what a group hands out, with buttons to add a license, change its plans or remove it',
  example: 'group license Sales EMEA',
  input: words,
  usage: 'Tell me which group: `group license` followed by its name, e.g. `group license Sales`.',
  handle: (turn, name) => showGroupLicenses(turn, name),
};

const objectId = z.string().trim().min(1).max(200);
const formData = z.object({
  groupId: objectId,
  sku: z.string().trim().max(200).optional(),
  remove: z.boolean().optional(),
});
const askData = z.object({
  groupId: objectId,
  action: z.enum(['license', 'unlicense']),
  license: z.string().trim().max(200).optional(),
  fixedLicense: z.string().trim().max(200).optional(),
  off: z.string().trim().max(4_000).optional(),
  reason: z.string().trim().max(1_000).optional(),
});

/** The group license card's buttons: open the card by id, open the form, and ask from it. */
export const groupLicenseActions: CardAction[] = [
  {
    verb: 'group-license',
    role: 'requester',
    data: z.object({ id: objectId }),
    handle: (turn, input: { id: string }) => showGroupLicenses(turn, { id: input.id }),
  } satisfies CardAction<{ id: string }>,
  {
    verb: 'group-license-form',
    role: 'requester',
    data: formData,
    handle: (turn, input: z.infer<typeof formData>) =>
      groupLicenseForm(turn, input.groupId, input.sku, input.remove === true),
  } satisfies CardAction<z.infer<typeof formData>>,
  {
    verb: 'group-license-ask',
    role: 'requester',
    data: askData,
    handle: async (turn, input: z.infer<typeof askData>) => {
      const license = input.license || input.fixedLicense || '';
      if (license === '') {
        return { text: 'Pick a license first.' };
      }
      const reason = input.reason ? { justification: input.reason } : {};
      const command: GroupLicenseCommand =
        input.action === 'unlicense'
          ? { kind: 'unlicense', group: input.groupId, sku: license, ...reason }
          : {
              kind: 'license',
              group: input.groupId,
              license,
              withoutPlans: (input.off ?? '')
                .split(',')
                .map((plan) => plan.trim())
                .filter((plan) => plan !== ''),
              ...reason,
            };
      // Every click of the same button on the same card asks for the same request.
      const clicked = turn.place.clickedActivityId;
      const outcome = await turn.deps.groupLicenses.ask(
        turn.caller,
        command,
        clicked === undefined
          ? {}
          : {
              operationId: requestIdFor(turn, [
                clicked,
                input.action,
                input.groupId,
                license,
                input.off ?? '',
              ]),
            },
      );
      return replyToGroupLicense(turn, command, outcome);
    },
  } satisfies CardAction<z.infer<typeof askData>>,
  {
    // "Create this group" on a rule preview: the dynamic group and its license, once another
    // approver approves.
    verb: 'rule-group-create',
    role: 'approver',
    data: ruleGroupCreateData,
    handle: async (turn, input: z.infer<typeof ruleGroupCreateData>) => {
      const parts = splitAtLast(input.license, 'without');
      const license = (parts?.[0] ?? input.license).trim();
      const withoutPlans = parts ? splitList(parts[1]) : [];
      const clicked = turn.place.clickedActivityId;
      const outcome = await turn.deps.groupLicenses.createDynamic(
        turn.caller,
        { name: input.name, rule: input.rule, license, withoutPlans },
        clicked === undefined
          ? {}
          : { operationId: requestIdFor(turn, [clicked, 'create', input.name, input.rule]) },
      );
      return replyToGroupLicense(
        turn,
        { kind: 'license', group: input.name, license, withoutPlans },
        outcome,
      );
    },
  } satisfies CardAction<z.infer<typeof ruleGroupCreateData>>,
] as CardAction[];
