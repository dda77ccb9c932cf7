import type { GraphQLResolveInfo } from 'graphql';
import { discloseChildRecord } from '../../../shared/disclosure';
import { type ChildWithRelationship } from '../../../shared/partner/matching';
import type { PoliceContext } from '../context';
import type { Section } from './section';

/**
 * A household adult as the gateway hands it to police: socialcare's id, the demographics police
 * match on, and the local authority's relationship grant about the adult (the same shape as a child's).
 */
export type AdultWithRelationship = ChildWithRelationship;

/** Police's resolvers on a household adult: its section, matched by demographics. */
export const adultResolvers = {
  Adult: {
    __resolveReference: (ref: AdultWithRelationship) => ref,
    police: async (
      adult: AdultWithRelationship,
      _: unknown,
      ctx: PoliceContext,
      info: GraphQLResolveInfo,
    ): Promise<Section> => {
      // The adult carries the local authority's grant about it, so the child rule applies as is.
      const subject = `Adult ${adult.id} PoliceAdultSection`;
      discloseChildRecord(ctx, 'POLICE', adult, { childId: null, subject, info }, 'Adult');
      return {
        childId: null,
        subject,
        isChild: false,
        match: await ctx.loaders.personByAdult.load(adult),
      };
    },
  },
};
