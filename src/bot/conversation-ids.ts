import type { Activity } from 'botbuilder';
import { z } from 'zod';

const teamOfChannel = z.object({ team: z.object({ id: z.string().min(1) }) });

/**
 * The conversation an activity belongs to, as the bot keeps it: a channel reply's id carries
 * `;messageid=` (the thread), while the channel itself is where the bot writes and what Teams
 * names when it removes the bot.
 */
export function conversationIdOf(activity: Pick<Activity, 'conversation'>): string {
  return activity.conversation.id.split(';messageid=')[0]!;
}

/** The team a channel activity comes from (`channelData.team.id`), when Teams says. */
export function teamIdOf(activity: Pick<Activity, 'channelData'>): string | undefined {
  const parsed = teamOfChannel.safeParse(activity.channelData);
  return parsed.success ? parsed.data.team.id : undefined;
}
