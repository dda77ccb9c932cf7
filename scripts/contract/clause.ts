import type { ContractContext } from './context';

/** How a clause came out: PASS, FAIL, or SKIP when it could not be checked (and why). */
export interface Verdict {
  status: 'PASS' | 'FAIL' | 'SKIP';
  reason: string;
}

/** One clause of the partner contract: an id for the report, and its check over HTTP. */
export interface Clause {
  id: string;
  check(ctx: ContractContext): Promise<Verdict>;
}

export const pass = (reason: string): Verdict => ({ status: 'PASS', reason });
export const fail = (reason: string): Verdict => ({ status: 'FAIL', reason });
export const skip = (reason: string): Verdict => ({ status: 'SKIP', reason });

/** PASS with `ok` when `problems` is empty, else FAIL naming the first few. */
export function verdictOf(problems: string[], ok: string): Verdict {
  if (problems.length === 0) return pass(ok);
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return fail(`${problems.slice(0, 3).join('; ')}${more}`);
}
