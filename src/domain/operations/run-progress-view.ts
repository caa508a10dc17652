import type { ItemCounts } from './operation.ts';

export type { ItemCounts } from './operation.ts';

/** What a run's progress is read from: the counts, when the run started, when they were taken. */
export interface RunFigures {
  counts: ItemCounts;
  /** When the run started (the operation's `startedAt`). */
  startedAt: string;
  /** When the counts were taken (the checkpoint's `at`). */
  at: string;
}

/** A running operation's progress as its card shows it. */
export interface RunProgressView {
  /**
   * The bar's parts in whole percent, adding up to 100; a part with any user in it is at least 1,
   * so a single failure among thousands still shows.
   */
  shares: { done: number; failed: number; skipped: number; left: number };
  /** Users settled (done, failed or skipped) of all: "62%", never 100% before the last one. */
  percent: string;
  /** "1,234 of 2,000 done · 3 failed · 0 skipped · 763 left". */
  counts: string;
  /** "180 users/s · about 4 s left"; '' until a user has settled some time after the start. */
  pace: string;
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * A running operation's progress from its counts: the bar, the counts in words, the rate since
 * the run started and the time left at that rate. Pure: the caller passes the times.
 */
export function runProgressView({ counts, startedAt, at }: RunFigures): RunProgressView {
  const left = counts.planned + counts.sent;
  // Users a stop left out are not done: on the bar with the skipped, and named when there are any.
  const notDone = counts.skipped + counts.cancelled;
  const settled = counts.done + counts.failed + notDone;
  const total = settled + left;
  const [done, failed, skipped, rest] = shares([counts.done, counts.failed, notDone, left]);
  return {
    shares: { done: done!, failed: failed!, skipped: skipped!, left: rest! },
    percent: `${total === 0 ? 100 : Math.floor((settled * 100) / total)}%`,
    counts:
      `${whole.format(counts.done)} of ${whole.format(total)} done · ` +
      `${whole.format(counts.failed)} failed · ${whole.format(counts.skipped)} skipped · ` +
      (counts.cancelled > 0 ? `${whole.format(counts.cancelled)} not done · ` : '') +
      `${whole.format(left)} left`,
    pace: paceText(settled, left, (Date.parse(at) - Date.parse(startedAt)) / 1000),
  };
}

/** Whole percents of `parts` adding up to 100, each part with anything in it at least 1. */
function shares(parts: readonly number[]): number[] {
  const total = parts.reduce((sum, part) => sum + part, 0);
  if (total === 0) {
    // Nothing to do is all done.
    return [100, 0, 0, 0];
  }
  const exact = parts.map((part) => (part * 100) / total);
  const result = exact.map((share, index) =>
    parts[index]! > 0 ? Math.max(1, Math.floor(share)) : 0,
  );
  let spare = 100 - result.reduce((sum, share) => sum + share, 0);
  // What flooring left over goes to the largest remainders; what the minimums took beyond 100
  // comes off the largest parts.
  const byRemainder = [...result.keys()].sort(
    (a, b) => exact[b]! - Math.floor(exact[b]!) - (exact[a]! - Math.floor(exact[a]!)),
  );
  for (const index of byRemainder) {
    if (spare <= 0) {
      break;
    }
    result[index]! += 1;
    spare -= 1;
  }
  while (spare < 0) {
    const largest = result.indexOf(Math.max(...result));
    result[largest]! -= 1;
    spare += 1;
  }
  return result;
}

/** "180 users/s · about 4 s left", or '' when no rate can be told yet. */
function paceText(settled: number, left: number, seconds: number): string {
  if (settled === 0 || seconds <= 0) {
    return '';
  }
  const perSecond = settled / seconds;
  const ahead = left === 0 ? 'finishing' : timeLeft(left / perSecond);
  return `${rateText(perSecond)} · ${ahead}`;
}

/** "180 users/s", "2.5 users/s", "12 users/min", "1 user/h": the unit giving 1 or more. */
function rateText(perSecond: number): string {
  const [rate, unit] =
    perSecond >= 1
      ? [perSecond, 's']
      : perSecond * 60 >= 1
        ? [perSecond * 60, 'min']
        : [perSecond * 3600, 'h'];
  const figure = (rate < 10 ? oneDecimal : whole).format(rate);
  return `${figure} ${figure === '1' ? 'user' : 'users'}/${unit}`;
}

/** "about 4 s left", "about 12 min left", "about 2 h 5 min left". */
function timeLeft(seconds: number): string {
  if (seconds < 59.5) {
    return `about ${Math.max(1, Math.round(seconds))} s left`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `about ${minutes} min left`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${whole.format(hours)} h${rest === 0 ? '' : ` ${rest} min`} left`;
}
