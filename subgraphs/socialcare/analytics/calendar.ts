/**
 * The working-day calendar as a table, so the measures count working days in SQL: one row per
 * date that shared/bank-holidays.json covers, with whether it is a working day and
 * `working_days_through`, the number of working days from the calendar's first day through that
 * day. Then, for dates a and b in the calendar, `through(b) - through(a)` (never below 0) is
 * shared/working-days.ts `workingDaysBetween(a, b)`: the working days d with a < d <= b, the
 * project's one counting convention. A date outside the calendar has no row, so an outer join
 * gives null for it, never a count: the measures refuse to answer (CALENDAR_NOT_COVERED) rather
 * than count an unknown year as having no bank holidays.
 *
 * shared/working-days.ts stays the one source: the migration that makes the table fills it from
 * there, and socialcare refreshes it at every start (`syncWorkingDayCalendar`), so a year added
 * with `npm run holidays:add` reaches SQL at the next start, without a migration.
 */
import { codedError } from '../../../shared/errors';
import { ErrorCode } from '../errors';
import { addDays } from '../../../shared/time';
import { BANK_HOLIDAY_YEARS, isWorkingDay } from '../../../shared/working-days';

/** What runs a statement: a DataSource, or a migration's QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The calendar's rows, column by column, in date order. */
export interface WorkingDayCalendarRows {
  days: string[];
  isWorkingDay: boolean[];
  workingDaysThrough: number[];
}

/** Every date shared/working-days.ts covers, 1 January of its first year to 31 December of its last. */
export function workingDayCalendarRows(): WorkingDayCalendarRows {
  const rows: WorkingDayCalendarRows = { days: [], isWorkingDay: [], workingDaysThrough: [] };
  const end = `${BANK_HOLIDAY_YEARS.last + 1}-01-01`;
  let through = 0;
  for (let day = `${BANK_HOLIDAY_YEARS.first}-01-01`; day < end; day = addDays(day, 1)) {
    const working = isWorkingDay(day);
    if (working) through += 1;
    rows.days.push(day);
    rows.isWorkingDay.push(working);
    rows.workingDaysThrough.push(through);
  }
  return rows;
}

/** What `syncWorkingDayCalendar` changed: rows written (new or different) and rows removed. */
export interface CalendarSync {
  written: number;
  removed: number;
}

/**
 * Makes `working_day_calendar` exactly `workingDayCalendarRows()`, in one statement: new days
 * inserted, changed days updated, days no longer covered removed, the rest untouched. Idempotent,
 * and safe when replicas start at once (an upsert; the rows are written in date order). Runs in
 * the migration that creates the table and at every socialcare start (subgraphs/socialcare/index.ts).
 */
export async function syncWorkingDayCalendar(db: Queryable): Promise<CalendarSync> {
  const rows = workingDayCalendarRows();
  const [result] = (await db.query(
    `WITH given AS (
       SELECT * FROM unnest($1::date[], $2::boolean[], $3::integer[])
                  AS g(day, is_working_day, working_days_through)
     ), removed AS (
       DELETE FROM working_day_calendar w
        WHERE NOT EXISTS (SELECT 1 FROM given g WHERE g.day = w.day)
       RETURNING 1
     ), written AS (
       INSERT INTO working_day_calendar AS w (day, is_working_day, working_days_through)
       SELECT day, is_working_day, working_days_through FROM given ORDER BY day
       ON CONFLICT (day) DO UPDATE
          SET is_working_day = excluded.is_working_day,
              working_days_through = excluded.working_days_through
        WHERE (w.is_working_day, w.working_days_through)
              IS DISTINCT FROM (excluded.is_working_day, excluded.working_days_through)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM written)::int AS written,
            (SELECT count(*) FROM removed)::int AS removed`,
    [rows.days, rows.isWorkingDay, rows.workingDaysThrough],
  )) as CalendarSync[];
  return result;
}

/** The years the calendar covers, as the errors below name them. */
function coveredYears(): string {
  return `${BANK_HOLIDAY_YEARS.first}-${BANK_HOLIDAY_YEARS.last}`;
}

/**
 * Refuses a period a working-day measure cannot count: CALENDAR_NOT_COVERED naming the field,
 * `from` in a year before the calendar's first, `to` in a year after its last.
 */
export function checkCalendarCovers(from: string, to: string): void {
  const { first, last } = BANK_HOLIDAY_YEARS;
  const refuse = (field: string, date: string) =>
    codedError(
      ErrorCode.CALENDAR_NOT_COVERED,
      `\`${field}\` (${date}) is outside the working-day calendar, which covers ${coveredYears()}` +
        (Number(date.slice(0, 4)) > last
          ? `; an administrator adds the next year with \`npm run holidays:add -- ${last + 1}\``
          : ''),
      { field, firstYear: first, lastYear: last },
    );
  if (Number(from.slice(0, 4)) < first) throw refuse('from', from);
  if (Number(to.slice(0, 4)) > last) throw refuse('to', to);
}

/**
 * The refusal when a measure's statement met dates outside the calendar (a referral before its
 * first year, or today after its last): `uncounted` of `what` could not be counted, so nothing is
 * answered.
 */
export function calendarNotCovered(uncounted: number, what: string): Error {
  const { first, last } = BANK_HOLIDAY_YEARS;
  return codedError(
    ErrorCode.CALENDAR_NOT_COVERED,
    `${uncounted} ${what} need working days counted on dates outside the working-day calendar, ` +
      `which covers ${coveredYears()}; nothing is answered rather than count them wrongly`,
    { uncounted, firstYear: first, lastYear: last },
  );
}
