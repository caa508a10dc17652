import type { Activity } from 'botbuilder';
import type { SpeakerIds } from '../app/identity/identify-caller.ts';

/**
 * Who sent an activity, from what the channel stamps on it: Teams puts the tenant in both
 * `conversation.tenantId` and `channelData.tenant.id`; typed text and card data never count.
 */
export function speakerOf(activity: Activity): SpeakerIds {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData =
    typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return {
    tenantId: activity.conversation?.tenantId ?? fromChannelData,
    userId: activity.from?.aadObjectId,
  };
}
