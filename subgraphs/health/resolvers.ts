import type { GraphQLResolveInfo } from 'graphql';
import { AccessCode, decideSensitiveHealth, SENSITIVE_HEALTH_SUMMARY } from '../../shared/access';
import { discloseChildRecord, enforce, type ChildWithRelationship } from '../../shared/disclosure';
import { isValidNhsNumber } from '../../shared/identifiers';
import type { MatchResult } from '../../shared/matching';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { describeRecency } from '../../shared/summary';
import type { HealthContext } from './context';
import type { Patient, UnscheduledCareAttendance } from './entities';

/** Health's section of one child: the match, and which child it is about (for the audit). */
interface Section {
  childId: string;
  match: MatchResult<Patient>;
}

/** An attendance with the child it was disclosed about. */
interface AttendanceAbout extends UnscheduledCareAttendance {
  childId: string;
}

async function summarise(section: Section, ctx: HealthContext): Promise<string> {
  const { match } = section;
  if (match.level === 'NONE') return 'No record in the health patient index';
  if (!match.record) return 'Possible match in the health patient index; confirm before disclosure';
  const attendances = await ctx.loaders.attendancesByPatientId.load(match.record.id);
  const registration = match.record.gpPracticeName
    ? `Registered with ${match.record.gpPracticeName}`
    : 'Not registered with a GP';
  // Outside health, a sensitive attendance is neither described nor counted by its reason.
  const mayReadSensitive = decideSensitiveHealth(ctx.principal).allowed;
  const shown = mayReadSensitive ? attendances : attendances.filter((a) => !a.sensitiveCategory);
  const care = describeRecency(
    shown.map((a) => ({ at: a.arrivedAt, kind: a.presentingReason })),
    'unscheduled care attendance',
    ctx.now,
  );
  const parts = [registration, care];
  if (!mayReadSensitive && shown.length < attendances.length) {
    parts.push(SENSITIVE_HEALTH_SUMMARY);
    // The summary left sensitive attendances out: that is a withholding, and is recorded.
    ctx.audit.record({
      action: 'READ',
      subject: 'HealthSection',
      childId: section.childId,
      fields: ['summary'],
      outcome: 'WITHHELD',
      reason: AccessCode.WITHHELD_SENSITIVE_HEALTH,
      lawfulBasis: null,
    });
  }
  return `${parts.join('. ')}.`;
}

/**
 * A sensitive attendance's detail: disclosed to health roles, withheld (recorded, with the
 * summary as the message) for everyone else.
 */
function sensitiveDetail<T>(
  a: AttendanceAbout,
  field: string,
  value: T,
  ctx: HealthContext,
  info: GraphQLResolveInfo,
): T {
  if (!a.sensitiveCategory) return value;
  enforce(
    ctx,
    decideSensitiveHealth(ctx.principal),
    { childId: a.childId, subject: `UnscheduledCareAttendance ${a.id}`, fields: [field], info },
    'WITHHELD',
  );
  return value;
}

/** Health's resolvers: its section of the child, matched against its own patient index. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Child: {
    __resolveReference: (ref: ChildWithRelationship) => ref,
    health: async (
      child: ChildWithRelationship,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ): Promise<Section> => {
      discloseChildRecord(ctx, 'HEALTH', child, {
        childId: child.id,
        subject: 'HealthSection',
        info,
      });
      return { childId: child.id, match: await ctx.loaders.patientByChild.load(child) };
    },
  },
  HealthSection: {
    match: (s: Section) => s.match,
    summary: (s: Section, _: unknown, ctx: HealthContext) => summarise(s, ctx),
    patient: (s: Section) => s.match.record,
    attendances: async (s: Section, _: unknown, ctx: HealthContext): Promise<AttendanceAbout[]> => {
      if (!s.match.record) return [];
      const found = await ctx.loaders.attendancesByPatientId.load(s.match.record.id);
      return found.map((a) => ({ ...a, childId: s.childId }));
    },
  },
  UnscheduledCareAttendance: {
    sensitive: (a: AttendanceAbout) => a.sensitiveCategory !== null,
    sensitiveCategory: (
      a: AttendanceAbout,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ) => sensitiveDetail(a, 'sensitiveCategory', a.sensitiveCategory, ctx, info),
    presentingReason: (
      a: AttendanceAbout,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ) => sensitiveDetail(a, 'presentingReason', a.presentingReason, ctx, info),
  },
  HealthPatient: {
    nhsNumberValid: (p: Patient) => (p.nhsNumber ? isValidNhsNumber(p.nhsNumber) : null),
    gpPractice: (p: Patient) =>
      p.gpPracticeCode
        ? { code: p.gpPracticeCode, name: p.gpPracticeName ?? p.gpPracticeCode }
        : null,
  },
};
