/**
 * Calendar arithmetic for the generator: local dates as day numbers (days since 1970-01-01),
 * Europe/London wall-clock time to UTC instants, England and Wales bank holidays, and one school
 * calendar (terms and holidays) shared by every school in the borough.
 */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;

/** Day number of a calendar date (month 1-12). Out-of-range days roll over as Date.UTC does. */
export function dayOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Calendar parts of a day number. */
export function partsOf(dayNumber: number): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 'YYYY-MM-DD' for a day number. */
export function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The last given weekday (0 = Sunday) of a month. */
export function lastWeekdayOfMonth(year: number, month: number, dow: number): number {
  const last = dayOf(year, month + 1, 0);
  return last - ((weekday(last) - dow + 7) % 7);
}

/** The first given weekday (0 = Sunday) of a month. */
export function firstWeekdayOfMonth(year: number, month: number, dow: number): number {
  const first = dayOf(year, month, 1);
  return first + ((dow - weekday(first) + 7) % 7);
}

const bstCache = new Map<number, [number, number]>();

/** True when the instant falls in British Summer Time (last Sunday of March to October's). */
export function isBst(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  let range = bstCache.get(year);
  if (!range) {
    // The clocks change at 01:00 UTC on both days.
    range = [
      lastWeekdayOfMonth(year, 3, 0) * DAY_MS + HOUR_MS,
      lastWeekdayOfMonth(year, 10, 0) * DAY_MS + HOUR_MS,
    ];
    bstCache.set(year, range);
  }
  return utcMs >= range[0] && utcMs < range[1];
}

/** UTC instant of a Europe/London wall-clock time (minute of the day) on a local date. */
export function londonToUtc(dayNumber: number, minuteOfDay: number): number {
  const wall = dayNumber * DAY_MS + minuteOfDay * MINUTE_MS;
  const summer = wall - HOUR_MS;
  return isBst(summer) ? summer : wall;
}

/** Europe/London local date (day number) of a UTC instant. */
export function londonDay(utcMs: number): number {
  return Math.floor((utcMs + (isBst(utcMs) ? HOUR_MS : 0)) / DAY_MS);
}

/** Europe/London minute of the day of a UTC instant. */
export function londonMinute(utcMs: number): number {
  const local = utcMs + (isBst(utcMs) ? HOUR_MS : 0);
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

/** England and Wales bank holidays of a year, with substitute days; one-off days not included. */
export function bankHolidays(year: number): number[] {
  const days: number[] = [];
  const newYear = dayOf(year, 1, 1);
  const nyDow = weekday(newYear);
  days.push(nyDow === 6 ? newYear + 2 : nyDow === 0 ? newYear + 1 : newYear);
  const easter = easterSunday(year);
  days.push(easter - 2, easter + 1);
  days.push(firstWeekdayOfMonth(year, 5, 1), lastWeekdayOfMonth(year, 5, 1));
  days.push(lastWeekdayOfMonth(year, 8, 1));
  const christmas = dayOf(year, 12, 25);
  const cDow = weekday(christmas);
  if (cDow === 5) days.push(christmas, christmas + 3);
  else if (cDow === 6) days.push(christmas + 2, christmas + 3);
  else if (cDow === 0) days.push(christmas + 2, christmas + 1);
  else days.push(christmas, christmas + 1);
  return days;
}

/** The three school terms. */
export type TermName = 'AUTUMN' | 'SPRING' | 'SUMMER';

/** One term of one academic year: first and last day, and its half-term week. */
export interface SchoolTerm {
  academicYear: string;
  term: TermName;
  start: number;
  end: number;
  halfTermStart: number;
  halfTermEnd: number;
}

function nextWeekday(dayNumber: number): number {
  const dow = weekday(dayNumber);
  return dow === 6 ? dayNumber + 2 : dow === 0 ? dayNumber + 1 : dayNumber;
}

function previousWeekday(dayNumber: number): number {
  const dow = weekday(dayNumber);
  return dow === 6 ? dayNumber - 1 : dow === 0 ? dayNumber - 2 : dayNumber;
}

/** '2025/26' for the academic year starting in September 2025. */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Academic year (its starting calendar year) a local date falls in; it turns on 1 September. */
export function academicYearOf(dayNumber: number): number {
  const { year, month } = partsOf(dayNumber);
  return month >= 9 ? year : year - 1;
}

/**
 * Terms of the academic year starting in September of `startYear`: autumn from early September
 * to just before Christmas, spring from early January to the day before Good Friday, summer from a
 * week after Easter Monday to late July; half terms in late October, mid February and late May.
 */
export function academicYearTerms(startYear: number): SchoolTerm[] {
  const label = academicYearLabel(startYear);
  const next = startYear + 1;
  const easter = easterSunday(next);
  const octHalf = lastWeekdayOfMonth(startYear, 10, 1);
  const feb14 = dayOf(next, 2, 14);
  const febHalf = feb14 - ((weekday(feb14) + 6) % 7);
  const mayHalf = lastWeekdayOfMonth(next, 5, 1);
  return [
    {
      academicYear: label,
      term: 'AUTUMN',
      start: nextWeekday(dayOf(startYear, 9, 3)),
      end: previousWeekday(dayOf(startYear, 12, 19)),
      halfTermStart: octHalf,
      halfTermEnd: octHalf + 4,
    },
    {
      academicYear: label,
      term: 'SPRING',
      start: nextWeekday(dayOf(next, 1, 5)),
      end: easter - 3,
      halfTermStart: febHalf,
      halfTermEnd: febHalf + 4,
    },
    {
      academicYear: label,
      term: 'SUMMER',
      start: easter + 8,
      end: previousWeekday(dayOf(next, 7, 22)),
      halfTermStart: mayHalf,
      halfTermEnd: mayHalf + 4,
    },
  ];
}

/** How a local date looks to the front door: a school day, a weekday in the holidays, or not. */
export type DayKind = 'SCHOOL' | 'HOLIDAY' | 'WEEKEND';

/**
 * Day-by-day school calendar over a range of local dates, with prefix sums so that the school
 * days between two dates are counted in constant time.
 */
export class SchoolCalendar {
  private readonly kinds: Uint8Array;
  private readonly prefix: Int32Array;

  /** Covers [firstDay, lastDay] inclusive. */
  constructor(
    readonly firstDay: number,
    readonly lastDay: number,
  ) {
    const length = lastDay - firstDay + 1;
    this.kinds = new Uint8Array(length);
    this.prefix = new Int32Array(length + 1);
    const holidays = new Set<number>();
    const first = partsOf(firstDay).year;
    const last = partsOf(lastDay).year;
    for (let y = first - 1; y <= last + 1; y++) for (const d of bankHolidays(y)) holidays.add(d);
    const school = new Uint8Array(length);
    for (let y = academicYearOf(firstDay) - 1; y <= academicYearOf(lastDay) + 1; y++) {
      for (const term of academicYearTerms(y)) {
        for (let d = term.start; d <= term.end; d++) {
          if (d < firstDay || d > lastDay) continue;
          if (d >= term.halfTermStart && d <= term.halfTermEnd) continue;
          school[d - firstDay] = 1;
        }
      }
    }
    for (let i = 0; i < length; i++) {
      const d = firstDay + i;
      const dow = weekday(d);
      if (dow === 0 || dow === 6 || holidays.has(d)) this.kinds[i] = 2;
      else if (school[i]) this.kinds[i] = 0;
      else this.kinds[i] = 1;
      this.prefix[i + 1] = this.prefix[i] + (this.kinds[i] === 0 ? 1 : 0);
    }
  }

  /** The kind of a day inside the range. */
  kind(dayNumber: number): DayKind {
    const k = this.kinds[dayNumber - this.firstDay];
    return k === 0 ? 'SCHOOL' : k === 1 ? 'HOLIDAY' : 'WEEKEND';
  }

  /** School days in [from, to] inclusive, clipped to the range; 0 when empty. */
  schoolDays(from: number, to: number): number {
    const a = Math.max(from, this.firstDay);
    const b = Math.min(to, this.lastDay);
    if (b < a) return 0;
    return this.prefix[b - this.firstDay + 1] - this.prefix[a - this.firstDay];
  }
}
