import type { Verdict } from './clause';
import { CLAUSES } from './clauses';
import { createContext, type ContractOptions } from './context';

/** One clause's outcome in a run. */
export interface ClauseResult extends Verdict {
  id: string;
  ms: number;
}

/**
 * Runs the partner contract's clauses (all, or those `only` names) against one subgraph, in
 * order; a clause that throws fails with the error's message. Never throws for the subgraph's
 * sake; resolves with one result per clause.
 */
export async function runContract(
  options: ContractOptions & { only?: readonly string[] },
): Promise<ClauseResult[]> {
  const unknown = (options.only ?? []).filter((id) => !CLAUSES.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`no clause ${unknown.join(', ')}`);
  const ctx = await createContext(options);
  const results: ClauseResult[] = [];
  for (const clause of CLAUSES) {
    if (options.only && !options.only.includes(clause.id)) continue;
    const started = Date.now();
    const verdict = await clause.check(ctx).catch((error: unknown): Verdict => ({
      status: 'FAIL',
      reason: error instanceof Error ? error.message : String(error),
    }));
    results.push({ id: clause.id, ...verdict, ms: Date.now() - started });
  }
  return results;
}

const ID_WIDTH = Math.max(...CLAUSES.map((c) => c.id.length));

/** One line per clause: `PASS  auth-no-token               401 without a token … (12 ms)`. */
export function formatResult(r: ClauseResult): string {
  return `${r.status.padEnd(4)}  ${r.id.padEnd(ID_WIDTH)}  ${r.reason} (${r.ms} ms)`;
}

/** The closing line: how many passed, failed and were skipped. */
export function summaryLine(results: readonly ClauseResult[]): string {
  const n = (s: Verdict['status']) => results.filter((r) => r.status === s).length;
  return `${n('PASS')} passed, ${n('FAIL')} failed, ${n('SKIP')} skipped`;
}
