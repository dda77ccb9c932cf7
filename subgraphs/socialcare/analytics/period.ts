import { badUserInput } from '../../../shared/errors';
import { addDays, localMidnight } from '../../../shared/time';

/** The longest period a measure covers, in years. */
export const MAX_PERIOD_YEARS = 5;

/**
 * A period of local (Europe/London) dates as the instants that bound it: from local midnight at
 * the start of `from` (inclusive) to local midnight at the start of the day after `to`
 * (exclusive), so that a range condition on a stored instant selects it and an index on that
 * instant serves it.
 */
export interface InstantRange {
  start: Date;
  end: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of a 'YYYY-MM-DD' date, `years` years on (29 February to 1 March if need be). */
function utcDay(date: string, years = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(0);
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  day.setUTCFullYear(y + years, m - 1, d);
  return day;
}

/**
 * Checks a period of local dates, `from` to `to` inclusive, and returns its instant range.
 * BAD_USER_INPUT naming the field: `from` after `to` (`from`); longer than MAX_PERIOD_YEARS, that
 * is `to` on or after the same date MAX_PERIOD_YEARS after `from` (`to`).
 */
export function periodRange(from: string, to: string): InstantRange {
  if (from > to) throw badUserInput('from', '`from` must be on or before `to`');
  const limit = utcDay(from, MAX_PERIOD_YEARS);
  if (utcDay(to).getTime() >= limit.getTime()) {
    const last = new Date(limit.getTime() - DAY_MS).toISOString().slice(0, 10);
    throw badUserInput(
      'to',
      `The period may be at most ${MAX_PERIOD_YEARS} years: \`to\` must be on or before ${last}`,
    );
  }
  return { start: localMidnight(from), end: localMidnight(addDays(to, 1)) };
}
