/**
 * A date as directory objects carry it in Graph (`2026-10-01T08:00:00Z`): UTC, whole seconds,
 * no fractional part.
 */
export function graphDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}
