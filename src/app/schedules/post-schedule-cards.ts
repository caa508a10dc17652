import type { Schedule } from '../../domain/schedules/schedule.ts';
import type { SchedulePreview } from '../ports/schedule-notifier.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';

/** Copies kept per schedule: an approvers' channel, or each approver's chat, a few edits over. */
const MAX_COPIES = 60;

/**
 * Posts a rule's approval card to the approvers and keeps where each copy went on the schedule,
 * so a decision redraws every copy. A copy that cannot be kept (someone wrote the schedule at
 * that moment) is only logged: that approver's click is still refused if it comes too late.
 */
export async function postScheduleCards(
  deps: ScheduleDependencies,
  saved: Versioned<Schedule>,
  preview: SchedulePreview,
): Promise<Versioned<Schedule>> {
  const copies = await deps.notifier.asked(saved.value, preview);
  if (copies.length === 0) {
    return saved;
  }
  try {
    // An edit's new cards join the old ones (redrawn with the edited rule): all are redrawn later.
    const approvalCards = [...(saved.value.approvalCards ?? []), ...copies].slice(-MAX_COPIES);
    return await deps.schedules.replace({ ...saved.value, approvalCards }, saved.etag);
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) {
      throw error;
    }
    deps.logger.warn({ scheduleId: saved.value.id }, 'could not keep where its cards went');
    return saved;
  }
}
