/**
 * Decision timeliness: how many contacts received in a period were decided, how many within 24
 * hours and within one working day, how long decisions took, and how many are still open and
 * overdue now. Counted in one SQL statement over the stored instants (the one-working-day due
 * instant was computed by ../clocks.ts when each contact was recorded), so the answer, the
 * queue and a contact's own clocks cannot disagree. See the schema's `decisionTimeliness`.
 */
import { badUserInput } from '../../../shared/errors';
import { LOCAL_TIME_ZONE } from '../../../shared/time';
import { CONTACT_OUTCOMES, CONTACT_SOURCE_CODES } from '../codes';
import type { SocialcareContext } from '../context';
import { periodRange } from './period';
import { suppressSmallNumbers, type MeasuredRow, type SuppressionRule } from './suppression';
import { dueSql, RAG_RATINGS } from '../clocks';

/** What a timeliness row may be grouped by. */
export const TIMELINESS_GROUPINGS = ['MONTH', 'WEEK', 'RAG', 'SOURCE', 'TEAM', 'OUTCOME'] as const;
export type TimelinessGrouping = (typeof TIMELINESS_GROUPINGS)[number];

/** The row's field each grouping fills; every other group field is null. */
const GROUP_FIELDS = ['month', 'week', 'rag', 'source', 'team', 'outcome'] as const;
type GroupField = (typeof GROUP_FIELDS)[number];

/** The counts of a row (nullable once suppressed). */
export const TIMELINESS_COUNTS = [
  'received',
  'decided',
  'decidedWithin24Hours',
  'decidedWithinOneWorkingDay',
  'stillOpen',
  'openOverdue',
  'openPast24Hours',
] as const;

/**
 * How a row's counts relate for suppression: it counts contacts received; decided and still open
 * are parts of them, decided within 24 hours and within one working day parts of those decided,
 * open overdue and open past 24 hours parts of those still open.
 */
export const TIMELINESS_SUPPRESSION: SuppressionRule<(typeof TIMELINESS_COUNTS)[number]> = {
  units: ['received'],
  parts: [
    ['decided', 'received'],
    ['stillOpen', 'received'],
    ['decidedWithin24Hours', 'decided'],
    ['decidedWithinOneWorkingDay', 'decided'],
    ['openOverdue', 'stillOpen'],
    ['openPast24Hours', 'stillOpen'],
  ],
};

/** The derived figures of a row: withheld with its counts when any count is suppressed. */
export const TIMELINESS_FIGURES = [
  'percentDecided',
  'percentWithin24Hours',
  'percentWithinOneWorkingDay',
  'medianHoursToDecision',
  'p90HoursToDecision',
] as const;

/** One row of the answer, as the schema's `TimelinessRow`. */
export type TimelinessRow = Record<GroupField, string | null> &
  MeasuredRow<(typeof TIMELINESS_COUNTS)[number], (typeof TIMELINESS_FIGURES)[number]>;

export interface DecisionTimelinessArgs {
  from: string;
  to: string;
  groupBy?: TimelinessGrouping[] | null;
}

/** A SQL array literal of constant codes; refuses anything but letters, digits and `_`. */
function codeArray(codes: readonly string[]): string {
  for (const code of codes) {
    if (!/^[A-Z0-9_]+$/.test(code)) throw new Error(`not a code: ${code}`);
  }
  return `ARRAY[${codes.map((c) => `'${c}'`).join(', ')}]::text[]`;
}

const RAG_ORDER = codeArray(RAG_RATINGS);
// The census order, 1A ... 9, 10.
const SOURCE_ORDER = codeArray(CONTACT_SOURCE_CODES);
/** The schema's ContactOutcome order: how OUTCOME rows are listed. */
const OUTCOME_ORDER = codeArray(CONTACT_OUTCOMES);
/** Most serious first: breaks a tie between siblings decided at the same level. */
const OUTCOME_SERIOUSNESS = codeArray([
  'STRATEGY_DISCUSSION',
  'ASSESSMENT_REQUIRED',
  'STEP_DOWN_TO_EARLY_HELP',
  'ADVICE_AND_SIGNPOST',
  'NO_FURTHER_ACTION',
  'OTHER',
]);

const LOCAL_RECEIPT = `(c.received_at AT TIME ZONE '${LOCAL_TIME_ZONE}')`;

/**
 * The only SQL a grouping contributes, fixed here: the expression over a contact `c` that gives
 * its key, and how keys are ordered (over the key column; nulls last). Text keys order by code
 * point (COLLATE "C"), the same on every database whatever its locale.
 */
const GROUPINGS: Record<TimelinessGrouping, { field: GroupField; key: string; order: string[] }> = {
  MONTH: {
    field: 'month',
    key: `to_char(${LOCAL_RECEIPT}, 'YYYY-MM')`,
    order: ['month'],
  },
  WEEK: {
    field: 'week',
    // date_trunc('week') is the Monday: ISO weeks.
    key: `to_char(date_trunc('week', ${LOCAL_RECEIPT}), 'YYYY-MM-DD')`,
    order: ['week'],
  },
  RAG: {
    field: 'rag',
    key: 'c.rag',
    order: [`array_position(${RAG_ORDER}, rag)`, 'rag COLLATE "C"'],
  },
  SOURCE: {
    field: 'source',
    key: 'c.source_code',
    order: [`array_position(${SOURCE_ORDER}, source)`, 'source COLLATE "C"'],
  },
  TEAM: { field: 'team', key: 'c.team', order: ['team COLLATE "C"'] },
  OUTCOME: {
    field: 'outcome',
    // The contact's outcome for reporting: its highest-level child decision's, ties to the more
    // serious outcome; none while any child is undecided.
    key: `CASE WHEN c.closed_at IS NOT NULL THEN (
              SELECT cc.outcome FROM contact_children cc
               WHERE cc.contact_id = c.id AND cc.decided_at IS NOT NULL
               ORDER BY cc.level DESC NULLS LAST,
                        array_position(${OUTCOME_SERIOUSNESS}, cc.outcome) NULLS LAST
               LIMIT 1) END`,
    order: [`array_position(${OUTCOME_ORDER}, outcome)`, 'outcome COLLATE "C"'],
  },
};

/**
 * The one statement answering a timeliness question. Parameters: $1 the period's first instant,
 * $2 the instant after it, $3 now. The groupings only pick fragments from GROUPINGS; every value
 * is bound.
 */
export function timelinessSql(groupBy: readonly TimelinessGrouping[]): string {
  const chosen = groupBy.map((g) => GROUPINGS[g]);
  const keys = chosen.map((g) => `${g.key} AS ${g.field}`);
  const columns = chosen.map((g) => g.field);
  const order = chosen.flatMap((g) => g.order.map((o) => `${o} NULLS LAST`));
  const decidedIn24 = `closed_at <= ${dueSql.decision24Hours('received_at')}`;
  const decidedInWorkingDay = `closed_at <= decision_due_working_day_at`;
  const percentOf = (part: string, whole: string) =>
    `round(100.0 * ${part} / nullif(${whole}, 0), 1)::float8`;
  const hours = `extract(epoch FROM closed_at - received_at)::float8 / 3600`;
  const percentile = (p: number) =>
    `round((percentile_cont(${p}) WITHIN GROUP (ORDER BY ${hours}))::numeric, 2)::float8`;
  return `WITH in_period AS (
  SELECT c.received_at, c.closed_at, c.decision_due_working_day_at${keys.map((k) => `,\n         ${k}`).join('')}
    FROM contacts c
   WHERE c.received_at >= $1 AND c.received_at < $2
)
SELECT ${columns.map((c) => `${c}, `).join('')}count(*)::int AS "received",
       count(closed_at)::int AS "decided",
       (count(*) FILTER (WHERE ${decidedIn24}))::int AS "decidedWithin24Hours",
       (count(*) FILTER (WHERE ${decidedInWorkingDay}))::int AS "decidedWithinOneWorkingDay",
       (count(*) FILTER (WHERE closed_at IS NULL))::int AS "stillOpen",
       (count(*) FILTER (WHERE closed_at IS NULL AND decision_due_working_day_at < $3))::int
         AS "openOverdue",
       (count(*) FILTER (WHERE closed_at IS NULL AND ${dueSql.decision24Hours('received_at')} < $3))::int
         AS "openPast24Hours",
       ${percentOf('count(closed_at)', 'count(*)')} AS "percentDecided",
       ${percentOf(`count(*) FILTER (WHERE ${decidedIn24})`, 'count(closed_at)')} AS "percentWithin24Hours",
       ${percentOf(`count(*) FILTER (WHERE ${decidedInWorkingDay})`, 'count(closed_at)')} AS "percentWithinOneWorkingDay",
       ${percentile(0.5)} AS "medianHoursToDecision",
       ${percentile(0.9)} AS "p90HoursToDecision"
  FROM in_period${columns.length ? `\n GROUP BY ${columns.join(', ')}\n ORDER BY ${order.join(', ')}` : ''}`;
}

/** The groupings asked for, each at most once (BAD_USER_INPUT on `groupBy` otherwise). */
function groupings(
  groupBy: readonly TimelinessGrouping[] | null | undefined,
): TimelinessGrouping[] {
  const list = [...(groupBy ?? [])];
  // The schema's enum already keeps anything else out; this keeps the SQL to the whitelist.
  const unknown = list.find((g) => !Object.hasOwn(GROUPINGS, g));
  if (unknown) throw badUserInput('groupBy', `\`groupBy\` has no grouping ${unknown}`);
  const repeated = list.find((g, i) => list.indexOf(g) !== i);
  if (repeated) {
    throw badUserInput('groupBy', `\`groupBy\` names ${repeated} more than once`);
  }
  return list;
}

/**
 * The timeliness rows for a period, grouped as asked, with small numbers suppressed as the
 * context says. Validates first (BAD_USER_INPUT naming the field); reads in one statement.
 * Access is the caller's (analytics/resolvers.ts).
 */
export async function decisionTimeliness(
  args: DecisionTimelinessArgs,
  ctx: SocialcareContext,
): Promise<TimelinessRow[]> {
  const range = periodRange(args.from, args.to);
  const groupBy = groupings(args.groupBy);
  const rows = (await ctx.dataSource.query(timelinessSql(groupBy), [
    range.start,
    range.end,
    ctx.now,
  ])) as Record<string, unknown>[];
  return rows.map((row) => {
    const groups = Object.fromEntries(
      GROUP_FIELDS.map((f) => [f, (row[f] as string | undefined) ?? null]),
    ) as Record<GroupField, string | null>;
    const measured = suppressSmallNumbers(
      row as Record<(typeof TIMELINESS_COUNTS)[number], number> &
        Record<(typeof TIMELINESS_FIGURES)[number], number | null>,
      TIMELINESS_COUNTS,
      TIMELINESS_FIGURES,
      ctx.analyticsSuppressBelow,
      TIMELINESS_SUPPRESSION,
    );
    return { ...groups, ...measured };
  });
}
