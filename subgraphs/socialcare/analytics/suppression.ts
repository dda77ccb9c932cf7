/**
 * A measured row after small-number suppression: each count a number, or null when withheld; each
 * figure derived from the counts (a percentage, a number of hours) null when withheld; and whether
 * anything was.
 */
export type MeasuredRow<C extends string, F extends string> = Record<C, number | null> &
  Record<F, number | null> & { suppressed: boolean };

/**
 * How the counts of one measure's row relate, for suppression: its `units` (what the row counts:
 * contacts received, referrals, ...), and each count that is `part` of another (`[part, whole]`:
 * decided of received, decided within 24 hours of decided, ...), whose complement `whole - part`
 * the row gives away as surely as the part.
 */
export interface SuppressionRule<C extends string> {
  units: readonly C[];
  parts: readonly (readonly [C, C])[];
}

/**
 * Small-number suppression of one aggregate row, so a published figure cannot single out a child
 * or a family. With `below` n > 1, a count is small when it is from 1 to n - 1 (0 is not: nothing
 * can be learnt from it). The row is `suppressed` when any of its counts is small, or the
 * complement of any part within its whole is (received 10 and decided 8 give away 2 still open).
 * A suppressed row withholds (null) every count but its units, each unit unless itself small, and
 * every figure (a percentage or a median over a few contacts would give the counts back). A count
 * already null (not given for this row) stays null and is never small. `below` 0 (or 1) withholds
 * nothing. This protects one row; across rows see `suppressTotal`.
 */
export function suppressSmallNumbers<C extends string, F extends string>(
  row: Record<C, number | null> & Record<F, number | null>,
  counts: readonly C[],
  figures: readonly F[],
  below: number,
  rule: SuppressionRule<C>,
): MeasuredRow<C, F> {
  const small = (n: number | null) => n !== null && n > 0 && n < below;
  const suppressed =
    counts.some((c) => small(row[c])) ||
    rule.parts.some(([part, whole]) => {
      const [p, w] = [row[part], row[whole]];
      return p !== null && w !== null && small(w - p);
    });
  const out: Record<string, number | boolean | null> = { suppressed };
  for (const c of counts) {
    out[c] = !suppressed ? row[c] : rule.units.includes(c) && !small(row[c]) ? row[c] : null;
  }
  for (const f of figures) out[f] = suppressed ? null : row[f];
  return out as MeasuredRow<C, F>;
}

/**
 * Secondary suppression of a total printed beside its grouped rows (the report's months): once
 * any row withholds a count, the total withholds it too, and every figure, so the total less the
 * rows shown cannot give back a withheld count. The total is then `suppressed`.
 */
export function suppressTotal<C extends string, F extends string>(
  total: MeasuredRow<C, F>,
  rows: readonly MeasuredRow<C, F>[],
  counts: readonly C[],
  figures: readonly F[],
): MeasuredRow<C, F> {
  if (!rows.some((r) => r.suppressed)) return total;
  const out: Record<string, number | boolean | null> = { ...total, suppressed: true };
  for (const c of counts) if (rows.some((r) => r[c] === null && total[c] !== null)) out[c] = null;
  for (const f of figures) out[f] = null;
  return out as MeasuredRow<C, F>;
}
