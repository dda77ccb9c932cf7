/**
 * Child protection visits in time: of the visits made in a period to children on plans active in
 * it, how many came within the authority's frequency (`cpVisitWorkingDays` working days) of the
 * visit before, or of the plan's start for the first; and how many of those plans are overdue for
 * a visit now. Working days are counted in SQL on `working_day_calendar` (analytics/calendar.ts),
 * by shared/working-days.ts's convention. See the schema's `childProtectionVisits`.
 */
import type { SocialcareContext } from '../context';
import { calendarNotCovered, checkCalendarCovers } from './calendar';
import {
  chooseGroupings,
  codeArray,
  countWhere,
  groupingSql,
  localDay,
  percentOf,
  shapeRows,
  type GroupingSql,
} from './measures';
import { periodRange } from './period';
import type { SuppressionRule } from './suppression';

/** What the visit rows may be grouped by. */
export const CP_VISIT_GROUPINGS = ['MONTH', 'CATEGORY'] as const;
export type CpVisitGrouping = (typeof CP_VISIT_GROUPINGS)[number];

const GROUP_FIELDS = ['month', 'category'] as const;
type GroupField = (typeof GROUP_FIELDS)[number];

export const CP_VISIT_COUNTS = ['plans', 'visits', 'visitsInTime', 'plansOverdueNow'] as const;
export const CP_VISIT_FIGURES = ['percentVisitsInTime'] as const;

/** Plans and visits are the units; visits in time part of visits, overdue plans of plans. */
export const CP_VISIT_SUPPRESSION: SuppressionRule<(typeof CP_VISIT_COUNTS)[number]> = {
  units: ['plans', 'visits'],
  parts: [
    ['visitsInTime', 'visits'],
    ['plansOverdueNow', 'plans'],
  ],
};

export interface CpVisitArgs {
  from: string;
  to: string;
  groupBy?: CpVisitGrouping[] | null;
}

/** The schema's ChildProtectionCategory order: how CATEGORY rows are listed. */
const CATEGORY_ORDER = codeArray(['EMOTIONAL', 'NEGLECT', 'PHYSICAL', 'SEXUAL', 'MULTIPLE']);

/**
 * Each grouping's key for a visit row and for a plan row. With MONTH a visit is keyed by the
 * month of its local date, a plan by each month of the period it was active in (`pm.month`, from
 * the join `planJoin` adds), so a plan counts in `plans` once in every such month, and in
 * `plansOverdueNow` only in the last of them.
 */
const GROUPINGS: Record<
  CpVisitGrouping,
  {
    visit: GroupingSql<GroupField>;
    plan: GroupingSql<GroupField>;
    planJoin?: string;
    /** True on the one plan row of this grouping that may count the plan as overdue now. */
    planCountsOverdue?: string;
  }
> = {
  MONTH: {
    visit: { field: 'month', key: `to_char(v.visited_on, 'YYYY-MM')`, order: ['month'] },
    plan: { field: 'month', key: `to_char(pm.month, 'YYYY-MM')`, order: ['month'] },
    planJoin: `
    CROSS JOIN LATERAL generate_series(
      date_trunc('month', greatest(p.started_on, $4::date)::timestamp),
      date_trunc('month', least(coalesce(p.ended_on, $5::date), $5::date)::timestamp),
      interval '1 month') AS pm(month)`,
    // Overdue now is one fact about a plan: counted once, in the last month of the period it was
    // active in, so the months add up to the period's figure instead of repeating it.
    planCountsOverdue: `pm.month = date_trunc('month', least(coalesce(p.ended_on, $5::date), $5::date)::timestamp)`,
  },
  CATEGORY: {
    visit: { field: 'category', key: 'v.category', order: [] },
    plan: {
      field: 'category',
      key: 'p.category',
      order: [`array_position(${CATEGORY_ORDER}, category)`, 'category COLLATE "C"'],
    },
  },
};

/** Working days between two outer-joined calendar rows; null when either date is not covered. */
function workingDays(from: string, to: string): string {
  return `CASE WHEN ${from}.day IS NOT NULL AND ${to}.day IS NOT NULL
              THEN greatest(0, ${to}.working_days_through - ${from}.working_days_through) END`;
}

/**
 * The one statement. Parameters: $1 the period's first instant, $2 the instant after it, $3 now,
 * $4 and $5 the period's first and last local dates, $6 the frequency in working days. Beside the
 * measures, `uncounted`: rows whose working days met a date outside the calendar.
 */
export function cpVisitsSql(groupBy: readonly CpVisitGrouping[]): string {
  const chosen = groupBy.map((g) => GROUPINGS[g]);
  const visitKeys = groupingSql(chosen.map((g) => g.visit));
  const planKeys = groupingSql(chosen.map((g) => g.plan));
  const extra = (keys: string[]) => keys.map((k) => `,\n         ${k}`).join('');
  return `WITH active AS (
  SELECT p.id, p.started_on, p.ended_on, p.category
    FROM child_protection_plans p
   WHERE p.started_on <= $5::date AND (p.ended_on IS NULL OR p.ended_on >= $4::date)
), visits AS (
  -- Every visit up to the period's end, so the first in it still finds the one before it.
  SELECT v.visited_at, ${localDay('v.visited_at')} AS visited_on,
         coalesce(${localDay('lag(v.visited_at) OVER (PARTITION BY v.plan_id ORDER BY v.visited_at, v.id)')},
                  p.started_on) AS previous_on,
         p.category
    FROM active p
    JOIN child_protection_visits v ON v.plan_id = p.id
   WHERE v.visited_at < $2
), today AS (
  SELECT ${localDay('$3::timestamptz')} AS day
), measured AS (
  SELECT true AS visit, false AS overdue,
         ${workingDays('pc', 'vc')} AS working_days${extra(visitKeys.keys)}
    FROM visits v
    LEFT JOIN working_day_calendar pc ON pc.day = v.previous_on
    LEFT JOIN working_day_calendar vc ON vc.day = v.visited_on
   WHERE v.visited_at >= $1
  UNION ALL
  -- A plan is due a visit while it runs: started by today and not ended on or before it. Only
  -- a running plan's working days since its latest visit (or start) are needed.
  SELECT false, s.running AND d.since > $6::int${chosen.map((g) => (g.planCountsOverdue ? ` AND ${g.planCountsOverdue}` : '')).join('')},
         CASE WHEN s.running THEN d.since ELSE 0 END${extra(planKeys.keys)}
    FROM active p${chosen.map((g) => g.planJoin ?? '').join('')}
    CROSS JOIN today t
    CROSS JOIN LATERAL (
      SELECT p.started_on <= t.day AND (p.ended_on IS NULL OR p.ended_on > t.day) AS running,
             coalesce((SELECT ${localDay('max(v.visited_at)')}
                         FROM child_protection_visits v
                        WHERE v.plan_id = p.id AND v.visited_at <= $3),
                      p.started_on) AS last_on
    ) s
    LEFT JOIN working_day_calendar lc ON lc.day = s.last_on
    LEFT JOIN working_day_calendar tc ON tc.day = t.day
    CROSS JOIN LATERAL (SELECT ${workingDays('lc', 'tc')} AS since) d
)
SELECT ${planKeys.columns.map((c) => `${c}, `).join('')}${countWhere('NOT visit')} AS "plans",
       ${countWhere('visit')} AS "visits",
       ${countWhere('visit AND working_days <= $6::int')} AS "visitsInTime",
       ${percentOf('count(*) FILTER (WHERE visit AND working_days <= $6::int)', 'count(*) FILTER (WHERE visit)')} AS "percentVisitsInTime",
       ${countWhere('overdue')} AS "plansOverdueNow",
       ${countWhere('working_days IS NULL')} AS "uncounted"
  FROM measured${planKeys.groupAndOrder}`;
}

/**
 * The visit rows for a period, with the frequency they were measured against. Validates first
 * (BAD_USER_INPUT as every measure; CALENDAR_NOT_COVERED for a period outside the calendar's
 * years); reads in one statement; refuses (CALENDAR_NOT_COVERED) an answer in which any visit or
 * plan could not be counted.
 */
export async function childProtectionVisits(args: CpVisitArgs, ctx: SocialcareContext) {
  const range = periodRange(args.from, args.to);
  const groupBy = chooseGroupings(args.groupBy, GROUPINGS);
  checkCalendarCovers(args.from, args.to);
  const frequency = ctx.cpVisitWorkingDays;
  if (!Number.isInteger(frequency) || frequency < 1) {
    // The config refuses this at start (CP_VISIT_WORKING_DAYS); only a caller's own settings could.
    throw new Error(`cpVisitWorkingDays is not a whole number of working days: ${frequency}`);
  }
  const rows = (await ctx.dataSource.query(cpVisitsSql(groupBy), [
    range.start,
    range.end,
    ctx.now,
    args.from,
    args.to,
    frequency,
  ])) as Record<string, unknown>[];
  const uncounted = rows.reduce((n, row) => n + (row.uncounted as number), 0);
  if (uncounted > 0) throw calendarNotCovered(uncounted, 'visits or plans');
  return shapeRows(
    rows,
    GROUP_FIELDS,
    CP_VISIT_COUNTS,
    CP_VISIT_FIGURES,
    ctx.analyticsSuppressBelow,
    CP_VISIT_SUPPRESSION,
  ).map((row) => ({ ...row, frequencyWorkingDays: frequency }));
}
