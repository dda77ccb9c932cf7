import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

/** A CSV cell before quoting: null and undefined are written as an empty cell. */
export type CsvCell = string | number | null | undefined;

/**
 * Writes a header line and then each row produced by `fill` through csv-stringify (RFC 4180
 * quoting, `\n` line ends; a text cell opening with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is prefixed with `'` so a spreadsheet shows it rather than running it) into `out`, which is ended after the last row. `fill` is handed a
 * `write` that returns undefined when the row is taken at once and otherwise a promise to await
 * before the next row, settled when `out` has caught up (the stream's backpressure): memory holds
 * the rows of the batch `fill` is working on and little more, however long the list. When `fill`
 * fails, `out` is destroyed with its error and the error is thrown; when `out` fails, the promise
 * of the next `write` rejects with its error.
 */
export async function writeCsv(
  headings: readonly string[],
  out: Writable,
  fill: (write: (row: readonly CsvCell[]) => Promise<void> | undefined) => Promise<void>,
): Promise<void> {
  // A cell opening with =, +, -, @, a tab or a carriage return would run as a formula in a
  // spreadsheet (free text such as a team name could carry one): csv-stringify prefixes it with '.
  const stringifier = stringify({ header: true, columns: [...headings], escape_formulas: true });
  const piped = pipeline(stringifier, out);
  // Seen by `write` as soon as it happens; rethrown from `piped` below.
  let failed: unknown = null;
  piped.catch((error: unknown) => {
    failed = error;
  });
  // Resolves at once while `out` keeps up (most rows); waits for 'drain' when it is behind.
  const write = (row: readonly CsvCell[]): Promise<void> | undefined => {
    if (failed) return Promise.reject(failed);
    if (stringifier.write(row)) return undefined;
    // 'drain' never comes once the pipeline has failed; the pipeline settling says so.
    return Promise.race([once(stringifier, 'drain'), piped]).then(() => {
      if (failed) throw failed;
    });
  };
  try {
    await fill(write);
  } catch (error) {
    stringifier.destroy(error as Error);
    await piped.catch(() => undefined);
    throw error;
  }
  stringifier.end();
  await piped;
}
