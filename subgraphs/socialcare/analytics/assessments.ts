/**
 * Assessment completion: the assessments authorised in a period by the working days from their
 * referral to their authorisation, in the published buckets, and beside them the assessments
 * started in the period and still in progress. Working days are counted in SQL on
 * `working_day_calendar` (analytics/calendar.ts), by shared/working-days.ts's convention: from the
 * day after the referral's local date through the authorisation's. See the schema's
 * `assessmentCompletion`.
 */
import type { SocialcareContext } from '../context';
import { calendarNotCovered, checkCalendarCovers } from './calendar';
import {
  chooseGroupings,
  countWhere,
  groupingSql,
  localDay,
  MEASURE_GROUP_FIELDS,
  measureGroupings,
  percentOf,
  shapeRows,
  type MeasureArgs,
  type MeasureGrouping,
} from './measures';
import { periodRange } from './period';
import type { SuppressionRule } from './suppression';

export const ASSESSMENT_COMPLETION_COUNTS = [
  'authorised',
  'workingDays1To15',
  'workingDays16To25',
  'workingDays26To35',
  'workingDays36To45',
  'workingDaysOver45',
  'inProgress',
  'inProgressOver45WorkingDays',
] as const;
export const ASSESSMENT_COMPLETION_FIGURES = ['percentWithin45WorkingDays'] as const;

/**
 * Authorised and in progress are the units; each bucket is part of those authorised (so one
 * small bucket withholds them all), those over 45 working days part of those in progress.
 */
export const ASSESSMENT_COMPLETION_SUPPRESSION: SuppressionRule<
  (typeof ASSESSMENT_COMPLETION_COUNTS)[number]
> = {
  units: ['authorised', 'inProgress'],
  parts: [
    ['workingDays1To15', 'authorised'],
    ['workingDays16To25', 'authorised'],
    ['workingDays26To35', 'authorised'],
    ['workingDays36To45', 'authorised'],
    ['workingDaysOver45', 'authorised'],
    ['inProgressOver45WorkingDays', 'inProgress'],
  ],
};

// Authorised ones are keyed by the authorisation, those in progress by their start.
const AUTHORISED = measureGroupings('a.authorised_at');
const IN_PROGRESS = measureGroupings('a.started_at');

/**
 * Working days from calendar row `from` to calendar row `to` (both outer-joined): null when
 * either date is outside the calendar, never a guess; otherwise never below 0.
 */
function workingDays(from: string, to: string): string {
  return `CASE WHEN ${from}.day IS NOT NULL AND ${to}.day IS NOT NULL
              THEN greatest(0, ${to}.working_days_through - ${from}.working_days_through) END`;
}

/**
 * The one statement. Parameters: $1 the period's first instant, $2 the instant after it, $3 now.
 * Beside the measures it returns `uncounted`: rows whose working days met a date outside the
 * calendar (the caller refuses the answer when there are any).
 */
export function assessmentCompletionSql(groupBy: readonly MeasureGrouping[]): string {
  const authorisedKeys = groupingSql(groupBy.map((g) => AUTHORISED[g]));
  const inProgressKeys = groupingSql(groupBy.map((g) => IN_PROGRESS[g]));
  const extra = (keys: string[]) => keys.map((k) => `,\n         ${k}`).join('');
  const authorisedWithin = (low: number, high: number) =>
    countWhere(`authorised AND working_days BETWEEN ${low} AND ${high}`);
  return `WITH measured AS (
  SELECT true AS authorised,
         ${workingDays('rd', 'ad')} AS working_days${extra(authorisedKeys.keys)}
    FROM assessments a
    JOIN referrals r ON r.id = a.referral_id
    JOIN contacts c ON c.id = r.contact_id
    LEFT JOIN working_day_calendar rd ON rd.day = ${localDay('r.created_at')}
    LEFT JOIN working_day_calendar ad ON ad.day = ${localDay('a.authorised_at')}
   WHERE a.authorised_at >= $1 AND a.authorised_at < $2
  UNION ALL
  SELECT false,
         ${workingDays('rd', 'td')}${extra(inProgressKeys.keys)}
    FROM assessments a
    JOIN referrals r ON r.id = a.referral_id
    JOIN contacts c ON c.id = r.contact_id
    LEFT JOIN working_day_calendar rd ON rd.day = ${localDay('r.created_at')}
    LEFT JOIN working_day_calendar td ON td.day = ${localDay('$3::timestamptz')}
   WHERE a.authorised_at IS NULL AND a.started_at >= $1 AND a.started_at < $2
)
SELECT ${authorisedKeys.columns.map((c) => `${c}, `).join('')}${countWhere('authorised')} AS "authorised",
       ${authorisedWithin(0, 15)} AS "workingDays1To15",
       ${authorisedWithin(16, 25)} AS "workingDays16To25",
       ${authorisedWithin(26, 35)} AS "workingDays26To35",
       ${authorisedWithin(36, 45)} AS "workingDays36To45",
       ${countWhere('authorised AND working_days > 45')} AS "workingDaysOver45",
       ${countWhere('NOT authorised')} AS "inProgress",
       ${countWhere('NOT authorised AND working_days > 45')} AS "inProgressOver45WorkingDays",
       ${percentOf('count(*) FILTER (WHERE authorised AND working_days <= 45)', 'count(*) FILTER (WHERE authorised)')} AS "percentWithin45WorkingDays",
       ${countWhere('working_days IS NULL')} AS "uncounted"
  FROM measured${authorisedKeys.groupAndOrder}`;
}

/**
 * The assessment completion rows for a period. Validates first: BAD_USER_INPUT as every measure,
 * CALENDAR_NOT_COVERED for a period outside the calendar's years; reads in one statement; and
 * refuses (CALENDAR_NOT_COVERED) an answer in which any assessment could not be counted.
 */
export async function assessmentCompletion(args: MeasureArgs, ctx: SocialcareContext) {
  const range = periodRange(args.from, args.to);
  const groupBy = chooseGroupings(args.groupBy, AUTHORISED);
  checkCalendarCovers(args.from, args.to);
  const rows = (await ctx.dataSource.query(assessmentCompletionSql(groupBy), [
    range.start,
    range.end,
    ctx.now,
  ])) as Record<string, unknown>[];
  const uncounted = rows.reduce((n, row) => n + (row.uncounted as number), 0);
  if (uncounted > 0) throw calendarNotCovered(uncounted, 'assessments');
  return shapeRows(
    rows,
    MEASURE_GROUP_FIELDS,
    ASSESSMENT_COMPLETION_COUNTS,
    ASSESSMENT_COMPLETION_FIGURES,
    ctx.analyticsSuppressBelow,
    ASSESSMENT_COMPLETION_SUPPRESSION,
  );
}
