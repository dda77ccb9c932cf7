import type { GraphQLResolveInfo } from 'graphql';
import { decideSensitiveHealth } from '../access';
import { discloseChildRecord, enforce, type GrantedReference } from '../../../shared/disclosure';
import type { Demographics } from '../../../shared/partner/matching';
import type { HealthContext } from '../context';
import { about, recordsOf, summarise, type Section } from './records';

/**
 * A household adult as the gateway hands it to health: socialcare's id, the demographics health
 * matches on (no NHS number: socialcare holds none for adults) and the local authority's
 * relationship grant about the adult, which its disclosure rule verifies.
 */
export interface AdultWithRelationship extends Demographics, GrantedReference {}

/** Health's resolvers on a household adult: its section, matched by demographics. */
export const adultResolvers = {
  Adult: {
    __resolveReference: (ref: AdultWithRelationship) => ref,
    health: async (
      adult: AdultWithRelationship,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ): Promise<Section> => {
      const subject = `Adult ${adult.id} HealthAdultSection`;
      discloseChildRecord(ctx, 'HEALTH', adult, { childId: null, subject, info }, 'Adult');
      return { childId: null, subject, match: await ctx.loaders.patientByAdult.load(adult) };
    },
  },
  HealthAdultSection: {
    match: (s: Section) => s.match,
    summary: (s: Section, _: unknown, ctx: HealthContext) => summarise(s, 'ADULT', ctx),
    patient: (s: Section) => s.match.record,
    safeguardingFlags: async (s: Section, _: unknown, ctx: HealthContext) =>
      (await recordsOf(s.match, ctx)).safeguardingFlags,
    // Every parental concern is mental health or substance misuse: outside health the whole list
    // is withheld, whether or not there is one, as CAMHS referrals are for a child.
    parentalConcerns: async (
      s: Section,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ) => {
      if (!s.match.record) return [];
      const decision = decideSensitiveHealth(ctx.principal);
      enforce(
        ctx,
        decision.allowed
          ? decision
          : {
              ...decision,
              message:
                "A parent's mental health and substance misuse are shared with health roles only; " +
                'the health summary says whether health holds sensitive information. Ask the health MASH practitioner',
            },
        { childId: null, subject: `${s.subject}.parentalConcerns`, info },
        'WITHHELD',
      );
      return about(s, (await recordsOf(s.match, ctx)).parentalConcerns);
    },
    maternity: async (s: Section, _: unknown, ctx: HealthContext) =>
      about(s, (await recordsOf(s.match, ctx)).maternity),
  },
};
