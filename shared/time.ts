/** The time zone every local date in the system is taken in. */
export const LOCAL_TIME_ZONE = 'Europe/London';

const localDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LOCAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Local dates by the UTC hour they fall in. London's offset from UTC is a whole hour (0 or 1), so
 * its midnight falls on a UTC hour boundary and every instant of one UTC hour has the same local
 * date: formatting (Intl, about 15 µs) is needed once an hour, not for every request's `now` and
 * every event.
 */
const localDatesByHour = new Map<number, string>();
const MS_PER_HOUR = 3_600_000;
const EARLIEST_CACHED = Date.UTC(1900, 0, 1);

/** The local (Europe/London) calendar date of an instant, as 'YYYY-MM-DD'. */
export function localDate(instant: Date): string {
  // Before 1900 London kept offsets that were not whole hours (local mean time until 1847).
  if (!(instant.getTime() >= EARLIEST_CACHED)) return localDateFormat.format(instant);
  const hour = Math.floor(instant.getTime() / MS_PER_HOUR);
  let date = localDatesByHour.get(hour);
  if (date === undefined) {
    date = localDateFormat.format(instant);
    if (localDatesByHour.size >= 10_000) localDatesByHour.clear();
    localDatesByHour.set(hour, date);
  }
  return date;
}

/**
 * Whole years from `dateOfBirth` to `today` (both 'YYYY-MM-DD'); a birthday on 29 February counts
 * as reached on 1 March in other years.
 */
export function ageInYears(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Local midnight (Europe/London) at the start of a 'YYYY-MM-DD' date, as an instant: where the
 * chronology places date-only records. London is UTC+0 or UTC+1 and its clocks change at 01:00 UTC,
 * never near midnight, so local midnight is one of two instants.
 */
export function localMidnight(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const summerMidnight = new Date(utcMidnight.getTime() - 60 * 60 * 1000);
  return localDate(summerMidnight) === date ? summerMidnight : utcMidnight;
}
