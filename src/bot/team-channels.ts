import type { Activity } from 'botbuilder';
import { z } from 'zod';

const teamOfChannel = z.object({ team: z.object({ id: z.string().min(1) }) });

/** The team a channel activity comes from (`channelData.team.id`), when Teams says. */
export function teamIdOf(activity: Pick<Activity, 'channelData'>): string | undefined {
  const parsed = teamOfChannel.safeParse(activity.channelData);
  return parsed.success ? parsed.data.team.id : undefined;
}
