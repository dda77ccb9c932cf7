import type { GraphQLResolveInfo } from 'graphql';
import { discloseChildRecord } from '../../../shared/disclosure';
import type { ChildWithRelationship, MatchResult } from '../../../shared/partner/matching';
import type { ProbationContext } from '../context';
import type { Offender } from '../entities';
import { describeCase, recordsOf } from '../records';
import type { CaseAbout } from './case';

/**
 * A household adult as the gateway hands it to probation: socialcare's id, the demographics
 * probation match on, and the local authority's relationship grant about the adult (the same shape as a child's).
 */
export type AdultWithRelationship = ChildWithRelationship;

/** Probation's section of a household adult: the match, and the adult's id for the audit. */
interface AdultSection {
  match: MatchResult<Offender>;
}

/** Probation's resolvers on a household adult: its section, matched by demographics. */
export const adultResolvers = {
  Adult: {
    __resolveReference: (ref: AdultWithRelationship) => ref,
    probation: async (
      adult: AdultWithRelationship,
      _: unknown,
      ctx: ProbationContext,
      info: GraphQLResolveInfo,
    ): Promise<AdultSection> => {
      // The adult carries the local authority's grant about it, so the child rule applies as is.
      discloseChildRecord(
        ctx,
        'PROBATION',
        adult,
        { childId: null, subject: `Adult ${adult.id} ProbationAdultSection`, info },
        'Adult',
      );
      return { match: await ctx.loaders.offenderByAdult.load(adult) };
    },
  },
  ProbationAdultSection: {
    match: (s: AdultSection) => s.match,
    summary: async (s: AdultSection, _: unknown, ctx: ProbationContext) => {
      if (s.match.level === 'NONE') return 'No record in the probation person index';
      if (!s.match.record) {
        return 'Possible match in the probation person index; confirm before disclosure';
      }
      return describeCase(await recordsOf(s.match.record, ctx.loaders), ctx.now);
    },
    case: (s: AdultSection): CaseAbout | null =>
      s.match.record ? { offender: s.match.record, childId: null } : null,
  },
};
