import { fieldAt, matchOf } from '../answers';
import type { AuditRowSeen } from '../audit-source';
import type { Exchange } from '../client';
import { skip, verdictOf, type Clause } from '../clause';

/**
 * The agency records what it did, in its own audit, before it answers: a DISCLOSED row for each
 * section or event list it gave of a matched child, and a row with the code as its reason for
 * each refusal (FORBIDDEN_*: DENIED) and withholding (WITHHELD_*: WITHHELD). Read through the
 * agency's own audit (`--audit-database-url` for this project's partners), by the request id each
 * internal token carried; skipped, and said so, without one.
 */

/** What one request's audit must hold: rows per child, by outcome and reason. */
interface Expectation {
  childId: string;
  outcome: 'DISCLOSED' | 'REFUSED';
  reason: string | null;
  /** Rows at least (a refusal of two fields is two rows). */
  rows: number;
  what: string;
}

/**
 * The refusals and withholdings an answer's errors announce: per child and code, a row for each
 * field refused whole (FORBIDDEN_*), at least one for the parts withheld (WITHHELD_*).
 */
function refusals(exchange: Exchange): Expectation[] {
  const byKey = new Map<string, { childId: string; code: string; fields: Set<string> }>();
  for (const e of exchange.reply.body?.errors ?? []) {
    const code = String(e.extensions?.code ?? '');
    const [root, i, field] = e.path ?? [];
    if (root !== '_entities' || typeof i !== 'number' || !/^(FORBIDDEN|WITHHELD)_/.test(code)) {
      continue;
    }
    const childId = String(exchange.representations[i]?.id);
    const entry = byKey.get(`${childId}|${code}`) ?? { childId, code, fields: new Set<string>() };
    entry.fields.add(String(field));
    byKey.set(`${childId}|${code}`, entry);
  }
  return [...byKey.values()].map(({ childId, code, fields }) => ({
    childId,
    outcome: 'REFUSED' as const,
    reason: code,
    rows: code.startsWith('FORBIDDEN_') ? fields.size : 1,
    what: [...fields].join(' '),
  }));
}

/** A DISCLOSED row per field answered for each matched child. */
function disclosures(exchange: Exchange, fields: string[]): Expectation[] {
  return exchange.representations.flatMap((r, i) => {
    const match = matchOf(fieldAt(exchange, i, fields[0]));
    if (typeof match === 'string' || !['CONFIRMED', 'PROBABLE'].includes(match.level)) return [];
    const given = fields.filter((f) => fieldAt(exchange, i, f) !== null);
    return [
      {
        childId: String(r.id),
        outcome: 'DISCLOSED' as const,
        reason: null,
        rows: given.length,
        what: given.join(' '),
      },
    ];
  });
}

function unmet(expectation: Expectation, rows: AuditRowSeen[]): string | null {
  const found = rows.filter(
    (r) =>
      r.childId === expectation.childId &&
      (expectation.outcome === 'DISCLOSED'
        ? r.outcome === 'DISCLOSED'
        : ['DENIED', 'WITHHELD'].includes(r.outcome) && r.reason === expectation.reason),
  ).length;
  if (found >= expectation.rows) return null;
  const kind = expectation.outcome === 'DISCLOSED' ? 'DISCLOSED' : expectation.reason;
  return `${expectation.childId}: ${found} ${kind} rows for ${expectation.what}, want ${expectation.rows}`;
}

export const auditClause: Clause = {
  id: 'audit-rows',
  async check(ctx) {
    const audit = ctx.audit;
    if (!audit) return skip('no audit source given (--audit-database-url): not checked');
    const shape = await ctx.shape();
    const fields = [shape.section!.field, ...(shape.events ? [shape.events.field] : [])];
    const exchanges = [
      await ctx.fixtureAnswers(),
      (await ctx.denial()).exchange,
      await ctx.pageAnswers(),
    ];
    const problems: string[] = [];
    let expected = 0;
    for (const exchange of exchanges) {
      const rows = await audit.rowsFor(exchange.requestId);
      const wanted = [...disclosures(exchange, fields), ...refusals(exchange)];
      expected += wanted.length;
      problems.push(...wanted.flatMap((w) => unmet(w, rows) ?? []));
    }
    return verdictOf(
      problems,
      `${expected} disclosures, withholdings and refusals, each in the agency's audit`,
    );
  },
};
