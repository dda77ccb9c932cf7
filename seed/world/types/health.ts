import type { Sex } from './common';

/** What health holds in a generated borough: patients and their attendances, registrations and contacts. */

export interface HealthPatient {
  id: string; // 'HP000001'
  /** Nearly always present and valid; occasionally mistyped. */
  nhsNumber: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  postcode: string | null;
  gpPracticeCode: string | null; // e.g. 'F84001'
  gpPracticeName: string | null;
}

export type CareSetting = 'EMERGENCY_DEPARTMENT' | 'WALK_IN' | 'OUT_OF_HOURS' | 'MATERNITY';

/** Why an attendance needs extra care before it is shared; null on an attendance means none. */
export type SensitiveCategory = 'SEXUAL_HEALTH' | 'MENTAL_HEALTH' | 'SUBSTANCE_MISUSE';

export interface HealthAttendance {
  id: string; // 'UC000001'
  patientId: string;
  arrivedAt: string;
  setting: CareSetting;
  presentingReason: string;
  site: string;
  /** Follows from the presenting reason alone; null when the reason is not sensitive. */
  sensitiveCategory: SensitiveCategory | null;
}

/** A registration with a GP practice; the patient's current one has no end date. */
export interface HealthGpRegistration {
  patientId: string;
  practiceCode: string;
  practiceName: string;
  /** Local dates. */
  registeredFrom: string;
  registeredTo: string | null;
}

export type CommunityService = 'HEALTH_VISITING' | 'SCHOOL_NURSING';

/** A health visiting or school nursing contact with a child (or, for new birth visits, the family). */
export interface HealthCommunityContact {
  id: string; // 'HV000001'
  patientId: string;
  at: string;
  service: CommunityService;
  /** e.g. 'NEW_BIRTH_VISIT', 'SIX_TO_EIGHT_WEEK_REVIEW', 'ONE_YEAR_REVIEW', 'TWO_YEAR_REVIEW',
   *  'SCHOOL_ENTRY_REVIEW', 'DROP_IN', 'SAFEGUARDING_VISIT'. */
  kind: string;
  /** The appointment was missed: the child was not brought. */
  wasNotBrought: boolean;
  note: string;
}

export type CamhsStatus = 'WAITING' | 'ACCEPTED' | 'DECLINED' | 'DISCHARGED';

/** A referral to child and adolescent mental health services: always sensitive (mental health). */
export interface HealthCamhsReferral {
  id: string; // 'CM000001'
  patientId: string;
  /** Local date. */
  referredOn: string;
  reason: string;
  status: CamhsStatus;
}

/** A pregnancy booked with maternity services, on the mother's record. */
export interface HealthMaternityEpisode {
  id: string; // 'MT000001'
  motherPatientId: string;
  /** Local dates. */
  bookedOn: string;
  expectedDeliveryDate: string;
  deliveredOn: string | null;
  /** The baby's own patient record, once born. */
  babyPatientId: string | null;
  /** Concerns noted at booking, e.g. 'Late booking at 26 weeks'; null when none. */
  concerns: string | null;
}

/**
 * Coded safeguarding flags (CP-IS and local codes): CP_PLAN and LOOKED_AFTER are the nationally
 * shared child flags; SAFEGUARDING_CONCERN may be on a child or a family member.
 */
export type SafeguardingFlagCode = 'CP_PLAN' | 'LOOKED_AFTER' | 'SAFEGUARDING_CONCERN';

export interface HealthSafeguardingFlag {
  id: string; // 'SF000001'
  patientId: string;
  code: SafeguardingFlagCode;
  /** Local dates; `endsOn` null while active. */
  startsOn: string;
  endsOn: string | null;
  note: string;
}

/** A parent's own health recorded as bearing on the children: sensitive (mental health or substance misuse). */
export type ParentalConcernKind = 'MENTAL_HEALTH' | 'SUBSTANCE_MISUSE' | 'ALCOHOL_MISUSE';

export interface HealthParentalConcern {
  id: string; // 'PC000001'
  /** The adult's patient record. */
  patientId: string;
  kind: ParentalConcernKind;
  /** Local date. */
  recordedOn: string;
  note: string;
}

export interface HealthData {
  patients: HealthPatient[];
  attendances: HealthAttendance[];
  gpRegistrations: HealthGpRegistration[];
  communityContacts: HealthCommunityContact[];
  camhsReferrals: HealthCamhsReferral[];
  maternityEpisodes: HealthMaternityEpisode[];
  safeguardingFlags: HealthSafeguardingFlag[];
  parentalConcerns: HealthParentalConcern[];
}
