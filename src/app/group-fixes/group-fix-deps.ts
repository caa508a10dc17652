import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { HistoryLog } from '../ports/history-log.ts';
import type { LicenseWriter } from '../ports/license-writer.ts';
import type { PerTenant } from '../ports/per-tenant.ts';

/** How long a fix waits for Entra to process what it asked, and how often it looks. */
export interface SettleTiming {
  /** Give up waiting (and say "still processing") after this long. */
  timeoutMs: number;
  /** Time between two reads of the members in error. */
  intervalMs: number;
}

/** What the group-fix use cases need, wired once by the composition root. */
export interface GroupFixDependencies {
  /** Straight reads of the directory (not the views' cache): a fix reads what Entra did. */
  directory: PerTenant<Directory>;
  licenses: PerTenant<LicenseWriter>;
  history: HistoryLog;
  clock: Clock;
  newId: () => string;
  settle?: Partial<SettleTiming>;
}

/** Entra re-evaluates a user within seconds to minutes; a card waits a minute at most. */
export const DEFAULT_SETTLE: SettleTiming = { timeoutMs: 60_000, intervalMs: 2_000 };
