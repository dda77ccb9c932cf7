import type { GraphQLResolveInfo } from 'graphql';
import { enforce } from '../../../shared/disclosure';
import { isValidCrn } from '../../../shared/identifiers';
import { localDate } from '../../../shared/time';
import { decideMappa } from '../access';
import type { ProbationContext } from '../context';
import type { Condition, Offender, RiskAssessment } from '../entities';
import { caseListsOf, conditionInForce, riskRank, RISK_LEVELS, underSupervision } from '../records';

/** One person's probation case as a section discloses it, with what its audit rows name. */
export interface CaseAbout {
  offender: Offender;
  /** The child whose section disclosed it; null for a household adult's own section. */
  childId: string | null;
}

/** Probation's resolvers on a case and on the records it lists. */
export const caseResolvers = {
  ProbationCase: {
    crn: (c: CaseAbout) => c.offender.crn,
    crnValid: (c: CaseAbout) => isValidCrn(c.offender.crn),
    supervision: (c: CaseAbout) => c.offender.supervision,
    supervisionStartsOn: (c: CaseAbout) => c.offender.supervisionStartsOn,
    supervisionEndsOn: (c: CaseAbout) => c.offender.supervisionEndsOn,
    underSupervision: (c: CaseAbout, _: unknown, ctx: ProbationContext) =>
      underSupervision(c.offender, localDate(ctx.now)),
    offenderManager: (c: CaseAbout) =>
      c.offender.offenderManager
        ? { name: c.offender.offenderManager, team: c.offender.offenderManagerTeam }
        : null,
    offences: async (c: CaseAbout, _: unknown, ctx: ProbationContext) =>
      (await caseListsOf(c.offender.id, ctx.loaders)).offences,
    riskOfSeriousHarm: async (c: CaseAbout, _: unknown, ctx: ProbationContext) => {
      const [latest] = (await caseListsOf(c.offender.id, ctx.loaders)).risks;
      return latest ?? null;
    },
    conditions: async (c: CaseAbout, _: unknown, ctx: ProbationContext) =>
      (await caseListsOf(c.offender.id, ctx.loaders)).conditions,
    managedUnderMappa: (c: CaseAbout) => c.offender.mappaCategory !== null,
    /**
     * MAPPA category, level and review date: to police and probation staff; anyone else gets
     * null with WITHHELD_MAPPA (recorded as withheld) and reads `managedUnderMappa` and the
     * summary instead. Null without an error when MAPPA does not manage the case.
     */
    mappa: (c: CaseAbout, _: unknown, ctx: ProbationContext, info: GraphQLResolveInfo) => {
      const o = c.offender;
      if (o.mappaCategory === null) return null;
      enforce(
        ctx,
        decideMappa(ctx.principal),
        { childId: c.childId, subject: `ProbationMappa ${o.id}`, fields: ['mappa'], info },
        'WITHHELD',
      );
      return { category: o.mappaCategory, level: o.mappaLevel, reviewedOn: o.mappaReviewedOn };
    },
  },
  RiskOfSeriousHarm: {
    level: (r: RiskAssessment) =>
      RISK_LEVELS[
        Math.max(riskRank(r.riskToChildren), riskRank(r.riskToKnownAdult), riskRank(r.riskToPublic))
      ],
    atRisk: (r: RiskAssessment) =>
      (
        [
          ['CHILDREN', r.riskToChildren],
          ['KNOWN_ADULT', r.riskToKnownAdult],
          ['PUBLIC', r.riskToPublic],
        ] as const
      )
        .filter(([, level]) => riskRank(level) >= riskRank('MEDIUM'))
        .map(([group]) => group),
  },
  ProbationCondition: {
    inForce: (c: Condition, _: unknown, ctx: ProbationContext) =>
      conditionInForce(c, localDate(ctx.now)),
  },
};
