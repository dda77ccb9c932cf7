import type { Sex } from './common';

/** What police hold in a generated borough: the person index, occurrences, intelligence and orders. */

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

/** An agency a police officer can clear a C-coded item for: its code in the registry. */
export type IntelligenceAgency = string;

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
