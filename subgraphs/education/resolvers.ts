import type { GraphQLResolveInfo } from 'graphql';
import { discloseChildRecord, type ChildWithRelationship } from '../../shared/disclosure';
import { isValidUpn } from '../../shared/identifiers';
import type { MatchResult } from '../../shared/matching';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import type { EducationContext } from './context';
import type { Enrolment, TermAttendance } from './entities';
import type { PupilRecord } from './loaders';

/** Share of possible sessions attended, as a percentage with one decimal place. */
function attendancePercent(attended: number, possible: number): number {
  return possible === 0 ? 100 : Math.round((attended / possible) * 1000) / 10;
}

/** DfE: persistently absent means missing 10% or more of possible sessions. */
function persistentlyAbsent(attended: number, possible: number): boolean {
  return possible > 0 && (possible - attended) * 10 >= possible;
}

async function summarise(match: MatchResult<PupilRecord>, ctx: EducationContext): Promise<string> {
  if (match.level === 'NONE') return 'No record in the pupil index';
  if (!match.record) return 'Possible match in the pupil index; confirm before disclosure';
  const enrolments = await ctx.loaders.enrolmentsByPupilId.load(match.record.id);
  const current = enrolments.find((e) => e.endDate === null);
  if (!current) return 'Not on roll at any school in the area';
  const [school, terms] = await Promise.all([
    ctx.loaders.schoolByUrn.load(current.schoolUrn),
    ctx.loaders.attendanceByEnrolmentId.load(current.id),
  ]);
  const onRoll = `On roll at ${school?.name ?? current.schoolUrn} since ${current.startDate}`;
  if (terms.length === 0) return `${onRoll}; no attendance recorded yet`;
  const year = terms[0].academicYear;
  const thisYear = terms.filter((t) => t.academicYear === year);
  const possible = thisYear.reduce((n, t) => n + t.possibleSessions, 0);
  const attended = thisYear.reduce((n, t) => n + t.attendedSessions, 0);
  const flag = persistentlyAbsent(attended, possible) ? ' (persistently absent)' : '';
  return `${onRoll}; attendance ${attendancePercent(attended, possible)}% in ${year}${flag}`;
}

/** Education's resolvers: its section of the child, matched against its own pupil index. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Child: {
    __resolveReference: (ref: ChildWithRelationship) => ref,
    education: async (
      child: ChildWithRelationship,
      _: unknown,
      ctx: EducationContext,
      info: GraphQLResolveInfo,
    ): Promise<MatchResult<PupilRecord>> => {
      discloseChildRecord(ctx, 'EDUCATION', child, {
        childId: child.id,
        subject: 'EducationSection',
        info,
      });
      return ctx.loaders.pupilByChild.load(child);
    },
  },
  EducationSection: {
    match: (m: MatchResult<PupilRecord>) => m,
    summary: (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) => summarise(m, ctx),
    pupil: (m: MatchResult<PupilRecord>) => m.record,
    enrolments: (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) =>
      m.record ? ctx.loaders.enrolmentsByPupilId.load(m.record.id) : [],
    currentSchool: async (m: MatchResult<PupilRecord>, _: unknown, ctx: EducationContext) => {
      if (!m.record) return null;
      const enrolments = await ctx.loaders.enrolmentsByPupilId.load(m.record.id);
      const current = enrolments.find((e) => e.endDate === null);
      return current ? ctx.loaders.schoolByUrn.load(current.schoolUrn) : null;
    },
  },
  Pupil: {
    upnValid: (p: PupilRecord) => (p.upn ? isValidUpn(p.upn) : null),
  },
  Enrolment: {
    school: (e: Enrolment, _: unknown, ctx: EducationContext) =>
      ctx.loaders.schoolByUrn.load(e.schoolUrn),
    attendance: (e: Enrolment, _: unknown, ctx: EducationContext) =>
      ctx.loaders.attendanceByEnrolmentId.load(e.id),
  },
  TermAttendance: {
    attendancePercent: (t: TermAttendance) =>
      attendancePercent(t.attendedSessions, t.possibleSessions),
    persistentlyAbsent: (t: TermAttendance) =>
      persistentlyAbsent(t.attendedSessions, t.possibleSessions),
  },
};
