/** The p-th percentile (nearest rank) of ascending samples, rounded to `decimals`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number, decimals = 2): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  const scale = 10 ** decimals;
  return Math.round(sorted[Math.max(0, index)]! * scale) / scale;
}
