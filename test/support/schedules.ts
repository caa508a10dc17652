import type { Schedule } from '../../src/domain/schedules/schedule.ts';

/**
 * An active nightly schedule that assigns E3 to a group, due at 2026-12-07 01:00 UTC, as plain
 * data. `overrides` replace whole fields; one given as undefined leaves the field out (as a
 * stored schedule would not have it), e.g. `{ nextDueAt: undefined }` for nothing more due.
 */
export function aSchedule(overrides: Partial<Schedule> = {}): Schedule {
  const schedule: Schedule = {
    id: 'schedule-1',
    tenantId: 'tenant-1',
    state: 'active',
    owner: { userId: 'manager-1', displayName: 'Miriam Graham' },
    change: {
      kind: 'assign',
      license: 'E3',
      users: [],
      withoutPlans: [],
      selection: { kind: 'group', group: 'Sales' },
      justification: 'new starters',
    },
    summary: 'assign E3 to group "Sales"',
    justification: 'new starters',
    timing: {
      kind: 'recurring',
      phrase: 'every night at 02:00',
      cron: '0 2 * * *',
      timeZone: 'Europe/Berlin',
    },
    bound: { users: 10, seats: 10 },
    nextDueAt: '2026-12-07T01:00:00.000Z',
    runCount: 0,
    decidedBy: { userId: 'approver-1', displayName: 'Megan Bowen' },
    decidedAt: '2026-12-06T08:05:00.000Z',
    createdAt: '2026-12-06T08:00:00.000Z',
    updatedAt: '2026-12-06T08:05:00.000Z',
    events: [
      {
        type: 'request',
        by: { userId: 'manager-1', displayName: 'Miriam Graham' },
        at: '2026-12-06T08:00:00.000Z',
      },
      {
        type: 'approve',
        by: { userId: 'approver-1', displayName: 'Megan Bowen' },
        at: '2026-12-06T08:05:00.000Z',
      },
    ],
    ...overrides,
  };
  for (const [field, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete (schedule as unknown as Record<string, unknown>)[field];
    }
  }
  return schedule;
}
