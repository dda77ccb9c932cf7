/**
 * What the further measures (conversion, referrals, assessments, re-referrals, child protection
 * visits) share: their groupings, made only of SQL fragments fixed here; the validation of
 * `groupBy`; percentages computed in SQL; and turning a statement's rows into the schema's rows
 * with small-number suppression. Each measure is one statement over socialcare's own tables.
 */
import { badUserInput } from '../../../shared/errors';
import { LOCAL_TIME_ZONE } from '../../../shared/time';
import { CONTACT_SOURCE_CODES } from '../codes';
import { suppressSmallNumbers, type MeasuredRow, type SuppressionRule } from './suppression';

/** What the measures over contacts, referrals and assessments may be grouped by. */
export const MEASURE_GROUPINGS = ['MONTH', 'WEEK', 'TEAM', 'SOURCE'] as const;
export type MeasureGrouping = (typeof MEASURE_GROUPINGS)[number];

/** The row fields those groupings fill; every other one is null. */
export const MEASURE_GROUP_FIELDS = ['month', 'week', 'team', 'source'] as const;
export type MeasureGroupField = (typeof MEASURE_GROUP_FIELDS)[number];

/** The arguments every such measure takes. */
export interface MeasureArgs {
  from: string;
  to: string;
  groupBy?: MeasureGrouping[] | null;
}

/**
 * One grouping: the SQL expression giving a row's key, the field it fills, and how keys are
 * ordered (over the key column; nulls last).
 */
export interface GroupingSql<F extends string> {
  field: F;
  key: string;
  order: string[];
}

/** A SQL array literal of constant codes; refuses anything but letters, digits and `_`. */
export function codeArray(codes: readonly string[]): string {
  for (const code of codes) {
    if (!/^[A-Z0-9_]+$/.test(code)) throw new Error(`not a code: ${code}`);
  }
  return `ARRAY[${codes.map((c) => `'${c}'`).join(', ')}]::text[]`;
}

// The census order, 1A ... 9, 10.
const SOURCE_ORDER = codeArray(CONTACT_SOURCE_CODES);

/** The local (Europe/London) wall-clock time of an instant column, as SQL. */
export function local(instant: string): string {
  return `(${instant} AT TIME ZONE '${LOCAL_TIME_ZONE}')`;
}

/** The local (Europe/London) date of an instant column, as SQL. */
export function localDay(instant: string): string {
  return `${local(instant)}::date`;
}

/**
 * The groupings of a measure whose unit has an instant (`anchor`, e.g. `r.created_at`) and comes
 * from a contact `c`: MONTH and WEEK (the Monday, as ISO weeks) of the anchor's local date, the
 * contact's TEAM and its DfE SOURCE code. Text keys order by code point (COLLATE "C"), the same
 * on every database whatever its locale.
 */
export function measureGroupings(
  anchor: string,
): Record<MeasureGrouping, GroupingSql<MeasureGroupField>> {
  return {
    MONTH: { field: 'month', key: `to_char(${local(anchor)}, 'YYYY-MM')`, order: ['month'] },
    WEEK: {
      field: 'week',
      key: `to_char(date_trunc('week', ${local(anchor)}), 'YYYY-MM-DD')`,
      order: ['week'],
    },
    TEAM: { field: 'team', key: 'c.team', order: ['team COLLATE "C"'] },
    SOURCE: {
      field: 'source',
      key: 'c.source_code',
      order: [`array_position(${SOURCE_ORDER}, source)`, 'source COLLATE "C"'],
    },
  };
}

/**
 * The groupings asked for, each at most once and each one the measure has: BAD_USER_INPUT on
 * `groupBy` otherwise. The schema's enums already keep anything else out; this keeps the SQL to
 * the fragments above.
 */
export function chooseGroupings<G extends string>(
  groupBy: readonly G[] | null | undefined,
  known: Record<G, unknown>,
): G[] {
  const list = [...(groupBy ?? [])];
  const unknown = list.find((g) => !Object.hasOwn(known, g));
  if (unknown) throw badUserInput('groupBy', `\`groupBy\` has no grouping ${unknown}`);
  const repeated = list.find((g, i) => list.indexOf(g) !== i);
  if (repeated) throw badUserInput('groupBy', `\`groupBy\` names ${repeated} more than once`);
  return list;
}

/** The SQL pieces of the chosen groupings: `key AS field` columns, the fields, and ORDER BY. */
export function groupingSql<F extends string>(
  chosen: readonly GroupingSql<F>[],
): { keys: string[]; columns: F[]; groupAndOrder: string } {
  const columns = chosen.map((g) => g.field);
  const order = chosen.flatMap((g) => g.order.map((o) => `${o} NULLS LAST`));
  return {
    keys: chosen.map((g) => `${g.key} AS ${g.field}`),
    columns,
    groupAndOrder: columns.length
      ? `\n GROUP BY ${columns.join(', ')}\n ORDER BY ${order.join(', ')}`
      : '',
  };
}

/** `part` as a percentage of `whole`, to 1 decimal place (halves away from zero); null over 0. */
export function percentOf(part: string, whole: string): string {
  return `round(100.0 * ${part} / nullif(${whole}, 0), 1)::float8`;
}

/** `count(*) FILTER (WHERE condition)` as an int. */
export function countWhere(condition: string): string {
  return `(count(*) FILTER (WHERE ${condition}))::int`;
}

/**
 * A statement's rows as the schema's: every group field (null unless grouped by it) and the
 * measured values, suppressed as the setting says by the measure's `rule` (analytics/suppression.ts).
 */
export function shapeRows<G extends string, C extends string, F extends string>(
  rows: Record<string, unknown>[],
  groupFields: readonly G[],
  counts: readonly C[],
  figures: readonly F[],
  suppressBelow: number,
  rule: SuppressionRule<C>,
): (Record<G, string | null> & MeasuredRow<C, F>)[] {
  return rows.map((row) => {
    const groups = Object.fromEntries(
      groupFields.map((f) => [f, (row[f] as string | undefined) ?? null]),
    ) as Record<G, string | null>;
    const measured = suppressSmallNumbers(
      row as Record<C, number> & Record<F, number | null>,
      counts,
      figures,
      suppressBelow,
      rule,
    );
    return { ...groups, ...measured };
  });
}
