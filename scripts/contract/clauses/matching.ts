import { disclosedFields, errorsAt, codesOf, fieldAt, matchOf } from '../answers';
import { fail, skip, verdictOf, type Clause } from '../clause';
import type { ContractContext } from '../context';
import type { Fixture } from '../fixtures';

/**
 * The agency finds the fixture people as the matching rules say it must (shared/partner/matching.ts;
 * docs/matching.md), discloses nothing below PROBABLE, and never takes one twin for the other.
 */

const DISCLOSING = ['CONFIRMED', 'PROBABLE'];

/** Each fixture with its index in the fixture request and its answered section. */
async function answered(ctx: ContractContext) {
  const [fixtures, exchange, shape] = await Promise.all([
    ctx.fixtures(),
    ctx.fixtureAnswers(),
    ctx.shape(),
  ]);
  const field = shape.section!.field;
  return fixtures.people.map((f, i) => ({
    f,
    section: fieldAt(exchange, i, field),
    why: codesOf(errorsAt(exchange, i, field)),
    events: shape.events ? fieldAt(exchange, i, shape.events.field) : [],
  }));
}

/** What is wrong with the answer for `f`, if anything. */
function levelProblem(f: Fixture, section: unknown, why: string): string | null {
  const match = matchOf(section);
  const who = `${f.childId} (${f.label})`;
  if (typeof match === 'string') return `${who}: ${match} (${why})`;
  if (match.level !== f.expected) {
    return `${who}: expected ${f.expected}, got ${match.level}`;
  }
  if (DISCLOSING.includes(match.level) && match.agencyReference !== f.heldAs) {
    return `${who}: ${match.level} names ${match.agencyReference}, not ${f.heldAs}`;
  }
  const offered = [
    match.agencyReference,
    ...(match.candidates ?? []).map((c) => c.agencyReference),
  ];
  if (match.level === 'POSSIBLE' && f.heldAs && !offered.includes(f.heldAs)) {
    return `${who}: POSSIBLE without offering ${f.heldAs}`;
  }
  return null;
}

export const matchLevelsClause: Clause = {
  id: 'match-levels',
  async check(ctx) {
    const people = (await answered(ctx)).filter((a) => a.f.twinOf === null);
    if (people.length === 0) return fail('the world gave no fixture person for this agency');
    const problems = people.flatMap((a) => levelProblem(a.f, a.section, a.why) ?? []);
    const { unfilled } = await ctx.fixtures();
    const levels = people.map((a) => a.f.expected).join(', ');
    const missing = unfilled.length > 0 ? `; the world falls short: ${unfilled.join(', ')}` : '';
    return verdictOf(problems, `as expected for the fixture people: ${levels}${missing}`);
  },
};

export const noDisclosureBelowProbableClause: Clause = {
  id: 'no-disclosure-below-probable',
  async check(ctx) {
    const problems: string[] = [];
    let checked = 0;
    for (const a of await answered(ctx)) {
      const match = matchOf(a.section);
      const level = typeof match === 'string' ? null : match.level;
      if (DISCLOSING.includes(a.f.expected) && (!level || DISCLOSING.includes(level))) {
        continue;
      }
      checked += 1;
      const shown = a.section ? disclosedFields(a.section as Record<string, unknown>, KEEP) : [];
      if (Array.isArray(a.events) && a.events.length > 0) shown.push(`${a.events.length} events`);
      if (shown.length > 0) {
        problems.push(`${a.f.childId} (${a.f.label}, answered ${level}): ${shown.join(', ')}`);
      }
    }
    if (checked === 0) return fail('no fixture person below PROBABLE to check');
    return verdictOf(
      problems,
      `${checked} people below PROBABLE: nothing but the match and the summary, no events`,
    );
  },
};

/** What a section may hold below PROBABLE: the match itself and its one line. */
const KEEP = ['match', 'summary'];

export const twinsClause: Clause = {
  id: 'twins-apart',
  async check(ctx) {
    const twins = (await answered(ctx)).filter((a) => a.f.twinOf !== null);
    if (twins.length === 0) return skip('the world has no pair of twins this agency holds');
    const problems = twins.flatMap((a) => {
      const match = matchOf(a.section);
      if (typeof match !== 'string' && match.agencyReference === a.f.twinOf) {
        if (DISCLOSING.includes(match.level)) {
          return [`${a.f.childId}: ${match.level} names the other twin's record ${a.f.twinOf}`];
        }
      }
      return levelProblem(a.f, a.section, a.why) ?? [];
    });
    const levels = twins.map((a) => a.f.expected).join(', ');
    return verdictOf(
      problems,
      `each twin gets its own record or less (${levels}), never the other's`,
    );
  },
};
