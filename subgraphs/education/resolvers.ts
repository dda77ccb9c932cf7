import { partnerChildField } from '../../shared/partner/section';
import { type ChildWithRelationship } from '../../shared/partner/matching';
import { isValidUpn } from '../../shared/identifiers';
import type { MatchResult } from '../../shared/partner/matching';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { localDate } from '../../shared/time';
import { childViewDisclosureResolvers } from '../../shared/partner/view-disclosures';
import {
  attendancePercent,
  combineByTerm,
  persistentlyAbsent,
  severelyAbsent,
  type TermSessions,
} from './attendance';
import { educationEvents, type ChronologyEvent } from './chronology';
import { describeCode, EXCLUSION_REASONS, PRIMARY_NEEDS } from './codes';
import type { EducationContext } from './context';
import type { FreeMeals, MissingEducation, SenProvision } from './entities';
import { isCurrent, isMissingOn, loadFacts, recordsOf, type Period } from './facts';
import type { EnrolmentRecord, ExclusionRecord, PupilRecord, PupilRecords } from './loaders';
import { summariseEducation } from './summary';

/**
 * The matched pupil when education may disclose its records: only for a CONFIRMED or PROBABLE
 * match (a POSSIBLE one must be confirmed by a practitioner first).
 */
function disclosed(m: MatchResult<PupilRecord>): PupilRecord | null {
  return m.level === 'CONFIRMED' || m.level === 'PROBABLE' ? m.record : null;
}

function today(ctx: EducationContext): string {
  return localDate(ctx.now);
}

/** Lists one of the pupil's record kinds from their records; empty unless disclosed. */
function listOf<T>(
  list: (records: PupilRecords) => T[],
): (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) => Promise<T[]> | T[] {
  return async (m, _, ctx) => {
    const pupil = disclosed(m);
    return pupil ? list(await recordsOf(ctx, pupil.id)) : [];
  };
}

/** The free school meals answer: its periods, and whether one covers today. */
interface FreeSchoolMeals {
  eligibleNow: boolean;
  periods: FreeMeals[];
}

/**
 * Education's resolvers: its section of the child, matched against its own pupil index; and what
 * it disclosed in a decision-maker's view of the child.
 */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Child: {
    __resolveReference: (ref: ChildWithRelationship) => ref,
    education: partnerChildField<EducationContext, MatchResult<PupilRecord>>(
      'EDUCATION',
      'EducationSection',
      (child, ctx) => ctx.loaders.pupilByChild.load(child),
    ),
    educationEvents: partnerChildField<EducationContext, ChronologyEvent[]>(
      'EDUCATION',
      'EducationEvents',
      async (child, ctx) => {
        const pupil = disclosed(await ctx.loaders.pupilByChild.load(child));
        return pupil ? educationEvents(await loadFacts(ctx, pupil.id)) : [];
      },
    ),
  },
  // What education disclosed, withheld or refused in a decision-maker's view of a child: their
  // own rows up to the decision; WITHHELD rows only to an EDUCATION reader
  // (shared/partner/view-disclosures.ts).
  ChildView: childViewDisclosureResolvers<EducationContext>(
    'EDUCATION',
    'educationDisclosures',
    (ctx) => ctx.loaders.viewDisclosuresByKey,
  ),
  EducationSection: {
    match: (m: MatchResult<PupilRecord>) => m,
    summary: async (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) => {
      const pupil = disclosed(m);
      return summariseEducation(m.level, pupil ? await loadFacts(ctx, pupil.id) : null);
    },
    pupil: (m: MatchResult<PupilRecord>) => disclosed(m),
    enrolments: listOf((r) => r.enrolments),
    currentSchool: async (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) => {
      const pupil = disclosed(m);
      if (!pupil) return null;
      // Newest start first, so with dual registration the school joined last is the answer.
      const { enrolments } = await recordsOf(ctx, pupil.id);
      return enrolments.find((e) => isCurrent(e, today(ctx)))?.school ?? null;
    },
    attendance: async (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) => {
      const pupil = disclosed(m);
      if (!pupil) return [];
      const { enrolments } = await recordsOf(ctx, pupil.id);
      return combineByTerm(enrolments.flatMap((e) => e.attendance));
    },
    exclusions: listOf((r) => r.exclusions),
    senProvision: async (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) => {
      const pupil = disclosed(m);
      if (!pupil) return [];
      const periods = (await recordsOf(ctx, pupil.id)).senProvisions;
      const now = today(ctx);
      // Stable: within current and past, the loader's order (latest start first) stands.
      return [...periods].sort((a, b) => Number(isCurrent(b, now)) - Number(isCurrent(a, now)));
    },
    homeEducation: listOf((r) => r.homeEducation),
    missingEducation: listOf((r) => r.missingEducation),
    freeSchoolMeals: async (
      m: MatchResult<PupilRecord>,
      _: unknown,
      ctx: EducationContext,
    ): Promise<FreeSchoolMeals | null> => {
      const pupil = disclosed(m);
      if (!pupil) return null;
      const periods = (await recordsOf(ctx, pupil.id)).freeMeals;
      return { eligibleNow: periods.some((p) => isCurrent(p, today(ctx))), periods };
    },
  },
  Pupil: {
    // As keyed by a school: an invalid UPN is reported, never refused or thrown over.
    upnValid: (p: PupilRecord) => (p.upn ? isValidUpn(p.upn) : null),
    formerUpnChecks: (p: PupilRecord) =>
      p.formerUpns.map((upn) => ({ upn, valid: isValidUpn(upn) })),
  },
  Enrolment: {
    current: (e: EnrolmentRecord, _: unknown, ctx: EducationContext) => isCurrent(e, today(ctx)),
  },
  TermAttendance: {
    attendancePercent: (t: TermSessions) =>
      attendancePercent(t.attendedSessions, t.possibleSessions),
    persistentlyAbsent: (t: TermSessions) =>
      persistentlyAbsent(t.attendedSessions, t.possibleSessions),
    severelyAbsent: (t: TermSessions) => severelyAbsent(t.attendedSessions, t.possibleSessions),
  },
  Exclusion: {
    reason: (x: ExclusionRecord) => describeCode(EXCLUSION_REASONS, x.reasonCode),
  },
  SenProvisionPeriod: {
    primaryNeedCode: (s: SenProvision) => s.primaryNeed,
    primaryNeed: (s: SenProvision) => describeCode(PRIMARY_NEEDS, s.primaryNeed),
    current: (s: SenProvision, _: unknown, ctx: EducationContext) => isCurrent(s, today(ctx)),
  },
  HomeEducationPeriod: {
    current: (h: Period, _: unknown, ctx: EducationContext) => isCurrent(h, today(ctx)),
  },
  MissingEducationEpisode: {
    open: (m: MissingEducation, _: unknown, ctx: EducationContext) => isMissingOn(m, today(ctx)),
  },
};
