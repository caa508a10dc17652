import type {
  FailureGroup,
  ItemCounts,
  OperationItem,
  OperationOutcome,
  SkipGroup,
  UserResult,
} from './operation.ts';

export type { FailureGroup, OperationOutcome, SkipGroup, UserResult } from './operation.ts';

/** Groups kept on the operation; the rest are counted in `otherFailures`. */
export const MAX_FAILURE_GROUPS = 10;
const MAX_SKIP_GROUPS = 10;
const NAMES_PER_GROUP = 5;
/** As many users as one typed request may name. */
export const SAME_CHANGE_LIMIT = 20;

const sameChange = (a: OperationItem, b: OperationItem): boolean =>
  JSON.stringify(a.body) === JSON.stringify(b.body) && a.setUsageLocation === b.setUsageLocation;

/**
 * Builds an outcome from items fed one at a time (a page at a time from the store), keeping
 * only a bounded summary: memory stays the same for ten users or a hundred thousand.
 */
export class OutcomeTally {
  readonly #failures = new Map<string, FailureGroup>();
  readonly #skips = new Map<string, SkipGroup>();
  #otherFailures = 0;

  /** Takes a failed or skipped item into the summary; others are only counted. */
  add(item: OperationItem): void {
    if (item.state === 'failed') {
      this.#addFailure(item);
    } else if (item.state === 'skipped') {
      const reason = item.note ?? 'Skipped';
      const group = this.#skips.get(reason);
      if (group) {
        group.count += 1;
      } else if (this.#skips.size < MAX_SKIP_GROUPS) {
        this.#skips.set(reason, { reason, count: 1 });
      }
    }
  }

  #addFailure(item: OperationItem): void {
    const code = item.failure?.code ?? 'UNKNOWN';
    const reason = item.failure?.message ?? item.note ?? 'Failed';
    const key = `${code}\u0000${item.failure?.skuId ?? ''}\u0000${code === 'UNKNOWN' ? reason : ''}`;
    const group = this.#failures.get(key);
    if (group === undefined) {
      if (this.#failures.size >= MAX_FAILURE_GROUPS) {
        this.#otherFailures += 1;
        return;
      }
      this.#failures.set(key, {
        code,
        reason,
        ...(item.failure?.skuId === undefined ? {} : { skuId: item.failure.skuId }),
        count: 1,
        names: [item.displayName],
        first: item,
        sameChange: [item.userPrincipalName],
        sameChangeIsAll: true,
      });
      return;
    }
    group.count += 1;
    if (group.names.length < NAMES_PER_GROUP) {
      group.names.push(item.displayName);
    }
    if (sameChange(group.first, item) && group.sameChange.length < SAME_CHANGE_LIMIT) {
      group.sameChange.push(item.userPrincipalName);
    } else {
      group.sameChangeIsAll = false;
    }
  }

  /** The outcome, with the counts the store holds and the first users' results. */
  outcome(counts: ItemCounts, firstResults: UserResult[]): OperationOutcome {
    const byCount = <T extends { count: number }>(groups: Iterable<T>) =>
      [...groups].sort((a, b) => b.count - a.count);
    return {
      counts,
      notReached: counts.cancelled,
      failures: byCount(this.#failures.values()),
      skips: byCount(this.#skips.values()),
      otherFailures: this.#otherFailures,
      firstResults,
    };
  }
}

/** The outcome as one line: "1,990 done, 8 failed, 2 skipped". */
export function outcomeCounts(outcome: Pick<OperationOutcome, 'counts'>): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const { done, failed, skipped } = outcome.counts;
  return [
    `${n(done)} done`,
    ...(failed > 0 ? [`${n(failed)} failed`] : []),
    ...(skipped > 0 ? [`${n(skipped)} skipped`] : []),
  ].join(', ');
}
