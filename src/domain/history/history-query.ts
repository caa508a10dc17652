import type { Result } from '../errors.ts';
import { tidyPlainText } from '../commands/command-text.ts';

/** A history filter as typed: `history [export] [for <user>] [by <admin>] [sku <SKU>] [since <date>]`. */
export interface HistoryQuery {
  export: boolean;
  /** The target user, as typed. */
  user?: string;
  /** The requester or approver, as typed. */
  by?: string;
  /** The SKU, as typed (resolve with `resolveSku`). */
  sku?: string;
  /** Start of the period, as an ISO timestamp. */
  since?: string;
}

export interface HistoryQueryFailure {
  code: 'NOT_HISTORY' | 'INVALID_DATE' | 'UNKNOWN_FILTER' | 'EMPTY_FILTER';
  message: string;
  example: string;
}

export const historyExample = 'history for adele@contoso.com sku E3 since 2026-01-31';

const keywords = /\s(for|by|sku|license|since)\s/gi;
const dayMs = 86_400_000;
const unitDays: Readonly<Record<string, number>> = { day: 1, week: 7, month: 30, year: 365 };

/** A date as admins type it: ISO "2026-01-31", "today", "yesterday", "7 days (ago)", "2 weeks". */
export function parseSince(text: string, now: Date): string | undefined {
  const typed = text.trim().toLowerCase();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (typed === 'today') {
    return new Date(today).toISOString();
  }
  if (typed === 'yesterday') {
    return new Date(today - dayMs).toISOString();
  }
  const relative = /^(\d{1,4})\s*(day|week|month|year)s?(?:\s+ago)?$/.exec(typed);
  if (relative) {
    return new Date(
      now.getTime() - Number(relative[1]) * unitDays[relative[2]!]! * dayMs,
    ).toISOString();
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed);
  if (iso) {
    const date = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    // Date.UTC rolls 2026-02-31 over to March: a date that does not round-trip is not real.
    return date.toISOString().startsWith(typed) ? date.toISOString() : undefined;
  }
  return undefined;
}

const refuse = (
  code: HistoryQueryFailure['code'],
  message: string,
): Result<never, HistoryQueryFailure> => ({
  ok: false,
  failure: { code, message, example: historyExample },
});

/** Reads a `history` command into a filter, or says what was wrong with an example. */
export function parseHistoryQuery(
  text: string,
  now: Date,
): Result<HistoryQuery, HistoryQueryFailure> {
  const plain = tidyPlainText(text);
  const head = /^history(?:\s+(export))?(?:\s+|$)/i.exec(plain);
  if (head === null) {
    return refuse('NOT_HISTORY', 'That is not a history command.');
  }
  const rest = ` ${plain.slice(head[0].length)} `;
  const found = [...rest.matchAll(keywords)];
  const leading = rest.slice(0, found[0]?.index ?? rest.length).trim();
  if (leading !== '') {
    return refuse(
      'UNKNOWN_FILTER',
      `I don't know the filter "${leading}": use for, by, sku or since.`,
    );
  }
  const query: HistoryQuery = { export: head[1] !== undefined };
  for (const [i, match] of found.entries()) {
    const value = rest
      .slice(match.index + match[0].length, found[i + 1]?.index ?? rest.length)
      .trim();
    const keyword = match[1]!.toLowerCase();
    if (value === '') {
      return refuse('EMPTY_FILTER', `Say what goes after "${keyword}".`);
    }
    if (keyword === 'for') {
      query.user = value;
    } else if (keyword === 'by') {
      query.by = value;
    } else if (keyword === 'since') {
      const since = parseSince(value, now);
      if (since === undefined) {
        return refuse(
          'INVALID_DATE',
          `"${value}" is not a date I can read: use 2026-01-31, yesterday or 7 days.`,
        );
      }
      query.since = since;
    } else {
      query.sku = value;
    }
  }
  return { ok: true, value: query };
}
