import type { Sex } from './common';

/** What education holds in a generated borough: schools, pupils, enrolments and attendance. */

export interface EducationSchool {
  urn: string; // six digits
  name: string;
  phase: 'PRIMARY' | 'SECONDARY' | 'SPECIAL' | 'ALTERNATIVE_PROVISION';
}

export interface EducationPupil {
  id: string; // 'PU000001'
  upn: string | null;
  upnUnknownReason: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  postcode: string | null;
}

export interface EducationFormerUpn {
  pupilId: string;
  upn: string;
}

export interface EducationEnrolment {
  id: string; // 'EN000001'
  pupilId: string;
  schoolUrn: string;
  startDate: string;
  /** Null while on roll. */
  endDate: string | null;
}

export interface EducationAttendance {
  enrolmentId: string;
  /** e.g. '2025/26' */
  academicYear: string;
  term: 'AUTUMN' | 'SPRING' | 'SUMMER';
  possibleSessions: number;
  attendedSessions: number;
  authorisedAbsences: number;
  unauthorisedAbsences: number;
}

export type ExclusionKind = 'SUSPENSION' | 'PERMANENT_EXCLUSION';

/** A suspension (fixed period) or permanent exclusion, with its DfE reason code. */
export interface EducationExclusion {
  id: string; // 'EX000001'
  pupilId: string;
  schoolUrn: string;
  kind: ExclusionKind;
  /** Local date. */
  startDate: string;
  /** School sessions (half days) lost; for a permanent exclusion, those before it took effect. */
  sessions: number;
  /** DfE reason code, e.g. 'PA' (physical assault against an adult), 'PD' (persistent disruptive behaviour). */
  reasonCode: string;
}

export type SenProvision = 'SEN_SUPPORT' | 'EHC_PLAN';

/** A period of special educational needs provision with its DfE primary need code. */
export interface EducationSenProvision {
  pupilId: string;
  provision: SenProvision;
  /** DfE primary need, e.g. 'SEMH', 'ASD', 'SLCN', 'MLD'. */
  primaryNeed: string;
  /** Local dates; `endDate` null while current. */
  startDate: string;
  endDate: string | null;
}

/** A period of elective home education. */
export interface EducationHomeEducation {
  pupilId: string;
  startDate: string;
  endDate: string | null;
}

/** A child missing education: not on a school roll and not home educated. */
export interface EducationMissingEducation {
  id: string; // 'CME00001'
  pupilId: string;
  /** Local dates. */
  reportedOn: string;
  resolvedOn: string | null;
  /** e.g. 'Removed from roll after 20 days unexplained absence'. */
  reason: string;
}

/** A period of eligibility for free school meals. */
export interface EducationFreeMeals {
  pupilId: string;
  startDate: string;
  endDate: string | null;
}

export interface EducationData {
  schools: EducationSchool[];
  pupils: EducationPupil[];
  formerUpns: EducationFormerUpn[];
  enrolments: EducationEnrolment[];
  attendance: EducationAttendance[];
  exclusions: EducationExclusion[];
  senProvisions: EducationSenProvision[];
  homeEducation: EducationHomeEducation[];
  missingEducation: EducationMissingEducation[];
  freeMeals: EducationFreeMeals[];
}
