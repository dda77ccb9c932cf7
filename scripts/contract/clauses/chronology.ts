import { fail, verdictOf, type Clause } from '../clause';
import type { Exchange } from '../client';

/**
 * The agency's chronology events (its `[ChronologyEvent!]` field on Child, e.g. `policeEvents`)
 * have the shape of shared/partner/chronology.ts: `at` an instant, `agency` the agency itself,
 * `kind` SCREAMING_SNAKE, `summary` one non-empty line, `severity` LOW, MEDIUM or HIGH; oldest first.
 */

const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'];

type Event = Record<string, unknown>;

/** What is wrong with one event. */
function eventProblems(e: Event, agency: string): string[] {
  const problems: string[] = [];
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) problems.push('at');
  if (e.agency !== agency) problems.push(`agency ${String(e.agency)}`);
  if (typeof e.kind !== 'string' || !SCREAMING_SNAKE.test(e.kind)) problems.push('kind');
  if (typeof e.summary !== 'string' || e.summary.trim() === '' || /\n/.test(e.summary)) {
    problems.push('summary');
  }
  if (!SEVERITIES.includes(e.severity as string)) problems.push('severity');
  return problems;
}

/** Each child's event list in an answer. */
function eventLists(x: Exchange, field: string): { childId: string; events: Event[] }[] {
  const list = x.reply.body?.data?._entities;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entity, i) => {
    const events = (entity as Record<string, unknown> | null)?.[field];
    return Array.isArray(events)
      ? [{ childId: String(x.representations[i]?.id), events: events as Event[] }]
      : [];
  });
}

export const chronologyClause: Clause = {
  id: 'chronology-events',
  async check(ctx) {
    const shape = await ctx.shape();
    if (!shape.events) return fail('no chronology field: a Child field of type [ChronologyEvent!]');
    const agency = ctx.agency.toUpperCase();
    const lists = [await ctx.fixtureAnswers(), await ctx.pageAnswers()].flatMap((x) =>
      eventLists(x, shape.events!.field),
    );
    const problems: string[] = [];
    let count = 0;
    for (const { childId, events } of lists) {
      count += events.length;
      events.forEach((e, i) => {
        const wrong = eventProblems(e, agency);
        if (wrong.length > 0) problems.push(`${childId} event ${i}: ${wrong.join(', ')}`);
        const before = events[i - 1]?.at as string | undefined;
        if (before && Date.parse(before) > Date.parse(e.at as string)) {
          problems.push(`${childId} event ${i}: before the one above it`);
        }
      });
    }
    if (count === 0) return fail(`no ${shape.events.field} came back for ${lists.length} children`);
    return verdictOf(
      problems,
      `${count} ${shape.events.field} of ${lists.length} children well formed`,
    );
  },
};
