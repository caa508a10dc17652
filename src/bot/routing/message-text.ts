import type { Activity } from 'botbuilder';
import { z } from 'zod';
import {
  asOneName,
  mentionedName,
  plainCommandText,
  readMentions,
  type TextMention,
} from '../../domain/commands/command-text.ts';
import { isObjectId, type ObjectIdFormat } from '../../domain/object-ids.ts';

// Teams' mention entity. `text` is missing in some group chats (botbuilder-dotnet#2504), and
// `aadObjectId` only sometimes there: neither is relied on. A person's `id` starts with "29:";
// a channel's, team's or tag's does not. Anything else is not a mention.
const mentionEntity = z.object({
  type: z.literal('mention'),
  text: z.string().max(1_000).optional(),
  mentioned: z.object({
    id: z.string().max(1_000),
    name: z.string().max(1_000).optional(),
    // An object id as the people look-up reads it directly (the demo tenant's have 13 digits at
    // the end, so not z.guid()); anything else is ignored and the name used.
    aadObjectId: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i)
      .optional()
      .catch(undefined),
  }),
});

// More than anyone @mentions in one message; the rest are not looked at (each costs a scan).
const MAX_MENTIONS = 100;

const markupOf = (name: string | undefined): string[] => (name ? [`<at>${name}</at>`] : []);

function textMention(
  entity: z.infer<typeof mentionEntity>,
  activity: Partial<Activity>,
  objectIds: ObjectIdFormat,
): TextMention {
  const mentioned = {
    ...entity.mentioned,
    aadObjectId:
      entity.mentioned.aadObjectId !== undefined &&
      isObjectId(entity.mentioned.aadObjectId, objectIds)
        ? entity.mentioned.aadObjectId
        : undefined,
  };
  const markups = [...(entity.text ? [entity.text] : []), ...markupOf(mentioned.name)];
  if (mentioned.id === activity.recipient?.id) {
    // The bot's own mention is the "@License Desk" that addresses it, not part of the command.
    return {
      markups: [...markups, ...markupOf(activity.recipient.name)],
      meaning: '',
      who: mentioned.id,
    };
  }
  const name =
    mentioned.name === undefined ? mentionedName(entity.text ?? '') : asOneName(mentioned.name);
  if (mentioned.aadObjectId === undefined && !mentioned.id.startsWith('29:')) {
    // A channel, team or tag (or another bot) stands for no one: "@Finance" as written finds
    // nobody, where "Finance" could be a prefix of some account's name.
    return { markups, meaning: `@${name}`, who: mentioned.id };
  }
  // A colleague: their object id is exact; their name goes through the people look-up.
  return { markups, meaning: mentioned.aadObjectId ?? name, who: mentioned.id };
}

/** The well-formed mentions of a message, each with its spellings and what it stands for. */
export function mentionsIn(activity: Partial<Activity>, objectIds: ObjectIdFormat): TextMention[] {
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  return entities.slice(0, MAX_MENTIONS).flatMap((entity) => {
    const parsed = mentionEntity.safeParse(entity);
    return parsed.success ? [textMention(parsed.data, activity, objectIds)] : [];
  });
}

/**
 * The command in a message as the sender meant it: the bot's own @mention dropped, a colleague's
 * @mention read as that person (one person when Teams split their mention into a tag per word),
 * Teams' markup and HTML entities made plain, once: the parsers take it as it is. A message without
 * text (a card's submit) has none. Entities that are not well-formed mentions are ignored.
 */
export function commandTextOf(activity: Partial<Activity>, objectIds: ObjectIdFormat): string {
  const text: unknown = activity.text;
  if (typeof text !== 'string' || text === '') {
    return '';
  }
  return plainCommandText(readMentions(text, mentionsIn(activity, objectIds)));
}
