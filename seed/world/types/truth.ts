import type { SocialcareData } from './socialcare';
import type { PoliceData } from './police';
import type { HealthData } from './health';
import type { EducationData } from './education';
import type { ProbationData } from './probation';

/**
 * The ground truth of a generated borough (who is who across agencies, for tests and accuracy
 * measurement only; no service ever reads it), the borough itself and how it is generated.
 */

/** Why an agency's record of a person differs from the truth: the hard cases matching must face. */
export type Discrepancy =
  | 'NAME_TYPO'
  | 'SHORT_FORM_NAME'
  | 'DOB_DAY_MONTH_SWAPPED'
  | 'DOB_TYPO'
  | 'NO_NHS_NUMBER'
  | 'INVALID_NHS_NUMBER'
  | 'FORMER_UPN'
  | 'MOVED_POSTCODE'
  | 'HYPHENATED_NAME'
  | 'ACCENT_DROPPED';

/** One real (synthetic) person and their record in each agency that holds them. */
export interface TruthPerson {
  key: string; // 'T000001'
  kind: 'CHILD' | 'ADULT';
  unborn: boolean;
  /** Shared by twins (and only by them). */
  twinGroup: string | null;
  socialcareId: string | null;
  policeId: string | null;
  healthId: string | null;
  educationId: string | null;
  /**
   * Probation's record: an offender id ('PR...') for an adult, a known child id ('PK...') for a
   * child recorded on a case. Set by the probation phase, after everything else is drawn.
   */
  probationId: string | null;
  /**
   * Per agency (each part of the world is named for its agency), how its record departs from the
   * truth.
   */
  discrepancies: Partial<Record<Exclude<keyof World, 'truth'>, Discrepancy[]>>;
}

export interface GroundTruth {
  seed: number;
  scale: number;
  /** The 'today' the data was generated against (contacts run up to it). */
  asOf: string;
  people: TruthPerson[];
}

export interface World {
  socialcare: SocialcareData;
  police: PoliceData;
  health: HealthData;
  education: EducationData;
  probation: ProbationData;
  truth: GroundTruth;
}

export interface GenerateOptions {
  seed: number;
  /** 1 = one London borough's MASH (tens of thousands of children, ~2,000 contacts a month). */
  scale: number;
  /** Instant the data runs up to; contacts in the last days before it are still open. */
  asOf: Date;
  /** Months of contact history; at least 24. */
  months?: number;
}
