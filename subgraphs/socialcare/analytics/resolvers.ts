import type { GraphQLResolveInfo } from 'graphql';
import { decideAggregates } from '../../../shared/access';
import { enforce } from '../../../shared/disclosure';
import type { SocialcareContext } from '../context';
import { decisionTimeliness, type DecisionTimelinessArgs } from './timeliness';

/**
 * The analysts' measures: aggregates over socialcare's own data, no child named. Who may read them
 * is shared/access.ts `decideAggregates`; a refusal is recorded and thrown before anything is
 * read, and an answer is recorded once it has been computed (a request refused for bad input
 * disclosed nothing), with no child id.
 */
export const analyticsResolvers = {
  Query: {
    decisionTimeliness: async (
      _: unknown,
      args: DecisionTimelinessArgs,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      const decision = decideAggregates(ctx.principal);
      const request = { childId: null, subject: 'DecisionTimeliness', info };
      if (!decision.allowed) enforce(ctx, decision, request);
      const rows = await decisionTimeliness(args, ctx);
      enforce(ctx, decision, request);
      return rows;
    },
  },
};
