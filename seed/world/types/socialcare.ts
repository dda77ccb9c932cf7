import type { ContactOutcome, Rag, Sex } from './common';

/** What socialcare holds in a generated borough: its households, children, adults and contacts, and what followed them. */

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
  /** A partner's code in the registry (shared/agencies.json). */
  agency: string;
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
