/**
 * Contact-to-referral conversion: of the children decided on contacts received in a period, how
 * many were referred. The unit is a child on a contact (a `contact_children` row), since the
 * threshold decision, and so the referral, is per child. See the schema's `contactConversion`.
 */
import type { SocialcareContext } from '../context';
import {
  chooseGroupings,
  countWhere,
  groupingSql,
  MEASURE_GROUP_FIELDS,
  measureGroupings,
  percentOf,
  shapeRows,
  type MeasureArgs,
  type MeasureGrouping,
} from './measures';
import { periodRange } from './period';
import type { SuppressionRule } from './suppression';

export const CONVERSION_COUNTS = ['decided', 'referred', 'awaitingDecision'] as const;
export const CONVERSION_FIGURES = ['percentReferred'] as const;

/** Children decided and awaiting a decision are the units; those referred are part of decided. */
export const CONVERSION_SUPPRESSION: SuppressionRule<(typeof CONVERSION_COUNTS)[number]> = {
  units: ['decided', 'awaitingDecision'],
  parts: [['referred', 'decided']],
};

const GROUPINGS = measureGroupings('c.received_at');

/** The one statement. Parameters: $1 the period's first instant, $2 the instant after it. */
export function conversionSql(groupBy: readonly MeasureGrouping[]): string {
  const { keys, columns, groupAndOrder } = groupingSql(groupBy.map((g) => GROUPINGS[g]));
  return `WITH in_period AS (
  SELECT cc.decided_at IS NOT NULL AS decided,
         EXISTS (SELECT 1 FROM referrals r
                  WHERE r.contact_id = cc.contact_id AND r.child_id = cc.child_id) AS referred${keys.map((k) => `,\n         ${k}`).join('')}
    FROM contacts c
    JOIN contact_children cc ON cc.contact_id = c.id
   WHERE c.received_at >= $1 AND c.received_at < $2
)
SELECT ${columns.map((c) => `${c}, `).join('')}${countWhere('decided')} AS "decided",
       ${countWhere('decided AND referred')} AS "referred",
       ${countWhere('NOT decided')} AS "awaitingDecision",
       ${percentOf('count(*) FILTER (WHERE decided AND referred)', 'count(*) FILTER (WHERE decided)')} AS "percentReferred"
  FROM in_period${groupAndOrder}`;
}

/** The conversion rows for a period. Validates first (BAD_USER_INPUT); reads in one statement. */
export async function contactConversion(args: MeasureArgs, ctx: SocialcareContext) {
  const range = periodRange(args.from, args.to);
  const groupBy = chooseGroupings(args.groupBy, GROUPINGS);
  const rows = await ctx.dataSource.query(conversionSql(groupBy), [range.start, range.end]);
  return shapeRows(
    rows,
    MEASURE_GROUP_FIELDS,
    CONVERSION_COUNTS,
    CONVERSION_FIGURES,
    ctx.analyticsSuppressBelow,
    CONVERSION_SUPPRESSION,
  );
}
