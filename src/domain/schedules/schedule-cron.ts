import { refuse, type Reading } from './schedule-words.ts';

const cronExample = 'cron "0 2 * * 1-5"';
// Digits, ranges, lists, steps, `?`, croner's L, W and #, and day or month names.
const cronField = /^[0-9a-z*?,/#-]+$/i;

/**
 * A cron expression as typed after "cron", quoted or not, checked for shape only (5 fields of
 * cron characters); whether its values are in range is croner's to say where it runs.
 */
export function readCron(text: string): Reading<string> {
  const fields = text.replace(/["']/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return refuse(
      `A cron expression has 5 fields (minute hour day-of-month month day-of-week); "${fields.join(' ')}" has ${fields.length}.`,
      cronExample,
    );
  }
  const odd = fields.find((field) => !cronField.test(field));
  if (odd !== undefined) {
    return refuse(`"${odd}" is not a cron field.`, cronExample);
  }
  return { ok: true, value: fields.join(' ') };
}
