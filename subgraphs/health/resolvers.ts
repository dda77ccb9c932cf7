import { isValidNhsNumber } from '../../shared/identifiers';
import type { ChildReference, MatchResult } from '../../shared/matching';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { describeRecency } from '../../shared/summary';
import type { HealthContext } from './context';
import type { Patient } from './entities';

interface MatchedChild extends ChildReference {
  healthMatch: MatchResult<Patient>;
}

async function summarise(match: MatchResult<Patient>, ctx: HealthContext): Promise<string> {
  if (match.level === 'NONE') return 'No record in the health patient index';
  if (!match.record) return 'Possible match in the health patient index; confirm before disclosure';
  const attendances = await ctx.loaders.attendancesByPatientId.load(match.record.id);
  const registration = match.record.gpPracticeName
    ? `Registered with ${match.record.gpPracticeName}`
    : 'Not registered with a GP';
  const care = describeRecency(
    attendances.map((a) => ({ at: a.arrivedAt, kind: a.presentingReason })),
    'unscheduled care attendance',
    ctx.now,
  );
  return `${registration}. ${care}`;
}

/** Health's resolvers: its section of the child, matched against its own patient index. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Child: {
    __resolveReference: async (ref: ChildReference, ctx: HealthContext): Promise<MatchedChild> => ({
      ...ref,
      healthMatch: await ctx.loaders.patientByChild.load(ref),
    }),
    health: (child: MatchedChild) => child.healthMatch,
  },
  HealthSection: {
    match: (m: MatchResult<Patient>) => m,
    summary: (m: MatchResult<Patient>, _: unknown, ctx: HealthContext) => summarise(m, ctx),
    patient: (m: MatchResult<Patient>) => m.record,
    attendances: (m: MatchResult<Patient>, _: unknown, ctx: HealthContext) =>
      m.record ? ctx.loaders.attendancesByPatientId.load(m.record.id) : [],
  },
  HealthPatient: {
    nhsNumberValid: (p: Patient) => (p.nhsNumber ? isValidNhsNumber(p.nhsNumber) : null),
    gpPractice: (p: Patient) =>
      p.gpPracticeCode
        ? { code: p.gpPracticeCode, name: p.gpPracticeName ?? p.gpPracticeCode }
        : null,
  },
};
