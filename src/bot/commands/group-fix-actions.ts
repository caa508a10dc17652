import { z } from 'zod';
import type { FixResult, GroupFixOutcome } from '../../app/group-fixes/group-fix-use-cases.ts';
import { countryCodeOf } from '../../domain/geo/usage-location.ts';
import type { GroupCardData } from '../cards/card-data.ts';
import { firstNames } from '../cards/group-card.ts';
import type { CardAction, CommandTurn, Reply } from '../routing/command.ts';
import { MAX_COMMAND_LENGTH } from '../routing/command-text.ts';
import { showGroup } from './group-command.ts';
import { askForChange } from './license-change-commands.ts';
import { userFacingError } from '../user-facing-error.ts';

// Card data carries ids only (and the location typed); everything is read again here.
const objectId = z.string().trim().min(1).max(100);
const cardData = <S extends z.ZodRawShape>(shape: S) =>
  z.preprocess((value) => value ?? {}, z.object(shape));
const groupData = cardData({ groupId: objectId });
const userData = cardData({ userId: objectId, groupId: objectId.optional() });
const locationData = cardData({
  groupId: objectId,
  location: z.string().trim().max(60).default(''),
});
const removeDirectData = cardData({ groupId: objectId, skuId: objectId });

type Notice = { text: string; color: GroupCardData['noticeColor'] };

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const names = (members: readonly { displayName: string }[]) =>
  firstNames(members.map((m) => m.displayName));

/** What a fix did and what Entra made of it, in a few lines. */
export function fixNotice(result: FixResult): Notice {
  const lines: string[] = [];
  const where = result.groupName ? ` of "${result.groupName}"` : '';
  if (result.usageLocation !== undefined) {
    lines.push(
      `Usage location set to ${result.usageLocation} for ${plural(result.reprocessed.length, 'member')}${where}, then reprocessed.`,
    );
  } else {
    lines.push(`Reprocessed ${plural(result.reprocessed.length, 'member')}${where}.`);
  }
  if (result.fixed.length > 0) {
    lines.push(`No longer in error: ${names(result.fixed)}.`);
  }
  const still = result.stillInError.map(
    (reason) => `${reason.words.title} (${reason.kind}): ${names(reason.members)}`,
  );
  if (still.length > 0) {
    lines.push(`Still in error: ${still.join('; ')}. See each reason below for its fix.`);
  }
  if (!result.settled) {
    lines.push(
      'Entra is still processing them: what is above may change. Open the group again in a minute.',
    );
  }
  for (const { member, message } of result.refused) {
    lines.push(`Not done for ${member.displayName}: ${message}`);
  }
  if (result.capped) {
    lines.push(
      'Only the first 500 members in error were reprocessed: reprocess again for the rest.',
    );
  }
  const color =
    result.refused.length === 0 && still.length === 0 && result.settled
      ? 'Good'
      : result.fixed.length === 0
        ? 'Attention'
        : 'Warning';
  return { text: lines.join('\n\n'), color };
}

/**
 * Answers a fix's click at once (the group card, saying what is under way, without buttons so
 * nobody clicks twice) and does the fix after the answer: Entra takes seconds to minutes, and
 * an invoke must be answered fast. The result comes as a new group card in this conversation.
 */
async function fixLater(
  turn: CommandTurn,
  groupId: string | undefined,
  underWay: string,
  fix: () => Promise<GroupFixOutcome>,
): Promise<Reply> {
  const answer =
    groupId === undefined
      ? { text: underWay }
      : await showGroup(turn, { id: groupId }, 1, { text: underWay, color: 'Default' }, false);
  if (!('card' in answer) && groupId !== undefined) {
    return { text: 'That group no longer exists in your organisation.' };
  }
  turn.outbox.later('a group license fix', async () => {
    let outcome: GroupFixOutcome;
    try {
      outcome = await fix();
    } catch (error) {
      // Words from the one place failures become words; the detail goes to the log.
      const { text } = userFacingError(error, turn.deps.logger);
      await turn.outbox.say(turn.place.reference, `The fix did not finish. ${text}`);
      return;
    }
    const reply = !outcome.ok
      ? { text: outcome.message }
      : groupId === undefined
        ? { text: fixNotice(outcome.result).text }
        : await showGroup(turn, { id: groupId }, 1, fixNotice(outcome.result));
    if ('card' in reply) {
      await turn.outbox.post(turn.place.reference, reply.card);
    } else {
      await turn.outbox.say(turn.place.reference, reply.text);
    }
  });
  return answer;
}

/** The group card's fix buttons (also on alert cards): reprocess, usage location, direct license. */
export const groupFixActions: CardAction[] = [
  {
    verb: 'group-reprocess',
    role: 'approver',
    data: groupData,
    handle: (turn, input: z.infer<typeof groupData>) =>
      fixLater(
        turn,
        input.groupId,
        'Reprocessing every member in error… I will post the result here once Entra has processed them.',
        () => turn.deps.groupFixes.reprocessGroup(turn.caller, input.groupId),
      ),
  } satisfies CardAction<z.infer<typeof groupData>>,
  {
    verb: 'user-reprocess',
    role: 'approver',
    data: userData,
    handle: async (turn, input: z.infer<typeof userData>) => {
      const user = await turn.deps.views.user(turn.caller.tenantId, { id: input.userId }, 1);
      const who = user.kind === 'found' ? user.view.displayName : 'them';
      return fixLater(
        turn,
        input.groupId,
        `Reprocessing ${who}… I will post the result here once Entra has processed it.`,
        () => turn.deps.groupFixes.reprocessUser(turn.caller, input.userId, input.groupId),
      );
    },
  } satisfies CardAction<z.infer<typeof userData>>,
  {
    verb: 'group-set-location',
    role: 'approver',
    data: locationData,
    handle: (turn, input: z.infer<typeof locationData>) => {
      const code = countryCodeOf(input.location);
      if (code === undefined) {
        return Promise.resolve({
          text:
            input.location === ''
              ? 'Type the usage location first: the two letters of the country where they work, e.g. US, GB or DE.'
              : `"${input.location}" is not a country I know. Type its two-letter code, e.g. US, GB or DE.`,
        });
      }
      return fixLater(
        turn,
        input.groupId,
        `Setting the usage location of the members in error for theirs to ${code}, then reprocessing them… I will post the result here.`,
        () => turn.deps.groupFixes.setUsageLocations(turn.caller, input.groupId, code),
      );
    },
  } satisfies CardAction<z.infer<typeof locationData>>,
  {
    verb: 'group-remove-direct',
    role: 'approver',
    data: removeDirectData,
    // A removal request like a typed `remove`: planned, previewed and sent to approval.
    handle: async (turn, input: z.infer<typeof removeDirectData>) => {
      const found = await turn.deps.groupFixes.conflictingDirect(
        turn.caller.tenantId,
        input.groupId,
        input.skuId,
      );
      if ('message' in found) {
        return { text: found.message };
      }
      const upns: string[] = [];
      const because = ` because it conflicts with the licenses of the group "${found.groupName}"`;
      let length = `remove ${found.partNumber} from `.length + because.length + 40;
      for (const member of found.members) {
        length += member.userPrincipalName.length + 2;
        if (length > MAX_COMMAND_LENGTH) {
          break;
        }
        upns.push(member.userPrincipalName);
      }
      const part =
        upns.length < found.members.length
          ? ` (the first ${upns.length} of ${found.members.length})`
          : '';
      return askForChange(
        turn,
        `remove ${found.partNumber} from ${upns.join(', ')}${because}${part}`,
      );
    },
  } satisfies CardAction<z.infer<typeof removeDirectData>>,
] as CardAction[];
