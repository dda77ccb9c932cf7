/**
 * The shape of one generated synthetic borough: what each agency holds (each part goes into that
 * agency's database only) and the ground truth of who is who across agencies (for tests and
 * accuracy measurement only; no service ever reads it).
 *
 * Dates are 'YYYY-MM-DD' strings (local dates); instants are ISO 8601 strings in UTC ('...Z').
 */
import type { RagRating } from '../../subgraphs/socialcare/clocks';

export type Sex = 'MALE' | 'FEMALE' | 'UNKNOWN';

/** The RAG rating given at screening: socialcare's one list (subgraphs/socialcare/clocks.ts). */
export type Rag = RagRating;

/** DfE referral-outcome wording, as SCREAMING_SNAKE codes. */
export type ContactOutcome =
  | 'NO_FURTHER_ACTION'
  | 'ADVICE_AND_SIGNPOST'
  | 'STEP_DOWN_TO_EARLY_HELP'
  | 'ASSESSMENT_REQUIRED'
  | 'STRATEGY_DISCUSSION'
  | 'OTHER';

// ---------------------------------------------------------------- socialcare

export interface ScHousehold {
  id: string; // 'H000001'
  addressLine: string;
  postcode: string;
}

export interface ScChild {
  id: string; // 'SC100001': the local authority's person id
  givenName: string;
  familyName: string;
  /** Null for an unborn child. */
  dateOfBirth: string | null;
  /** Set for an unborn child only. */
  expectedDateOfBirth: string | null;
  sex: Sex;
  /** DfE ethnicity code, e.g. 'WBRI', 'BAFR', 'APKN', 'MWBC', 'NOBT'. */
  ethnicity: string;
  /** As the local authority recorded it: may be missing, or mistyped (failing modulus 11). */
  nhsNumber: string | null;
  /** As recorded: may be a former UPN the school has since replaced. */
  upn: string | null;
  /** 'UN1'..'UN5' when there is no UPN and the reason is known. */
  upnUnknownReason: string | null;
  householdId: string | null;
  createdAt: string;
  /**
   * Whether the child has a disability (Annex A), recorded for children referred to social care:
   * YES, NO or UNKNOWN; null when not recorded. Filled by `../allocations.ts`.
   */
  disability?: 'YES' | 'NO' | 'UNKNOWN' | null;
}

export interface ScAdult {
  id: string; // 'AD000001'
  householdId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: Sex;
  /** e.g. 'MOTHER', 'FATHER', 'STEPFATHER', 'MOTHERS_PARTNER', 'GRANDMOTHER', 'AUNT'. */
  relationship: string;
}

export interface ScContact {
  id: string; // 'CT0000001'
  receivedAt: string;
  /** DfE source code: '1A'..'1D', '2A', '2B', '3A'..'3F', '4', '5A'..'5D', '6', '7', '8', '9', '10'. */
  sourceCode: string;
  referrer: string;
  concern: string;
  /** Null until screened. */
  rag: Rag | null;
  screenedAt: string | null;
  /** MASH team that worked the contact, e.g. 'MASH North', 'MASH South'. */
  team: string;
  /** 1 plus the number of changes made to it after recording (each stage, rating, check, decision). */
  version: number;
  stage: ContactStage;
  /** When it was typed in: receipt, or the next morning for an out-of-hours call. */
  recordedAt: string;
  /** Synthetic staff id, e.g. 'mash-north-sw-03'. */
  recordedBy: string;
  /** The current rating's reason; null until screened. */
  ragReason: string | null;
  /** When the current rating was first given (the latest rating that changed the RAG). */
  ratedSince: string | null;
  screenedBy: string | null;
  /**
   * The RAG response clock as the service keeps it (frontdoor/transitions.ts): the start and due of
   * the rating in force when it stopped (or now, while it runs), stopped the first time every check
   * asked was answered, or at the decision. Null without a rating that has a target.
   */
  ragStartedAt: string | null;
  ragDueAt: string | null;
  ragStoppedAt: string | null;
  /** subgraphs/socialcare/clocks.ts `decisionDueOneWorkingDay(receivedAt)`. */
  decisionDueWorkingDayAt: string;
  /** The last child's decision instant once every child is decided; null while open. */
  closedAt: string | null;
}

/** RECEIVED, SCREENED, CHECKS_REQUESTED (some outstanding), CHECKS_ANSWERED, DECIDED (closed). */
export type ContactStage =
  'RECEIVED' | 'SCREENED' | 'CHECKS_REQUESTED' | 'CHECKS_ANSWERED' | 'DECIDED';

/** One RAG rating of a contact, oldest first; the last is the contact's current rating. */
export interface ScContactRating {
  contactId: string;
  rag: Rag;
  reason: string;
  ratedBy: string;
  ratedAt: string;
}

/** A request for a partner agency's checks on a contact, and its answer. */
export interface ScPartnerCheck {
  contactId: string;
  agency: 'POLICE' | 'HEALTH' | 'EDUCATION';
  requestedAt: string;
  requestedBy: string;
  /** Due by the rating in force when it was answered or withdrawn (or now, while outstanding). */
  dueAt: string | null;
  answeredAt: string | null;
  /** Synthetic partner staff id, e.g. 'police-mash-04'. */
  answeredBy: string | null;
  outcome: 'INFORMATION_SHARED' | 'NO_RECORD' | 'NOTHING_OF_CONCERN' | null;
  /** Set when the contact was decided before the agency answered. */
  withdrawnAt: string | null;
}

/** One decision per child on a contact; siblings on one contact each get their own. */
export interface ScContactChild {
  contactId: string;
  childId: string;
  /** Null while open. */
  decidedAt: string | null;
  /** Continuum-of-need level 1..4; null while open. */
  level: number | null;
  outcome: ContactOutcome | null;
  /** Null while open. */
  decidedBy: string | null;
  rationale: string | null;
  consent: 'GIVEN' | 'NOT_SOUGHT' | 'REFUSED' | null;
  /** Set when consent was not sought or was refused. */
  lawfulBasis: string | null;
  /** The identifiers the referrer gave, when they gave any. */
  reportedNhsNumber: string | null;
  reportedUpn: string | null;
}

export interface ScReferral {
  id: string; // 'RF000001'
  contactId: string;
  childId: string;
  createdAt: string;
  /** When the receiving team accepted it; null while not yet completed. */
  completedAt: string | null;
  createdBy: string;
  completedBy: string | null;
  /** The registered socialcare team it was allocated to when accepted; null while not accepted. */
  allocatedTeam?: string | null;
  /** The worker (a fictional name) it was allocated to; null while not accepted. */
  allocatedWorker?: string | null;
}

/** How a child and family assessment ended, as SCREAMING_SNAKE codes. */
export type AssessmentOutcome =
  'NO_FURTHER_ACTION' | 'CHILD_IN_NEED_PLAN' | 'SECTION_47' | 'STEP_DOWN_TO_EARLY_HELP' | 'OTHER';

/** A child and family assessment following a completed referral (at most one per referral). */
export interface ScAssessment {
  id: string; // 'AS000001'
  referralId: string;
  /** The referral's child. */
  childId: string;
  /** The referral's completion, or the next working morning when it was completed out of hours. */
  startedAt: string;
  /** When a manager authorised it; null while in progress. */
  authorisedAt: string | null;
  /** Null while in progress. */
  outcome: AssessmentOutcome | null;
  /** Synthetic manager id, e.g. 'assessment-1-mgr-02'; null while in progress. */
  authorisedBy: string | null;
  /** The team and worker doing it (mostly the referral's). Filled by `../allocations.ts`. */
  allocatedTeam?: string | null;
  allocatedWorker?: string | null;
  /** Whether the child was seen during it; null when not recorded. */
  childSeen?: boolean | null;
}

/** Category of abuse of a child protection plan. */
export type ChildProtectionCategory = 'EMOTIONAL' | 'NEGLECT' | 'PHYSICAL' | 'SEXUAL' | 'MULTIPLE';

/** A child protection plan, from its initial conference to its end. */
export interface ScChildProtectionPlan {
  id: string; // 'CP00001'
  childId: string;
  /** The section 47 assessment that led to it, when there is one. */
  assessmentId: string | null;
  /** Local date of the initial child protection conference. */
  startedOn: string;
  /** Local date it ended; null while active. */
  endedOn: string | null;
  category: ChildProtectionCategory;
}

/** A statutory visit to a child on a child protection plan (ids are the database's). */
export interface ScChildProtectionVisit {
  planId: string;
  visitedAt: string;
  /** Synthetic social worker id, e.g. 'cp-sw-04'. */
  visitedBy: string;
}

/** Early help after a step-down decision (subgraphs/socialcare/entities/EarlyHelpEpisode.ts). */
export interface ScEarlyHelpEpisode {
  id: string; // 'EH000001'
  contactId: string;
  childId: string;
  steppedDownAt: string;
  /** A registered provider's id, e.g. 'eh-north'. */
  providerId: string;
  offeredAt: string;
  familyResponse: 'ACCEPTED' | 'DECLINED' | null;
  /** Local dates from here on. */
  respondedOn: string | null;
  assessmentStartedOn: string | null;
  assessmentCompletedOn: string | null;
  assessmentOrganisation: string | null;
  leadPractitioner: string | null;
  closedOn: string | null;
  closureReason:
    | 'NEEDS_MET'
    | 'FAMILY_DECLINED'
    | 'NO_ENGAGEMENT'
    | 'STEPPED_UP'
    | 'MOVED_AWAY'
    | 'OTHER'
    | null;
  /** The child's later contact a step-up made. */
  stepUpContactId: string | null;
  version: number;
  createdAt: string;
}

export interface SocialcareData {
  households: ScHousehold[];
  children: ScChild[];
  adults: ScAdult[];
  contacts: ScContact[];
  contactChildren: ScContactChild[];
  contactRatings: ScContactRating[];
  partnerChecks: ScPartnerCheck[];
  referrals: ScReferral[];
  /** In order of id (of start). */
  assessments: ScAssessment[];
  /** In order of id (of start). */
  childProtectionPlans: ScChildProtectionPlan[];
  /** Plan by plan, each plan's in order of visit. */
  childProtectionVisits: ScChildProtectionVisit[];
  /** One per step-down decision, in decision-row order (of id). */
  earlyHelpEpisodes: ScEarlyHelpEpisode[];
}

// ---------------------------------------------------------------- police

export interface PolicePerson {
  id: string; // 'PP000001': police's own person index id
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: Sex;
  postcode: string | null;
  /** 'YY/NNNNNNND'; mostly adults with a record; may be invalid as keyed. */
  pncId: string | null;
}

export type OccurrenceCategory =
  | 'DOMESTIC_ABUSE'
  | 'MISSING_PERSON'
  | 'VIOLENCE'
  | 'CONCERN_FOR_WELFARE'
  | 'ANTISOCIAL_BEHAVIOUR'
  | 'DRUGS'
  | 'THEFT';

export interface PoliceOccurrence {
  id: string; // 'OC000001'
  /** Force reference as written, e.g. 'OCC/2025/012345'. */
  reference: string;
  occurredAt: string;
  category: OccurrenceCategory;
  summary: string;
}

export type OccurrenceRole =
  'VICTIM' | 'PERPETRATOR' | 'WITNESS' | 'CHILD_PRESENT' | 'MISSING_PERSON' | 'SUBJECT';

export interface PoliceOccurrencePerson {
  occurrenceId: string;
  personId: string;
  role: OccurrenceRole;
}

/** 3x5x2 source evaluation: 1 reliable, 2 untested, 3 not reliable. */
export type IntelligenceSourceGrade = 1 | 2 | 3;

/**
 * 3x5x2 information assessment: A known directly to the source; B known indirectly to the source
 * but corroborated; C known indirectly, not corroborated; D not known; E suspected to be false.
 */
export type IntelligenceInformationGrade = 'A' | 'B' | 'C' | 'D' | 'E';

/** 3x5x2 handling code: P may be shared; C may be shared only under the stated conditions. */
export type IntelligenceHandlingCode = 'P' | 'C';

/** An agency a police officer can clear a C-coded item for. */
export type IntelligenceAgency = 'SOCIALCARE' | 'POLICE' | 'HEALTH' | 'EDUCATION';

/** One intelligence item about a person in the police person index, graded 3x5x2. */
export interface PoliceIntelligenceItem {
  id: string; // 'INT000001'
  personId: string;
  recordedAt: string;
  sourceGrade: IntelligenceSourceGrade;
  informationGrade: IntelligenceInformationGrade;
  handlingCode: IntelligenceHandlingCode;
  /** Set exactly when the handling code is C: the conditions any disclosure must meet. */
  handlingConditions: string | null;
  content: string;
}

/**
 * A police officer's record that the conditions of a C-coded item are met for disclosure to one
 * agency. The generator creates none: clearances are made while the system runs.
 */
export interface PoliceIntelligenceClearance {
  itemId: string;
  agency: IntelligenceAgency;
  recordedBy: string;
  recordedAt: string;
  note: string;
}

/** DASH risk assessment level on a domestic abuse notification. */
export type DashRisk = 'STANDARD' | 'MEDIUM' | 'HIGH';

/**
 * A domestic abuse notification: the DA-specific record police keep for a DOMESTIC_ABUSE
 * occurrence. Who was victim, perpetrator, witness or child present is in `occurrencePersons`.
 */
export interface PoliceDaNotification {
  id: string; // 'DA000001'
  /** The DOMESTIC_ABUSE occurrence it belongs to (one notification per such occurrence). */
  occurrenceId: string;
  /** When the DASH assessment was completed (at or after the occurrence). */
  assessedAt: string;
  dashRisk: DashRisk;
  /** Whether any child was present; true exactly when the occurrence has a CHILD_PRESENT person. */
  childrenPresent: boolean;
  /** Incidents between the same victim and perpetrator police knew of before this one. */
  previousIncidents: number;
}

/** A period a person was reported missing. */
export interface PoliceMissingEpisode {
  id: string; // 'MS000001'
  personId: string;
  /** The MISSING_PERSON occurrence that opened it, when there is one. */
  occurrenceId: string | null;
  startedAt: string;
  /** Null while still missing. */
  endedAt: string | null;
  /** A return-home interview offered after the person was found (children only). */
  returnInterviewOffered: boolean;
  returnInterviewDone: boolean;
}

export type OffenceCategory =
  'VIOLENCE' | 'DOMESTIC_ABUSE' | 'SEXUAL' | 'DRUGS' | 'WEAPONS' | 'THEFT' | 'PUBLIC_ORDER';

export type ArrestOutcome =
  'CHARGED' | 'CAUTIONED' | 'RELEASED_UNDER_INVESTIGATION' | 'NO_FURTHER_ACTION' | 'CONVICTED';

/** An arrest (and what came of it): mostly household adults, a few older children. */
export interface PoliceArrest {
  id: string; // 'AR000001'
  personId: string;
  arrestedAt: string;
  offenceCategory: OffenceCategory;
  /** e.g. 'Assault occasioning actual bodily harm'. */
  offence: string;
  outcome: ArrestOutcome;
}

/** A referral to a multi-agency risk assessment conference, for the highest-risk DA victims. */
export interface PoliceMaracReferral {
  id: string; // 'MR000001'
  /** The victim referred. */
  personId: string;
  /** The notification that led to it (normally a HIGH DASH risk). */
  daNotificationId: string | null;
  referredAt: string;
  /** Local date of the conference; null until heard. */
  conferenceDate: string | null;
}

export type CourtOrderKind =
  | 'NON_MOLESTATION_ORDER'
  | 'OCCUPATION_ORDER'
  | 'RESTRAINING_ORDER'
  | 'DOMESTIC_VIOLENCE_PROTECTION_ORDER'
  | 'CHILD_ARRANGEMENTS_PROHIBITED_STEPS';

/** A court order police hold: who it restrains and whom it protects. */
export interface PoliceCourtOrder {
  id: string; // 'CO000001'
  kind: CourtOrderKind;
  /** The person the order is against (the respondent). */
  respondentPersonId: string;
  /** The person it protects, when police hold them. */
  protectedPersonId: string | null;
  /** Local dates. */
  madeOn: string;
  /** Null when it runs until further order. */
  expiresOn: string | null;
}

export interface PoliceData {
  persons: PolicePerson[];
  occurrences: PoliceOccurrence[];
  occurrencePersons: PoliceOccurrencePerson[];
  /** In order of recordedAt. */
  intelligenceItems: PoliceIntelligenceItem[];
  /** Always empty from the generator. */
  intelligenceClearances: PoliceIntelligenceClearance[];
  daNotifications: PoliceDaNotification[];
  missingEpisodes: PoliceMissingEpisode[];
  arrests: PoliceArrest[];
  maracReferrals: PoliceMaracReferral[];
  courtOrders: PoliceCourtOrder[];
}

// ---------------------------------------------------------------- health

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

// ---------------------------------------------------------------- education

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

// ---------------------------------------------------------------- probation

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

// ---------------------------------------------------------------- ground truth

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
