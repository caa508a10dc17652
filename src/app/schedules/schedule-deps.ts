import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { ScheduleNotifier } from '../ports/schedule-notifier.ts';
import type { ScheduleStore } from '../ports/schedule-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import type { RunUseCases } from '../runs/run-use-cases.ts';

/** What the schedule use cases work with, wired once by the composition root. */
export interface ScheduleDependencies {
  schedules: ScheduleStore;
  /** What planning and storing a run's operation needs: a run is a request like any other. */
  requests: RequestDependencies;
  /** Starts an approved operation's run in the background. */
  runs: Pick<RunUseCases, 'start'>;
  notifier: ScheduleNotifier;
  clock: Clock;
  logger: Logger;
  /** This process, as the holder of its claims on due times. */
  instanceId: string;
  /**
   * How long a claim on a due time lasts: an instance that dies after claiming leaves it to
   * another once it lapses. Default 5 minutes.
   */
  claimMs?: number;
  newId(): string;
}

/** A claim outlives the work of one due time (planning a group, storing its users) by far. */
export const DEFAULT_CLAIM_MS = 5 * 60_000;
