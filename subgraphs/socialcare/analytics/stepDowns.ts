/**
 * Whether step-down to early help works, as three measures over the step-down decisions of a
 * period (a child on a contact decided STEP_DOWN_TO_EARLY_HELP, by the local date of
 * `contact_children.decided_at`): what the family said within 10 working days of the decision
 * (`stepDownOutcomes`); whether an early help assessment started within 10 working days of it
 * (`earlyHelpAssessmentStarts`); and whether the child came back to the MASH within 3, 6 and 12
 * months, and with a referral (`reContactAfterStepDown`). Each is one statement. The first two
 * read `early_help_episodes` and count working days on `working_day_calendar` (analytics/calendar.ts,
 * shared/working-days.ts's convention: from the day after the decision's local date through the
 * later date, so a decision on Monday 6 March 2023 has through Monday 20 March); the third reads
 * contacts, decisions and referrals alone, so it answers for imported history without episodes.
 * See the schema's descriptions (schema/reporting-step-down.graphql).
 */
import type { SocialcareContext } from '../context';
import { calendarNotCovered, checkCalendarCovers } from './calendar';
import {
  chooseGroupings,
  countWhere,
  groupingSql,
  localDay,
  measureGroupings,
  percentOf,
  shapeRows,
  type GroupingSql,
} from './measures';
import { periodRange } from './period';
import type { SuppressionRule } from './suppression';

/** What the step-down measures may be grouped by: the common groupings and the provider. */
export const STEP_DOWN_GROUPINGS = ['MONTH', 'WEEK', 'TEAM', 'SOURCE', 'PROVIDER'] as const;
export type StepDownGrouping = (typeof STEP_DOWN_GROUPINGS)[number];

const GROUP_FIELDS = ['month', 'week', 'team', 'source', 'provider'] as const;
type GroupField = (typeof GROUP_FIELDS)[number];

export interface StepDownArgs {
  from: string;
  to: string;
  groupBy?: StepDownGrouping[] | null;
}

/** The working days the family has to answer, and the early help assessment to start. */
export const STEP_DOWN_WORKING_DAYS = 10;

/** The follow-up windows of re-contact, in calendar months. */
export const RE_CONTACT_MONTHS = [3, 6, 12] as const;

// MONTH and WEEK of the decision's local date, TEAM and SOURCE of the contact it was made on, and
// the PROVIDER the episode it opened was offered to (null: no episode).
const GROUPINGS: Record<StepDownGrouping, GroupingSql<GroupField>> = {
  ...measureGroupings('cc.decided_at'),
  PROVIDER: { field: 'provider', key: 'e.provider_id', order: ['provider COLLATE "C"'] },
};

/**
 * A statement over the period's step-down decisions `cc` (with their contact `c` when grouped by
 * its team or source, and their episode `e` when one was opened, unless `episode` is false and
 * PROVIDER not asked for): `columns` are computed per decision into a CTE (after `joins`), then
 * `measures` aggregate them, optionally through a `between` CTE, `measured`, materialized so that
 * what it works out per decision is worked out once, not again in every count that tests it.
 * $1 and $2 bound the period.
 */
function stepDownSql(
  groupBy: readonly StepDownGrouping[],
  columns: string[],
  joins: string,
  measures: string[],
  between?: string,
  episode = true,
): string {
  const grouping = groupingSql(groupBy.map((g) => GROUPINGS[g]));
  // The contact is read only for its team or source: every decision has one, and leaving it out
  // spares a year's step-downs as many look-ups (or the planner a scan of every contact).
  const contact = groupBy.some((g) => g === 'TEAM' || g === 'SOURCE')
    ? '\n    JOIN contacts c ON c.id = cc.contact_id'
    : '';
  return `WITH stepped_down AS (
  SELECT ${[...columns, ...grouping.keys].join(',\n         ')}
    FROM contact_children cc${contact}${
      episode || groupBy.includes('PROVIDER')
        ? '\n    LEFT JOIN early_help_episodes e ON e.contact_id = cc.contact_id AND e.child_id = cc.child_id'
        : ''
    }${joins}
   WHERE cc.outcome = 'STEP_DOWN_TO_EARLY_HELP' AND cc.decided_at >= $1 AND cc.decided_at < $2
)${between ? `, measured AS MATERIALIZED (\n${between}\n)` : ''}
SELECT ${[...grouping.columns, ...measures].join(',\n       ')}
  FROM ${between ? 'measured' : 'stepped_down'}${grouping.groupAndOrder}`;
}

/**
 * The calendar rows the working-day measures join: `dd` the decision's local date, `td` today's
 * ($3), and `xd` the episode's date `episodeDate` (the response, or the assessment's start).
 */
function calendarJoins(episodeDate: string): string {
  return `
    LEFT JOIN working_day_calendar dd ON dd.day = ${localDay('cc.decided_at')}
    LEFT JOIN working_day_calendar xd ON xd.day = ${episodeDate}
    LEFT JOIN working_day_calendar td ON td.day = ${localDay('$3::timestamptz')}`;
}

/** Working days from the decision to calendar row `to` (may be below 0 for an earlier date). */
const since = (to: string) => `(${to}.working_days_through - dd.working_days_through)`;

export const STEP_DOWN_OUTCOME_COUNTS = [
  'steppedDown',
  'accepted',
  'declined',
  'noResponse',
  'awaitingResponse',
  'withoutEpisode',
] as const;
export const STEP_DOWN_OUTCOME_FIGURES = [
  'percentAccepted',
  'percentDeclined',
  'percentNoResponse',
] as const;

/** Step-downs are the units; each bucket is part of them (one small bucket withholds them all). */
export const STEP_DOWN_OUTCOME_SUPPRESSION: SuppressionRule<
  (typeof STEP_DOWN_OUTCOME_COUNTS)[number]
> = {
  units: ['steppedDown'],
  parts: [
    ['accepted', 'steppedDown'],
    ['declined', 'steppedDown'],
    ['noResponse', 'steppedDown'],
    ['awaitingResponse', 'steppedDown'],
    ['withoutEpisode', 'steppedDown'],
  ],
};

/**
 * Step-downs by the family's response. Parameters: $1, $2 the period; $3 now. Each decision falls
 * in one bucket; null (`uncounted`) when a date it needs is outside the calendar.
 */
export function stepDownOutcomesSql(groupBy: readonly StepDownGrouping[]): string {
  const n = STEP_DOWN_WORKING_DAYS;
  const settled = `count(*) FILTER (WHERE response IN ('ACCEPTED', 'DECLINED', 'NO_RESPONSE'))`;
  return stepDownSql(
    groupBy,
    [
      `CASE WHEN e.id IS NULL THEN 'NO_EPISODE'
              WHEN dd.day IS NULL OR (e.responded_on IS NOT NULL AND xd.day IS NULL) THEN NULL
              WHEN e.responded_on IS NOT NULL AND ${since('xd')} <= ${n} THEN e.family_response
              WHEN td.day IS NULL THEN NULL
              WHEN ${since('td')} > ${n} THEN 'NO_RESPONSE'
              ELSE 'AWAITING' END AS response`,
    ],
    calendarJoins('e.responded_on'),
    [
      `count(*)::int AS "steppedDown"`,
      `${countWhere(`response = 'ACCEPTED'`)} AS "accepted"`,
      `${countWhere(`response = 'DECLINED'`)} AS "declined"`,
      `${countWhere(`response = 'NO_RESPONSE'`)} AS "noResponse"`,
      `${countWhere(`response = 'AWAITING'`)} AS "awaitingResponse"`,
      `${countWhere(`response = 'NO_EPISODE'`)} AS "withoutEpisode"`,
      `${percentOf(`count(*) FILTER (WHERE response = 'ACCEPTED')`, settled)} AS "percentAccepted"`,
      `${percentOf(`count(*) FILTER (WHERE response = 'DECLINED')`, settled)} AS "percentDeclined"`,
      `${percentOf(`count(*) FILTER (WHERE response = 'NO_RESPONSE')`, settled)} AS "percentNoResponse"`,
      `${countWhere('response IS NULL')} AS "uncounted"`,
    ],
  );
}

export const ASSESSMENT_START_COUNTS = [
  'steppedDown',
  'accepted',
  'startedWithin10WorkingDays',
  'startedLater',
  'notStarted',
  'awaitingStart',
] as const;
export const ASSESSMENT_START_FIGURES = [
  'percentStartedWithin10WorkingDays',
  'medianWorkingDaysToStart',
] as const;

/** Step-downs are the units, acceptances part of them, and each start bucket part of those. */
export const ASSESSMENT_START_SUPPRESSION: SuppressionRule<
  (typeof ASSESSMENT_START_COUNTS)[number]
> = {
  units: ['steppedDown'],
  parts: [
    ['accepted', 'steppedDown'],
    ['startedWithin10WorkingDays', 'accepted'],
    ['startedLater', 'accepted'],
    ['notStarted', 'accepted'],
    ['awaitingStart', 'accepted'],
  ],
};

/**
 * Early help assessments started within 10 working days of the step-down decision, of the
 * families who accepted. Parameters: $1, $2 the period; $3 now.
 */
export function assessmentStartsSql(groupBy: readonly StepDownGrouping[]): string {
  const n = STEP_DOWN_WORKING_DAYS;
  const due = `count(*) FILTER (WHERE start IN ('WITHIN', 'LATER', 'NOT_STARTED'))`;
  return stepDownSql(
    groupBy,
    [
      `CASE WHEN e.family_response IS DISTINCT FROM 'ACCEPTED' THEN 'NOT_ACCEPTED'
              WHEN dd.day IS NULL OR (e.assessment_started_on IS NOT NULL AND xd.day IS NULL) THEN NULL
              WHEN e.assessment_started_on IS NOT NULL
                THEN CASE WHEN ${since('xd')} <= ${n} THEN 'WITHIN' ELSE 'LATER' END
              WHEN td.day IS NULL THEN NULL
              WHEN ${since('td')} > ${n} THEN 'NOT_STARTED'
              ELSE 'AWAITING' END AS start`,
      `CASE WHEN e.family_response = 'ACCEPTED' AND e.assessment_started_on IS NOT NULL
              THEN greatest(0, ${since('xd')}) END AS working_days_to_start`,
    ],
    calendarJoins('e.assessment_started_on'),
    [
      `count(*)::int AS "steppedDown"`,
      `${countWhere(`start IS DISTINCT FROM 'NOT_ACCEPTED'`)} AS "accepted"`,
      `${countWhere(`start = 'WITHIN'`)} AS "startedWithin10WorkingDays"`,
      `${countWhere(`start = 'LATER'`)} AS "startedLater"`,
      `${countWhere(`start = 'NOT_STARTED'`)} AS "notStarted"`,
      `${countWhere(`start = 'AWAITING'`)} AS "awaitingStart"`,
      `${percentOf(`count(*) FILTER (WHERE start = 'WITHIN')`, due)} AS "percentStartedWithin10WorkingDays"`,
      `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY working_days_to_start)
               FILTER (WHERE start IN ('WITHIN', 'LATER')))::numeric, 1)::float8
         AS "medianWorkingDaysToStart"`,
      `${countWhere('start IS NULL')} AS "uncounted"`,
    ],
  );
}

export const RE_CONTACT_COUNTS = [
  'steppedDown',
  ...RE_CONTACT_MONTHS.flatMap(
    (m) =>
      [`windowElapsed${m}Months`, `reContacted${m}Months`, `reContactReferred${m}Months`] as const,
  ),
  'steppedUp12Months',
] as const;
export const RE_CONTACT_FIGURES = RE_CONTACT_MONTHS.map(
  (m) => `percentReContacted${m}Months` as const,
);
type ReContactCount = (typeof RE_CONTACT_COUNTS)[number];

/**
 * Step-downs are the units. Those whose window has elapsed are part of them (the 6-month ones of
 * the 3-month ones, the 12-month of the 6-month); those re-contacted part of those whose window
 * elapsed, those referred part of those re-contacted, and those stepped up part of those
 * re-contacted within 12 months.
 */
export const RE_CONTACT_SUPPRESSION: SuppressionRule<ReContactCount> = {
  units: ['steppedDown'],
  parts: [
    ['windowElapsed3Months', 'steppedDown'],
    ['windowElapsed6Months', 'windowElapsed3Months'],
    ['windowElapsed12Months', 'windowElapsed6Months'],
    ...RE_CONTACT_MONTHS.flatMap((m) => [
      [`reContacted${m}Months`, `windowElapsed${m}Months`] as const,
      [`reContactReferred${m}Months`, `reContacted${m}Months`] as const,
    ]),
    ['steppedUp12Months', 'reContacted12Months'],
  ],
};

/**
 * Re-contact after step-down. Parameters: $1, $2 the period; $3 now. For each decision, the local
 * dates of the child's first later contact (received after the decision, on another contact) and
 * of the first of those whose decision for the child created a referral, looked up by the child
 * (only contacts in the 12-month window and a month's margin are read), and of the one of them its
 * early help episode names as its step-up. The episodes are joined only for PROVIDER. A
 * window of m months ends on the decision's local date m months on (PostgreSQL takes 31 August
 * six months on to the end of February); it has elapsed when today is after that date.
 */
export function reContactSql(groupBy: readonly StepDownGrouping[]): string {
  const longest = Math.max(...RE_CONTACT_MONTHS);
  // Each decision's windows are worked out once, into flags the counts only test: elapsed<m>,
  // back<m> (re-contacted within the window, once it has elapsed), referred<m>; and stepped_up.
  const flags = RE_CONTACT_MONTHS.flatMap((m) => [
    `w.end${m} < t.today AS elapsed${m}`,
    `w.end${m} < t.today AND d.first_on <= w.end${m} AS back${m}`,
    `w.end${m} < t.today AND d.first_referred_on <= w.end${m} AS referred${m}`,
  ]);
  return stepDownSql(
    groupBy,
    ['cc.contact_id', 'cc.child_id', 'cc.decided_at', `${localDay('cc.decided_at')} AS day`],
    '',
    [
      `count(*)::int AS "steppedDown"`,
      ...RE_CONTACT_MONTHS.flatMap((m) => [
        `${countWhere(`elapsed${m}`)} AS "windowElapsed${m}Months"`,
        `${countWhere(`back${m}`)} AS "reContacted${m}Months"`,
        `${countWhere(`referred${m}`)} AS "reContactReferred${m}Months"`,
        `${percentOf(
          `count(*) FILTER (WHERE back${m})`,
          `count(*) FILTER (WHERE elapsed${m})`,
        )} AS "percentReContacted${m}Months"`,
      ]),
      `${countWhere('stepped_up')} AS "steppedUp12Months"`,
    ],
    `  SELECT s.*,
         ${flags.join(',\n         ')},
         w.end${longest} < t.today AND d.step_up_on <= w.end${longest} AS stepped_up
    FROM stepped_down s
    CROSS JOIN (SELECT (SELECT ${localDay('$3::timestamptz')}) AS today) t
    CROSS JOIN LATERAL (
      SELECT ${RE_CONTACT_MONTHS.map((m) => `(s.day + interval '${m} months')::date AS end${m}`).join(',\n             ')}
    ) w
    CROSS JOIN LATERAL (
      SELECT min(c2.received_at) AS first_at,
             min(c2.received_at) FILTER (WHERE EXISTS (
               SELECT 1 FROM referrals r
                WHERE r.contact_id = lc.contact_id AND r.child_id = lc.child_id)) AS first_referred_at,
             -- The step-up contact the episode (if any) names, among the later contacts.
             min(c2.received_at) FILTER (WHERE EXISTS (
               SELECT 1 FROM early_help_episodes se
                WHERE se.contact_id = s.contact_id AND se.child_id = s.child_id
                  AND se.step_up_contact_id = lc.contact_id)) AS step_up_at
        FROM contact_children lc
        JOIN contacts c2 ON c2.id = lc.contact_id
       WHERE lc.child_id = s.child_id AND lc.contact_id <> s.contact_id
         -- A contact received after the decision was decided after it too, or is open: this
         -- leaves the child's earlier contacts out before their contact row is read.
         AND (lc.decided_at > s.decided_at OR lc.decided_at IS NULL)
         AND c2.received_at > s.decided_at
         AND c2.received_at < s.decided_at + interval '${longest + 1} months'
    ) later
    CROSS JOIN LATERAL (
      SELECT ${localDay('later.first_at')} AS first_on,
             ${localDay('later.first_referred_at')} AS first_referred_on,
             ${localDay('later.step_up_at')} AS step_up_on
    ) d`,
    false,
  );
}

/** Validates (BAD_USER_INPUT; CALENDAR_NOT_COVERED when `calendar`) and reads in one statement. */
async function measure<C extends string, F extends string>(
  args: StepDownArgs,
  ctx: SocialcareContext,
  sql: (groupBy: readonly StepDownGrouping[]) => string,
  calendar: boolean,
  counts: readonly C[],
  figures: readonly F[],
  rule: SuppressionRule<C>,
) {
  const range = periodRange(args.from, args.to);
  const groupBy = chooseGroupings(args.groupBy, GROUPINGS);
  if (calendar) checkCalendarCovers(args.from, args.to);
  const rows = (await ctx.dataSource.query(sql(groupBy), [
    range.start,
    range.end,
    ctx.now,
  ])) as Record<string, unknown>[];
  if (calendar) {
    const uncounted = rows.reduce((n, row) => n + (row.uncounted as number), 0);
    if (uncounted > 0) throw calendarNotCovered(uncounted, 'step-downs');
  }
  return shapeRows(rows, GROUP_FIELDS, counts, figures, ctx.analyticsSuppressBelow, rule);
}

/** Step-down decisions in a period by what the family said within 10 working days. */
export function stepDownOutcomes(args: StepDownArgs, ctx: SocialcareContext) {
  return measure(
    args,
    ctx,
    stepDownOutcomesSql,
    true,
    STEP_DOWN_OUTCOME_COUNTS,
    STEP_DOWN_OUTCOME_FIGURES,
    STEP_DOWN_OUTCOME_SUPPRESSION,
  );
}

/** Step-down decisions in a period and how soon the early help assessment started. */
export function earlyHelpAssessmentStarts(args: StepDownArgs, ctx: SocialcareContext) {
  return measure(
    args,
    ctx,
    assessmentStartsSql,
    true,
    ASSESSMENT_START_COUNTS,
    ASSESSMENT_START_FIGURES,
    ASSESSMENT_START_SUPPRESSION,
  );
}

/** Step-down decisions in a period and how many children came back within 3, 6 and 12 months. */
export function reContactAfterStepDown(args: StepDownArgs, ctx: SocialcareContext) {
  return measure(
    args,
    ctx,
    reContactSql,
    false,
    RE_CONTACT_COUNTS,
    RE_CONTACT_FIGURES,
    RE_CONTACT_SUPPRESSION,
  );
}
