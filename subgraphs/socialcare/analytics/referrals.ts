/**
 * The measures of referrals created in a period (the local date of `referrals.created_at`): how
 * many were completed within 72 hours, how many led to an assessment, and how many were
 * re-referrals within 12 months. Each is one statement; see the schema's `referralCompletion`,
 * `referralsLeadingToAssessment` and `reReferrals`.
 */
import { dueSql } from '../clocks';
import type { SocialcareContext } from '../context';
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

const GROUPINGS = measureGroupings('r.created_at');

/** The referral's clock as SQL over a row with `created_at`: ../clocks.ts `referralDue`. */
const DUE = dueSql.referral('created_at');

/**
 * A statement over the period's referrals `r` (with the contact `c` behind each): `columns` are
 * computed per referral into a CTE, then `measures` aggregate them. $1 and $2 bound the period.
 */
function referralSql(
  groupBy: readonly MeasureGrouping[],
  columns: string[],
  joins: string,
  measures: string[],
): string {
  const grouping = groupingSql(groupBy.map((g) => GROUPINGS[g]));
  const selected = [...columns, ...grouping.keys];
  return `WITH in_period AS (
  SELECT ${selected.join(',\n         ')}
    FROM referrals r
    JOIN contacts c ON c.id = r.contact_id${joins}
   WHERE r.created_at >= $1 AND r.created_at < $2
)
SELECT ${[...grouping.columns, ...measures].join(',\n       ')}
  FROM in_period${grouping.groupAndOrder}`;
}

export const COMPLETION_COUNTS = [
  'referrals',
  'completed',
  'completedWithin72Hours',
  'stillOpen',
  'openOverdue',
] as const;
export const COMPLETION_FIGURES = ['percentCompleted', 'percentWithin72Hours'] as const;

/** Referrals are the units; completed and still open parts of them, and so on. */
export const COMPLETION_SUPPRESSION: SuppressionRule<(typeof COMPLETION_COUNTS)[number]> = {
  units: ['referrals'],
  parts: [
    ['completed', 'referrals'],
    ['stillOpen', 'referrals'],
    ['completedWithin72Hours', 'completed'],
    ['openOverdue', 'stillOpen'],
  ],
};

/** Referral completion. Parameters: $1, $2 the period; $3 now. */
export function completionSql(groupBy: readonly MeasureGrouping[]): string {
  const within = `completed_at <= ${DUE}`;
  return referralSql(groupBy, ['r.created_at', 'r.completed_at'], '', [
    `count(*)::int AS "referrals"`,
    `count(completed_at)::int AS "completed"`,
    `${countWhere(within)} AS "completedWithin72Hours"`,
    `${countWhere('completed_at IS NULL')} AS "stillOpen"`,
    `${countWhere(`completed_at IS NULL AND ${DUE} < $3`)} AS "openOverdue"`,
    `${percentOf('count(completed_at)', 'count(*)')} AS "percentCompleted"`,
    `${percentOf(`count(*) FILTER (WHERE ${within})`, 'count(completed_at)')} AS "percentWithin72Hours"`,
  ]);
}

export const ASSESSMENT_COUNTS = ['referrals', 'assessed'] as const;
export const ASSESSMENT_FIGURES = ['percentAssessed'] as const;

export const ASSESSMENT_SUPPRESSION: SuppressionRule<(typeof ASSESSMENT_COUNTS)[number]> = {
  units: ['referrals'],
  parts: [['assessed', 'referrals']],
};

/** Referrals leading to an assessment. Parameters: $1, $2 the period. */
export function leadingToAssessmentSql(groupBy: readonly MeasureGrouping[]): string {
  return referralSql(
    groupBy,
    ['a.id IS NOT NULL AS assessed'],
    '\n    LEFT JOIN assessments a ON a.referral_id = r.id',
    [
      `count(*)::int AS "referrals"`,
      `${countWhere('assessed')} AS "assessed"`,
      `${percentOf('count(*) FILTER (WHERE assessed)', 'count(*)')} AS "percentAssessed"`,
    ],
  );
}

export const RE_REFERRAL_COUNTS = ['referrals', 'reReferrals'] as const;
export const RE_REFERRAL_FIGURES = ['percentReReferrals'] as const;

export const RE_REFERRAL_SUPPRESSION: SuppressionRule<(typeof RE_REFERRAL_COUNTS)[number]> = {
  units: ['referrals'],
  parts: [['reReferrals', 'referrals']],
};

/**
 * Re-referrals. Parameters: $1, $2 the period. A previous referral is the same child's, created
 * before this one (ties in the instant broken by id), on a local date no earlier than the same
 * date 12 calendar months before this one's (PostgreSQL takes 29 February back to 28 February).
 */
export function reReferralSql(groupBy: readonly MeasureGrouping[]): string {
  return referralSql(
    groupBy,
    [
      `EXISTS (SELECT 1 FROM referrals p
                  WHERE p.child_id = r.child_id
                    AND (p.created_at, p.id) < (r.created_at, r.id)
                    AND ${localDay('p.created_at')}
                        >= (${localDay('r.created_at')} - interval '12 months')::date)
           AS re_referral`,
    ],
    '',
    [
      `count(*)::int AS "referrals"`,
      `${countWhere('re_referral')} AS "reReferrals"`,
      `${percentOf('count(*) FILTER (WHERE re_referral)', 'count(*)')} AS "percentReReferrals"`,
    ],
  );
}

/** Validates (BAD_USER_INPUT), reads in one statement, shapes and suppresses. */
async function measure<C extends string, F extends string>(
  args: MeasureArgs,
  ctx: SocialcareContext,
  sql: (groupBy: readonly MeasureGrouping[]) => string,
  withNow: boolean,
  counts: readonly C[],
  figures: readonly F[],
  rule: SuppressionRule<C>,
) {
  const range = periodRange(args.from, args.to);
  const groupBy = chooseGroupings(args.groupBy, GROUPINGS);
  const params: unknown[] = [range.start, range.end, ...(withNow ? [ctx.now] : [])];
  const rows = await ctx.dataSource.query(sql(groupBy), params);
  return shapeRows(rows, MEASURE_GROUP_FIELDS, counts, figures, ctx.analyticsSuppressBelow, rule);
}

/** Referrals created in a period: completed, within 72 hours, still open, overdue now. */
export function referralCompletion(args: MeasureArgs, ctx: SocialcareContext) {
  return measure(
    args,
    ctx,
    completionSql,
    true,
    COMPLETION_COUNTS,
    COMPLETION_FIGURES,
    COMPLETION_SUPPRESSION,
  );
}

/** Referrals created in a period and how many have an assessment. */
export function referralsLeadingToAssessment(args: MeasureArgs, ctx: SocialcareContext) {
  return measure(
    args,
    ctx,
    leadingToAssessmentSql,
    false,
    ASSESSMENT_COUNTS,
    ASSESSMENT_FIGURES,
    ASSESSMENT_SUPPRESSION,
  );
}

/** Referrals created in a period and how many are re-referrals within 12 months. */
export function reReferrals(args: MeasureArgs, ctx: SocialcareContext) {
  return measure(
    args,
    ctx,
    reReferralSql,
    false,
    RE_REFERRAL_COUNTS,
    RE_REFERRAL_FIGURES,
    RE_REFERRAL_SUPPRESSION,
  );
}
