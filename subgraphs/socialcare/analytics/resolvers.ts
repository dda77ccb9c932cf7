import type { GraphQLResolveInfo } from 'graphql';
import { decideAggregates } from '../access';
import { enforce } from '../../../shared/disclosure';
import type { SocialcareContext } from '../context';
import { assessmentCompletion } from './assessments';
import { contactConversion } from './conversion';
import { childProtectionVisits } from './cpVisits';
import { annexAList, annexAListSubject } from './lists';
import { referralCompletion, referralsLeadingToAssessment, reReferrals } from './referrals';
import { earlyHelpAssessmentStarts, reContactAfterStepDown, stepDownOutcomes } from './stepDowns';
import { decisionTimeliness } from './timeliness';

/**
 * A measure's resolver: who may read it is shared/access.ts `decideAggregates`; a refusal is
 * recorded and thrown before anything is read, and an answer is recorded once it has been computed
 * (a request refused for bad input disclosed nothing), under `subject` (or what it makes of the
 * arguments), with no child id.
 */
function aggregate<A, R>(
  subject: string | ((args: A) => string),
  compute: (args: A, ctx: SocialcareContext) => R,
) {
  return async (_: unknown, args: A, ctx: SocialcareContext, info: GraphQLResolveInfo) => {
    const decision = decideAggregates(ctx.principal);
    const request = {
      childId: null,
      subject: typeof subject === 'string' ? subject : subject(args),
      info,
    };
    if (!decision.allowed) enforce(ctx, decision, request);
    const rows = await compute(args, ctx);
    enforce(ctx, decision, request);
    return rows;
  };
}

/**
 * The analysts' measures: aggregates over socialcare's own data, no child named; and Ofsted's
 * Annex A lists, child-level but pseudonymised, under the same access and audit (recorded with
 * the list and the period).
 */
export const analyticsResolvers = {
  Query: {
    decisionTimeliness: aggregate('DecisionTimeliness', decisionTimeliness),
    contactConversion: aggregate('ContactConversion', contactConversion),
    referralCompletion: aggregate('ReferralCompletion', referralCompletion),
    referralsLeadingToAssessment: aggregate(
      'ReferralsLeadingToAssessment',
      referralsLeadingToAssessment,
    ),
    assessmentCompletion: aggregate('AssessmentCompletion', assessmentCompletion),
    reReferrals: aggregate('ReReferrals', reReferrals),
    childProtectionVisits: aggregate('ChildProtectionVisits', childProtectionVisits),
    stepDownOutcomes: aggregate('StepDownOutcomes', stepDownOutcomes),
    earlyHelpAssessmentStarts: aggregate('EarlyHelpAssessmentStarts', earlyHelpAssessmentStarts),
    reContactAfterStepDown: aggregate('ReContactAfterStepDown', reContactAfterStepDown),
    annexAList: aggregate(annexAListSubject, annexAList),
  },
};
