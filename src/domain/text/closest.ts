import { editDistance } from './edit-distance.ts';
import { normaliseText } from './normalise.ts';

export interface ClosestMatchOptions {
  /**
   * Largest share of the longer text that may differ, from 0 to 1 (default 0.4): above it the
   * input is too far from everything to suggest anything.
   */
  maxRatio?: number;
  /** Largest number of edits allowed whatever the length (default 3). */
  maxDistance?: number;
}

/**
 * The candidate closest to what was typed, for "did you mean …?", or undefined when nothing is
 * close enough: a suggestion for nonsense is worse than none. Compared after normalising case,
 * accents and punctuation; ties go to the earlier candidate, so callers order by preference.
 */
export function closestMatch(
  input: string,
  candidates: readonly string[],
  options: ClosestMatchOptions = {},
): string | undefined {
  const maxRatio = options.maxRatio ?? 0.4;
  const maxDistance = options.maxDistance ?? 3;
  const typed = normaliseText(input);
  if (typed === '') {
    return undefined;
  }
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const target = normaliseText(candidate);
    const distance = editDistance(typed, target);
    const longer = Math.max(typed.length, target.length);
    if (distance > maxDistance || distance / longer > maxRatio) {
      continue;
    }
    if (best === undefined || distance < best.distance) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}
