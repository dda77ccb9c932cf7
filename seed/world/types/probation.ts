import type { Sex } from './common';

/** What probation holds in a generated borough: people on probation and the children recorded with them. */

/** A person in probation's index: on probation now, or known from an earlier sentence. */
export interface ProbationOffender {
  id: string; // 'PR000001': probation's own person index id
  /** Case reference number, a letter and six digits. */
  crn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: Sex;
  postcode: string | null;
  supervision: 'LICENCE' | 'COMMUNITY_ORDER' | 'SUSPENDED_SENTENCE_ORDER' | 'PREVIOUSLY_KNOWN';
  supervisionStartsOn: string | null;
  supervisionEndsOn: string | null;
  offenderManager: string | null;
  offenderManagerTeam: string | null;
  mappaCategory: number | null;
  mappaLevel: number | null;
  mappaReviewedOn: string | null;
}

export type ProbationOffenceCategory =
  'DOMESTIC_ABUSE' | 'VIOLENCE' | 'SEXUAL' | 'CHILD_RELATED' | 'OTHER';

export interface ProbationOffence {
  id: string; // 'PO000001'
  offenderId: string;
  category: ProbationOffenceCategory;
  description: string;
  convictedOn: string;
}

export type ProbationRiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH';

/** A risk of serious harm assessment: a level for each group. */
export interface ProbationRiskAssessment {
  id: string; // 'PA000001'
  offenderId: string;
  assessedOn: string;
  riskToChildren: ProbationRiskLevel;
  riskToKnownAdult: ProbationRiskLevel;
  riskToPublic: ProbationRiskLevel;
}

export interface ProbationCondition {
  id: string; // 'PC000001'
  offenderId: string;
  kind:
    | 'NO_UNSUPERVISED_CONTACT_WITH_CHILDREN'
    | 'EXCLUSION_ZONE'
    | 'NON_CONTACT'
    | 'RESIDENCE'
    | 'CURFEW'
    | 'PROGRAMME';
  imposedBy: 'LICENCE' | 'COMMUNITY_ORDER';
  detail: string;
  startsOn: string;
  endsOn: string | null;
}

/** A child an offender manager recorded on a case, as recorded. */
export interface ProbationKnownChild {
  id: string; // 'PK000001'
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: Sex;
  postcode: string | null;
}

export interface ProbationKnownChildLink {
  childId: string;
  offenderId: string;
  relationship: string;
  sameHousehold: boolean;
  recordedOn: string;
}

export interface ProbationData {
  offenders: ProbationOffender[];
  offences: ProbationOffence[];
  riskAssessments: ProbationRiskAssessment[];
  conditions: ProbationCondition[];
  knownChildren: ProbationKnownChild[];
  knownChildLinks: ProbationKnownChildLink[];
}
