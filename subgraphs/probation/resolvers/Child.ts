import type { ChildWithRelationship, MatchResult } from '../../../shared/partner/matching';
import { partnerChildField } from '../../../shared/partner/section';
import { localDate } from '../../../shared/time';
import type { ProbationContext } from '../context';
import type { KnownChild } from '../entities';
import type { LinkedOffender } from '../loaders';
import {
  buildProbationEvents,
  describeCase,
  recordsOf,
  riskToChildren,
  words,
  type CaseRecords,
  type ChronologyEvent,
} from '../records';
import type { CaseAbout } from './case';

/** Probation's section of a child: the match against the children recorded on its cases. */
interface ChildSection {
  childId: string;
  match: MatchResult<KnownChild>;
}

/**
 * The people on probation a matched child is recorded with, each with their case's records.
 * Every loader is asked for every linked person, so 50 children cost what one does.
 */
async function linkedCases(
  match: MatchResult<KnownChild>,
  ctx: ProbationContext,
): Promise<{ link: LinkedOffender; records: CaseRecords }[]> {
  if (!match.record) return [];
  const links = await ctx.loaders.linkedOffendersByChildId.load(match.record.id);
  return Promise.all(
    links.map(async (link) => ({ link, records: await recordsOf(link.offender, ctx.loaders) })),
  );
}

async function summarise(s: ChildSection, ctx: ProbationContext): Promise<string> {
  if (s.match.level === 'NONE') return 'No record of the child on a probation case';
  if (!s.match.record) {
    return 'Possible match among children on probation cases; confirm before disclosure';
  }
  const cases = await linkedCases(s.match, ctx);
  return cases
    .map(
      ({ link, records }) =>
        `${words(link.relationship)} (${link.sameHousehold ? 'same household' : 'contact'}): ` +
        describeCase(records, ctx.now),
    )
    .join('. ');
}

/** Probation's resolvers on the child: its section and its chronology. */
export const childResolvers = {
  Child: {
    __resolveReference: (ref: ChildWithRelationship) => ref,
    probation: partnerChildField<ProbationContext, ChildSection>(
      'PROBATION',
      'ProbationSection',
      async (child, ctx) => ({
        childId: child.id,
        match: await ctx.loaders.knownChildByChild.load(child),
      }),
    ),
    probationEvents: partnerChildField<ProbationContext, ChronologyEvent[]>(
      'PROBATION',
      'ProbationEvents',
      async (child, ctx) => {
        const match = await ctx.loaders.knownChildByChild.load(child);
        return buildProbationEvents(await linkedCases(match, ctx));
      },
    ),
  },
  ProbationSection: {
    match: (s: ChildSection) => s.match,
    summary: (s: ChildSection, _: unknown, ctx: ProbationContext) => summarise(s, ctx),
    householdRiskToChildren: async (s: ChildSection, _: unknown, ctx: ProbationContext) => {
      // Below PROBABLE nothing is disclosed, as of every partner (the contract suite checks it).
      if (!s.match.record) return null;
      const today = localDate(ctx.now);
      return (await linkedCases(s.match, ctx)).some(
        ({ link, records }) => link.sameHousehold && riskToChildren(records, today),
      );
    },
    linkedAdults: async (s: ChildSection, _: unknown, ctx: ProbationContext) =>
      (await linkedCases(s.match, ctx)).map(({ link }) => ({
        relationship: link.relationship,
        sameHousehold: link.sameHousehold,
        recordedOn: link.recordedOn,
        case: { offender: link.offender, childId: s.childId } satisfies CaseAbout,
      })),
  },
};
