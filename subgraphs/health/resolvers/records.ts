import type { GraphQLResolveInfo } from 'graphql';
import { decideSensitiveHealth, HealthAccessCode } from '../access';
import { enforce } from '../../../shared/disclosure';
import { isValidNhsNumber } from '../../../shared/identifiers';
import type { MatchResult } from '../../../shared/partner/matching';
import { localDate } from '../../../shared/time';
import { isFlagActive } from '../chronology';
import type { HealthContext } from '../context';
import type {
  GpRegistration,
  MaternityEpisode,
  ParentalConcern,
  Patient,
  SafeguardingFlag,
  UnscheduledCareAttendance,
} from '../entities';
import type { PatientRecords } from '../loaders';
import { summariseHealth, type SummaryRecords } from '../summary';

/**
 * Health's section of a child or of a household adult: the match, and whom it is about for the
 * audit (`childId` null for an adult; `subject` names the section in audit rows).
 */
export interface Section {
  childId: string | null;
  subject: string;
  match: MatchResult<Patient>;
}

/** A record with the child it was disclosed about (null for an adult's), for the audit. */
export type About<T> = T & { childId: string | null };

/** Tags records with the section's child, for the audit rows their fields may write. */
export function about<T extends object>(section: Section, records: T[]): About<T>[] {
  return records.map((r) => ({ ...r, childId: section.childId }));
}

/** What a section shows when it matched no record: every list empty. */
const NO_RECORDS: Omit<PatientRecords, 'patientId'> = {
  attendances: [],
  gpRegistrations: [],
  communityContacts: [],
  camhsReferrals: [],
  safeguardingFlags: [],
  birth: null,
  maternity: [],
  parentalConcerns: [],
};

/**
 * The records of a match's patient, every list empty when it matched no record. Every field of
 * every section asks the one loader, so a request's children and adults share one statement.
 */
export async function recordsOf(
  match: MatchResult<Patient>,
  ctx: HealthContext,
): Promise<Omit<PatientRecords, 'patientId'>> {
  return (
    (match.record && (await ctx.loaders.recordsByPatientId.load(match.record.id))) ?? NO_RECORDS
  );
}

/**
 * A sensitive detail of a record: disclosed to health roles (recorded), withheld for everyone
 * else as null with WITHHELD_SENSITIVE_HEALTH and the advice to ask the health MASH practitioner
 * (recorded).
 */
export function sensitiveDetail<T>(
  record: { childId: string | null },
  subject: string,
  field: string,
  value: T,
  ctx: HealthContext,
  info: GraphQLResolveInfo,
): T {
  enforce(
    ctx,
    decideSensitiveHealth(ctx.principal),
    { childId: record.childId, subject, fields: [field], info },
    'WITHHELD',
  );
  return value;
}

/** The current practice: the open registration, else the practice on the patient record. */
function currentPractice(patient: Patient, registrations: GpRegistration[]): string | null {
  const open = registrations.find((r) => r.registeredTo === null);
  return open ? open.practiceName : patient.gpPracticeName;
}

/**
 * The section's one-line summary, from the patient's records loaded with the section's lists. A
 * summary that left something sensitive out records that withholding.
 */
export async function summarise(
  section: Section,
  kind: 'CHILD' | 'ADULT',
  ctx: HealthContext,
): Promise<string> {
  const { match } = section;
  if (match.level === 'NONE') return 'No record in the health patient index';
  if (!match.record) return 'Possible match in the health patient index; confirm before disclosure';
  const patient = await recordsOf(match, ctx);
  const child = kind === 'CHILD';
  // A child's summary reads the child's own lists only, an adult's the parent's.
  const records: SummaryRecords = {
    gpPracticeName: currentPractice(match.record, patient.gpRegistrations),
    attendances: patient.attendances,
    safeguardingFlags: patient.safeguardingFlags,
    communityContacts: child ? patient.communityContacts : [],
    camhsReferrals: child ? patient.camhsReferrals : [],
    parentalConcerns: child ? [] : patient.parentalConcerns,
    maternity: child ? [] : patient.maternity,
  };
  const summary = summariseHealth(records, {
    now: ctx.now,
    mayReadSensitive: decideSensitiveHealth(ctx.principal).allowed,
  });
  if (summary.withheld) {
    ctx.audit.record({
      action: 'READ',
      subject: section.subject,
      childId: section.childId,
      fields: ['summary'],
      outcome: 'WITHHELD',
      reason: HealthAccessCode.WITHHELD_SENSITIVE_HEALTH,
      lawfulBasis: null,
    });
  }
  return summary.text;
}

/** The resolvers of health's record types, shared by the child's and the adult's sections. */
export const recordResolvers = {
  UnscheduledCareAttendance: {
    sensitive: (a: About<UnscheduledCareAttendance>) => a.sensitiveCategory !== null,
    sensitiveCategory: (
      a: About<UnscheduledCareAttendance>,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ) =>
      a.sensitiveCategory
        ? sensitiveDetail(
            a,
            `UnscheduledCareAttendance ${a.id}`,
            'sensitiveCategory',
            a.sensitiveCategory,
            ctx,
            info,
          )
        : null,
    presentingReason: (
      a: About<UnscheduledCareAttendance>,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ) =>
      a.sensitiveCategory
        ? sensitiveDetail(
            a,
            `UnscheduledCareAttendance ${a.id}`,
            'presentingReason',
            a.presentingReason,
            ctx,
            info,
          )
        : a.presentingReason,
  },
  HealthPatient: {
    nhsNumberValid: (p: Patient) => (p.nhsNumber ? isValidNhsNumber(p.nhsNumber) : null),
    gpPractice: (p: Patient) =>
      p.gpPracticeCode
        ? { code: p.gpPracticeCode, name: p.gpPracticeName ?? p.gpPracticeCode }
        : null,
  },
  GpRegistration: {
    practice: (r: GpRegistration) => ({ code: r.practiceCode, name: r.practiceName }),
    current: (r: GpRegistration) => r.registeredTo === null,
  },
  SafeguardingFlag: {
    active: (f: SafeguardingFlag, _: unknown, ctx: HealthContext) =>
      isFlagActive(f, localDate(ctx.now)),
  },
  MaternityEpisode: {
    concernsNoted: (e: About<MaternityEpisode>) => e.concerns !== null,
    concerns: (
      e: About<MaternityEpisode>,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ) =>
      e.concerns === null
        ? null
        : sensitiveDetail(e, `MaternityEpisode ${e.id}`, 'concerns', e.concerns, ctx, info),
  },
  ParentalConcern: {
    kind: (c: About<ParentalConcern>, _: unknown, ctx: HealthContext, info: GraphQLResolveInfo) =>
      sensitiveDetail(c, `ParentalConcern ${c.id}`, 'kind', c.kind, ctx, info),
    note: (c: About<ParentalConcern>, _: unknown, ctx: HealthContext, info: GraphQLResolveInfo) =>
      sensitiveDetail(c, `ParentalConcern ${c.id}`, 'note', c.note, ctx, info),
  },
};
