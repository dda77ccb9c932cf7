import { codesOf, errorsAt, fieldAt } from '../answers';
import type { Exchange } from '../client';
import { fail, verdictOf, type Clause } from '../clause';

/**
 * A withheld field is never a silent blank: it is null, with an error beside it whose
 * `extensions.code` says why. And a MASH user asking about a child with no relationship (socialcare's
 * valid grant states no basis: no open contact, no case, no break-glass) gets null with
 * FORBIDDEN_NO_RELATIONSHIP.
 */

/** The value at an error's path, and whether something on the way is null (null propagation). */
function atPath(data: unknown, path: (string | number)[]): { value: unknown; nulled: boolean } {
  let value = data;
  for (const key of path) {
    if (value === null) return { value, nulled: true };
    if (typeof value !== 'object' || value === undefined)
      return { value: undefined, nulled: false };
    value = (value as Record<string | number, unknown>)[key];
  }
  return { value, nulled: value === null };
}

/** Blank strings and empty objects anywhere in `value`, by path. */
function blanks(value: unknown, path: string): string[] {
  if (value === '') return [`"" at ${path}`];
  if (value === null || typeof value !== 'object') return [];
  const entries = Object.entries(value);
  if (!Array.isArray(value) && entries.length === 0) return [`{} at ${path}`];
  return entries.flatMap(([k, v]) => blanks(v, path ? `${path}.${k}` : k));
}

/** What is wrong with the withholdings of one answer. */
function withholdingProblems(exchange: Exchange): string[] {
  const body = exchange.reply.body;
  if (!body) return [`HTTP ${exchange.reply.status} without a JSON body`];
  const problems = blanks(body.data ?? null, '');
  for (const e of body.errors ?? []) {
    const where = e.path?.join('.') ?? '(no path)';
    if (typeof e.extensions?.code !== 'string' || e.extensions.code === '') {
      problems.push(`an error at ${where} without extensions.code`);
    }
    if (e.path && !atPath(body.data ?? null, e.path).nulled) {
      problems.push(`an error at ${where} beside a value that is not null`);
    }
  }
  return problems;
}

export const withheldClause: Clause = {
  id: 'withheld-is-null',
  async check(ctx) {
    const exchanges = [
      await ctx.fixtureAnswers(),
      (await ctx.denial()).exchange,
      await ctx.pageAnswers(),
    ];
    const problems = exchanges.flatMap(withholdingProblems);
    const errors = exchanges.reduce((n, x) => n + (x.reply.body?.errors?.length ?? 0), 0);
    return verdictOf(
      problems,
      `${errors} withholdings and refusals, each null with a coded error; no blank values`,
    );
  },
};

export const forbiddenClause: Clause = {
  id: 'forbidden-no-relationship',
  async check(ctx) {
    const shape = await ctx.shape();
    if (!shape.section) return fail('the SDL adds no section to Child (a field with `match`)');
    const { exchange, fixture } = await ctx.denial();
    const fields = [shape.section.field, ...(shape.events ? [shape.events.field] : [])];
    const problems = fields.flatMap((field) => {
      const value = fieldAt(exchange, 0, field);
      const errors = errorsAt(exchange, 0, field);
      const coded = errors.some((e) => e.extensions?.code === 'FORBIDDEN_NO_RELATIONSHIP');
      return value === null && coded
        ? []
        : [`${field} of ${fixture.childId} gave ${JSON.stringify(value)} with ${codesOf(errors)}`];
    });
    return verdictOf(
      problems,
      `${fields.join(' and ')}: null with FORBIDDEN_NO_RELATIONSHIP on a grant of no basis`,
    );
  },
};
