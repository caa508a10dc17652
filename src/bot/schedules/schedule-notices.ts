import { describeTiming } from '../../app/schedules/schedule-use-cases.ts';
import type { Schedule, ScheduleEvent } from '../../domain/schedules/schedule.ts';

/** What the owner of a schedule reads when someone else changed it. */
export function scheduleEventNotice(schedule: Schedule, event: ScheduleEvent): string {
  const who = event.by === 'system' ? 'License Desk' : event.by.displayName;
  const what = `your schedule "${schedule.summary}" (${describeTiming(schedule.timing)})`;
  switch (event.type) {
    case 'approve':
      return `${who} approved ${what}: at most ${schedule.bound?.users ?? 0} users and ${schedule.bound?.seats ?? 0} new seats a run. Type \`schedules\` to see it.`;
    case 'reject':
      return `${who} rejected ${what}: ${event.reason ?? 'no reason given'}.`;
    case 'pause':
      return `${who} paused ${what}: it runs nothing until it is resumed.`;
    case 'resume':
      return `${who} resumed ${what}.`;
    case 'cancel':
      return `${who} cancelled ${what}.`;
    case 'edit':
      return `${who} edited ${what}: it waits for an approver again.`;
    case 'request':
    case 'runNow':
      return `${who} ran ${what} now.`;
  }
}
