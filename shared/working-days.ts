/**
 * The working-day calendar: Monday to Friday less England and Wales bank holidays, including
 * substitute days (Monday 28 December 2026 for Boxing Day) and one-off days (19 September 2022,
 * 8 May 2023). Every date here is a local Europe/London date written 'YYYY-MM-DD'; turn an instant
 * into one with `localDate` from shared/time.ts.
 *
 * Counting convention, the one the whole project uses: a span of working days counts from the day
 * AFTER its start. `workingDaysBetween(from, to)` counts the working days d with from < d <= to, so
 * a referral on a Monday and an assessment on the Tuesday is 1 working day, and
 * `addWorkingDays(from, n)` is the date at which that count first reaches n. (The public census
 * validators count the start day as day 1, which gives one more when the start is a working day.)
 *
 * The holidays are committed data, shared/bank-holidays.json, covering whole years
 * `BANK_HOLIDAY_YEARS.first`..`last`. A date outside them throws `CalendarRangeError`: an uncovered
 * year's bank holidays are unknown, not absent, so they are never treated as working days.
 *
 * Adding next year's holidays (do it well before the last covered year ends: deadlines computed
 * late in December already reach into January):
 *   1. `npm run holidays:add -- <lastYear + 1>` computes them with the date-holidays library (a
 *      devDependency, never loaded at runtime), prints them and writes them into the JSON.
 *   2. Check the printout against https://www.gov.uk/bank-holidays, the authority. Add any
 *      one-off day the library does not know yet by hand (weekday dates, in date order) and list
 *      it in ADDED_BY_HAND in tests/unit/working-days.unit.test.ts.
 *   3. Run the unit tests and commit the JSON.
 */
import calendar from './bank-holidays.json';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The years shared/bank-holidays.json covers completely, inclusive. */
export const BANK_HOLIDAY_YEARS: { first: number; last: number } = Object.freeze({
  first: calendar.firstYear,
  last: calendar.lastYear,
});

/**
 * A date in a year the bank-holiday data does not cover. Its `year` is the year that is missing;
 * the message says which years are covered and the command that adds the next one.
 */
export class CalendarRangeError extends Error {
  readonly year: number;

  constructor(year: number) {
    const { first, last } = BANK_HOLIDAY_YEARS;
    super(
      `No bank holiday data for ${year}: shared/bank-holidays.json covers ${first}-${last}. ` +
        `Add the next year with \`npm run holidays:add -- ${last + 1}\` and check it against ` +
        'https://www.gov.uk/bank-holidays (see shared/working-days.ts).',
    );
    this.name = 'CalendarRangeError';
    this.year = year;
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The year of a real calendar date, or a RangeError naming what is not one. */
function yearOf(date: string): number {
  const m = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return year;
  }
  throw new RangeError(`${JSON.stringify(date)} is not a calendar date written YYYY-MM-DD`);
}

// Every covered day gets an index from 1 January of the first year; the tables below are indexed
// by it, so each question is a map lookup and an array read (a million take milliseconds).
const firstDayMs = Date.UTC(BANK_HOLIDAY_YEARS.first, 0, 1);
const dayCount = (Date.UTC(BANK_HOLIDAY_YEARS.last + 1, 0, 1) - firstDayMs) / DAY_MS;
/** The date of each index. */
const dates: string[] = [];
/** The index of each covered date. */
const indexByDate = new Map<string, number>();
/** 1 where the index is a bank holiday. */
const holiday = new Uint8Array(dayCount);
/** 1 where the index is a working day. */
const working = new Uint8Array(dayCount);
/** The number of working days with an index <= i. */
const workingUpTo = new Int32Array(dayCount);
/** The indices of the working days, ascending. */
const workingIndices: number[] = [];
const holidaysByYear = new Map<number, { date: string; title: string }[]>();

/** The index of a covered date; throws RangeError or CalendarRangeError. */
function indexOf(date: string): number {
  const i = indexByDate.get(date);
  if (i !== undefined) return i;
  // Every real date of a covered year is in the map, so this one is no date or not covered.
  throw new CalendarRangeError(yearOf(date));
}

/** Builds the tables, refusing (at import, so at start-up) a data file that is not sound. */
function loadCalendar(): void {
  const bad = (why: string): never => {
    throw new Error(`shared/bank-holidays.json: ${why}`);
  };
  const { first, last } = BANK_HOLIDAY_YEARS;
  if (calendar.division !== 'england-and-wales') bad(`division is ${calendar.division}`);
  if (!Number.isInteger(first) || !Number.isInteger(last) || first > last) {
    bad(`firstYear ${first} and lastYear ${last} are not a range of years`);
  }
  for (let i = 0; i < dayCount; i += 1) {
    dates.push(new Date(firstDayMs + i * DAY_MS).toISOString().slice(0, 10));
    indexByDate.set(dates[i], i);
  }
  for (let year = first; year <= last; year += 1) holidaysByYear.set(year, []);
  let previous = '';
  for (const { date, title } of calendar.events) {
    const i = indexByDate.get(date) ?? bad(`${date} is not a date in ${first}-${last}`);
    if (date <= previous) bad(`${date} is out of order or repeated`);
    if (typeof title !== 'string' || title.trim() === '') bad(`${date} has no title`);
    const weekday = new Date(firstDayMs + i * DAY_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) bad(`${date} (${title}) is a weekend day`);
    holiday[i] = 1;
    holidaysByYear.get(Number(date.slice(0, 4)))?.push({ date, title });
    previous = date;
  }
  for (let i = 0; i < dayCount; i += 1) {
    const weekday = new Date(firstDayMs + i * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && holiday[i] === 0) {
      working[i] = 1;
      workingIndices.push(i);
    }
    workingUpTo[i] = workingIndices.length;
  }
}

loadCalendar();

/** Whether `date` is an England and Wales bank holiday (substitute and one-off days included). */
export function isBankHoliday(date: string): boolean {
  return holiday[indexOf(date)] === 1;
}

/** Whether `date` is a working day: Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: string): boolean {
  return working[indexOf(date)] === 1;
}

/**
 * The n-th working day after `date` (n a whole number >= 0; 0 returns `date` itself, working
 * day or not). Throws CalendarRangeError when the answer falls after the last covered year.
 */
export function addWorkingDays(date: string, n: number): string {
  const i = indexOf(date);
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`addWorkingDays needs a whole number of days >= 0, not ${n}`);
  }
  if (n === 0) return date;
  const target = workingIndices[workingUpTo[i] + n - 1];
  if (target === undefined) throw new CalendarRangeError(BANK_HOLIDAY_YEARS.last + 1);
  return dates[target];
}

/** The first working day strictly after `date`, whatever `date` is. */
export function nextWorkingDay(date: string): string {
  return addWorkingDays(date, 1);
}

/**
 * The number of working days d with from < d <= to: the day after `from` is the first that can
 * count (see the convention above). 0 when `to` is on or before `from`.
 */
export function workingDaysBetween(from: string, to: string): number {
  const i = indexOf(from);
  const j = indexOf(to);
  return j > i ? workingUpTo[j] - workingUpTo[i] : 0;
}

/** The bank holidays of a covered year in date order, as { date, title } (titles for display). */
export function bankHolidaysIn(year: number): { date: string; title: string }[] {
  if (!Number.isInteger(year)) throw new RangeError(`${year} is not a year`);
  const events = holidaysByYear.get(year);
  if (!events) throw new CalendarRangeError(year);
  return events.map((e) => ({ ...e }));
}
