import { closestMatch } from '../text/closest.ts';
import { refuse, type Reading } from './schedule-words.ts';

// Intl lists canonical IANA zones but not always "UTC", which admins type most.
const knownZones: readonly string[] = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
];

// A zone ends the phrase: "Europe/Berlin", "America/Argentina/Salta", "UTC". Cron fields such as
// "*/5" or "1-5" do not start with a letter, so they are never read as one.
const zoneShape = /\s([a-z_]+(?:\/[a-z0-9_+-]+)+|utc)$/i;

/**
 * The phrase without the zone it ends with, and that zone in its canonical spelling; an unknown
 * zone is refused with the closest known one.
 */
export function splitZone(phrase: string): Reading<{ rest: string; timeZone?: string }> {
  const match = zoneShape.exec(phrase);
  if (match === null) {
    return { ok: true, value: { rest: phrase } };
  }
  const typed = String(match[1]);
  const timeZone = knownZones.find((zone) => zone.toLowerCase() === typed.toLowerCase());
  if (timeZone === undefined) {
    const suggestion = closestMatch(typed, knownZones);
    return refuse(
      suggestion === undefined
        ? `I don't know the time zone "${typed}".`
        : `I don't know the time zone "${typed}". Did you mean ${suggestion}?`,
      `every night at 02:00 ${suggestion ?? 'Europe/Berlin'}`,
    );
  }
  return { ok: true, value: { rest: phrase.slice(0, match.index), timeZone } };
}
