import { isValidPncId } from '../../shared/identifiers';
import type { ChildReference, MatchResult } from '../../shared/matching';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { describeRecency } from '../../shared/summary';
import type { PoliceContext } from './context';
import type { Person } from './entities';
import type { PersonOccurrence } from './loaders';

interface MatchedChild extends ChildReference {
  policeMatch: MatchResult<Person>;
}

async function summarise(match: MatchResult<Person>, ctx: PoliceContext): Promise<string> {
  if (match.level === 'NONE') return 'No record in the police person index';
  if (!match.record) return 'Possible match in the police person index; confirm before disclosure';
  const linked = await ctx.loaders.occurrencesByPersonId.load(match.record.id);
  return describeRecency(
    linked.map((l) => ({ at: l.occurrence.occurredAt, kind: l.occurrence.category })),
    'occurrence',
    ctx.now,
  );
}

/** Police's resolvers: its section of the child, matched against its own person index. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Child: {
    __resolveReference: async (ref: ChildReference, ctx: PoliceContext): Promise<MatchedChild> => ({
      ...ref,
      policeMatch: await ctx.loaders.personByChild.load(ref),
    }),
    police: (child: MatchedChild) => child.policeMatch,
  },
  PoliceSection: {
    match: (m: MatchResult<Person>) => m,
    summary: (m: MatchResult<Person>, _: unknown, ctx: PoliceContext) => summarise(m, ctx),
    person: (m: MatchResult<Person>) => m.record,
    occurrences: async (m: MatchResult<Person>, _: unknown, ctx: PoliceContext) => {
      if (!m.record) return [];
      const linked = await ctx.loaders.occurrencesByPersonId.load(m.record.id);
      return linked.map((l: PersonOccurrence) => ({ ...l.occurrence, role: l.role }));
    },
  },
  PolicePerson: {
    pncIdValid: (p: Person) => (p.pncId ? isValidPncId(p.pncId) : null),
  },
};
