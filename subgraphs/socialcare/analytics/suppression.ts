/**
 * A measured row after small-number suppression: each count a number, or null when withheld; each
 * figure derived from the counts (a percentage, a number of hours) null when withheld; and whether
 * anything was.
 */
export type MeasuredRow<C extends string, F extends string> = Record<C, number | null> &
  Record<F, number | null> & { suppressed: boolean };

/**
 * Small-number suppression of one aggregate row, so a published figure cannot single out a child
 * or a family. With `below` n > 0, every count from 1 to n - 1 is withheld (null); 0 stays 0, as
 * nothing can be learnt from it. A row with any count withheld is `suppressed` and withholds every
 * figure too, since a percentage or a median over a few contacts would give the counts back.
 * `below` 0 (or 1) withholds nothing.
 */
export function suppressSmallNumbers<C extends string, F extends string>(
  row: Record<C, number> & Record<F, number | null>,
  counts: readonly C[],
  figures: readonly F[],
  below: number,
): MeasuredRow<C, F> {
  const small = (n: number) => n > 0 && n < below;
  const suppressed = counts.some((c) => small(row[c]));
  const out: Record<string, number | boolean | null> = { suppressed };
  for (const c of counts) out[c] = small(row[c]) ? null : row[c];
  for (const f of figures) out[f] = suppressed ? null : row[f];
  return out as MeasuredRow<C, F>;
}
