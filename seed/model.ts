/**
 * The generator's internal model of the synthetic borough: the people, households, schools and
 * practices it invents, and the drafts of agency records it builds before numbering them. Shared
 * by the phases in `world/` (which build the population and the first records) and the
 * partner-record builders (`police-records.ts`, `health-records.ts`, `education-records.ts`),
 * which read the world built so far. Nothing here is output: `world/types/` is the contract.
 */
import { DAY_MS, isoDate, partsOf, weekday, type SchoolCalendar } from './calendar';
import type { Origin } from './names';
import type { Rng } from './random';
import type {
  CareSetting,
  ContactOutcome,
  Discrepancy,
  EducationSchool,
  IntelligenceHandlingCode,
  IntelligenceInformationGrade,
  IntelligenceSourceGrade,
  OccurrenceCategory,
  OccurrenceRole,
  Sex,
} from './world/types';

/** Every hard case appears at least this often, whatever the scale. */
export const MIN_HARD_CASES = 3;

/** The agencies that hold their own index of people besides social care. */
export type PartnerAgency = 'police' | 'health' | 'education';
/** Any agency whose record of a person can depart from the truth. */
export type Agency = 'socialcare' | PartnerAgency;
/** A school's phase. */
export type Phase = EducationSchool['phase'];

/** A street of the borough and the postcodes and house numbers it offers. */
export interface Street {
  name: string;
  outward: string;
  postcodes: string[];
  maxNumber: number;
  used: Set<number>;
}

/** A school of the borough. */
export interface School {
  urn: string;
  name: string;
  phase: Phase;
  /** DfE establishment number, the 4-digit school part of the UPNs it issues. */
  estab: string;
}

/** A GP practice of the borough. */
export interface GpPractice {
  code: string;
  name: string;
}

/** A period on one school's roll; day numbers, `end` null while on roll. */
export interface EnrolmentPlan {
  school: School;
  start: number;
  end: number | null;
}

/** What education holds of a child: identifiers and school history. */
export interface PupilPlan {
  upn: string | null;
  unknownReason: string | null;
  formerUpn: string | null;
  enrolments: EnrolmentPlan[];
}

/** How one partner agency records a person's demographics (discrepancies applied). */
export interface PartnerView {
  given: string;
  family: string;
  dob: number | null;
  postcode: string | null;
}

/** A household: an address, its adults and children. */
export interface Household {
  street: Street;
  addressLine: string;
  postcode: string;
  outward: string;
  adults: Person[];
  children: Person[];
  gp: GpPractice | null;
  contactWeight: number;
  /** Origin and family name of a parent who does not live here, created if ever needed. */
  absentOrigin: Origin;
  absentFamily: string;
  absentParent: Person | null;
  scId: string | null;
  firstContactMs: number;
}

/** One real (synthetic) person and what each agency holds of them. */
export interface Person {
  index: number;
  kind: 'CHILD' | 'ADULT';
  given: string;
  family: string;
  sex: Sex;
  dob: number | null;
  edd: number | null;
  household: Household | null;
  relationship: string | null;
  origin: Origin;
  ethnicity: string;
  twinGroup: string | null;
  uasc: boolean;
  postcode: string;
  formerPostcode: string | null;
  nhs: string | null;
  inHealth: boolean;
  gp: GpPractice | null;
  pupil: PupilPlan | null;
  firstContactMs: number;
  inPolice: boolean;
  policeRecord: boolean;
  scId: string | null;
  policeId: string | null;
  healthId: string | null;
  educationId: string | null;
  views: Partial<Record<PartnerAgency, PartnerView>>;
  disc: Partial<Record<Agency, Discrepancy[]>>;
  scNhs: string | null;
  healthNhs: string | null;
}

/** A contact to the MASH before it is numbered and screened. */
export interface ContactDraft {
  seq: number;
  receivedMs: number;
  source: string;
  concern: string;
  referrer: string;
  category: OccurrenceCategory | null;
  household: Household | null;
  children: Person[];
  team: string;
  reason: string | null;
}

/** A police occurrence before it is numbered. */
export interface OccurrenceDraft {
  seq: number;
  occurredMs: number;
  category: OccurrenceCategory;
  summary: string;
  persons: { person: Person; role: OccurrenceRole }[];
  /** The police contact to the MASH it lies behind, if any. */
  contact: ContactDraft | null;
}

/** An unscheduled care attendance before it is numbered. */
export interface AttendanceDraft {
  seq: number;
  person: Person;
  arrivedMs: number;
  setting: CareSetting;
  reason: string;
  site: string;
}

/** A police intelligence item before it is numbered. */
export interface IntelligenceDraft {
  seq: number;
  person: Person;
  recordedMs: number;
  sourceGrade: IntelligenceSourceGrade;
  informationGrade: IntelligenceInformationGrade;
  handlingCode: IntelligenceHandlingCode;
  handlingConditions: string | null;
  content: string;
}

/** One social care decision on one child of a contact. */
export interface Decision {
  contact: ContactDraft;
  decidedMs: number;
  level: number;
  outcome: ContactOutcome;
}

/**
 * The world as the partner-record builders see it: everything built so far, with every agency's
 * ids assigned. Each builder draws only from its own named streams (`rng`), so adding or changing
 * one never shifts the numbers the rest of the world was built from.
 */
export interface BuiltWorld {
  readonly scale: number;
  readonly asOfMs: number;
  readonly asOfDay: number;
  readonly windowStartDay: number;
  readonly windowStartMs: number;
  /** The academic year whose autumn term has begun by asOf (its starting calendar year). */
  readonly schoolAy: number;
  readonly calendar: SchoolCalendar;
  readonly persons: readonly Person[];
  readonly households: readonly Household[];
  /** In order of receipt. */
  readonly contacts: readonly ContactDraft[];
  /** The contacts from one DfE source code, in order of receipt. */
  contactsFrom(source: string): readonly ContactDraft[];
  /** In order of occurrence; the n-th is police's 'OC' id n. */
  readonly occurrences: readonly OccurrenceDraft[];
  /** In order of arrival. */
  readonly attendances: readonly AttendanceDraft[];
  /** The attendances whose presenting reason is sensitive, in order of arrival. */
  readonly sensitiveAttendances: readonly AttendanceDraft[];
  readonly practices: readonly GpPractice[];
  /** Social care's decisions on each child it holds, in order of decision. */
  readonly decisions: ReadonlyMap<Person, readonly Decision[]>;
  /**
   * Households with a concern social care judged level 3 or 4, or domestic abuse police know of:
   * where partner records (CAMHS, free meals, safeguarding visits, flags) are likelier.
   */
  readonly concerned: ReadonlySet<Household>;
  /** A seeded stream of its own for each name. */
  rng(stream: string): Rng;
  /** A count that scales linearly, never below a floor. */
  scaled(perScale: number, floor: number): number;
  /**
   * Whether social care holds the child and `agency` finds it by exact demographics (no record
   * discrepancy anywhere, a date of birth on the agency's record): minimums pick such children so
   * tests can reach their records through a match.
   */
  matchableChild(p: Person, agency: PartnerAgency): boolean;
  /**
   * The same for a household adult: social care holds the adult with a date of birth, `agency`
   * holds them with no discrepancy in any record.
   */
  matchableAdult(p: Person, agency: PartnerAgency): boolean;
  /**
   * Every child `matchableChild` accepts for the agency, in person order; listed once, on first
   * use (police add person-index records for adults only, so no later record changes the list).
   */
  matchableChildren(agency: PartnerAgency): readonly Person[];
  /**
   * Every adult `matchableAdult` accepts for the agency, in person order; listed once, on first
   * use, so ask only after police have added their person-index records.
   */
  matchableAdults(agency: PartnerAgency): readonly Person[];
}

/** Zero-padded decimal. */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * ISO 8601 UTC of an instant in milliseconds, exactly as `Date.prototype.toISOString` writes it
 * for years 0-9999, built from the remembered date text: the generator writes hundreds of
 * thousands of instants, and a Date per instant was a tenth of its time.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${dateText(day)}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`;
}

// Calendar parts and date texts of day numbers, computed once each: the generator asks for the
// same few tens of thousands of days millions of times, and a Date per call is what costs.
const PARTS = new Map<number, { year: number; month: number; day: number }>();
const DATE_TEXTS = new Map<number, string>();

/** `partsOf` a day number, remembered. */
export function cachedParts(dayNumber: number): { year: number; month: number; day: number } {
  let parts = PARTS.get(dayNumber);
  if (parts === undefined) PARTS.set(dayNumber, (parts = partsOf(dayNumber)));
  return parts;
}

/** 'YYYY-MM-DD' of a day number, as `isoDate` gives it, remembered. */
export function dateText(dayNumber: number): string {
  let text = DATE_TEXTS.get(dayNumber);
  if (text === undefined) DATE_TEXTS.set(dayNumber, (text = isoDate(dayNumber)));
  return text;
}

/** Whole years from a date of birth to a day (exact, birthday-aware). */
export function ageOn(dob: number, day: number): number {
  const a = cachedParts(dob);
  const b = cachedParts(day);
  let age = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) age--;
  return age;
}

/** Approximate whole years, good enough for choosing which child a concern is about. */
export function roughAge(dob: number, day: number): number {
  return Math.floor((day - dob) / 365.25);
}

/** The day itself when it is Monday to Friday, else the Monday after. */
export function weekdayOnOrAfter(day: number): number {
  const dow = weekday(day);
  return dow === 6 ? day + 2 : dow === 0 ? day + 1 : day;
}

/** A school day in [from, to] (clipped to the calendar) drawn at random; null when none is found. */
export function randomSchoolDay(
  calendar: SchoolCalendar,
  rng: Rng,
  from: number,
  to: number,
): number | null {
  const a = Math.max(from, calendar.firstDay);
  const b = Math.min(to, calendar.lastDay);
  if (b < a) return null;
  for (let tries = 0; tries < 12; tries++) {
    const day = rng.int(a, b);
    if (calendar.kind(day) === 'SCHOOL') return day;
  }
  return null;
}

/** Numbers rows in order with a prefix and a zero-padded counter: 'DA000001', 'DA000002', ... */
export function numbered<T extends { id: string }>(rows: T[], prefix: string, width: number): T[] {
  rows.forEach((row, i) => (row.id = `${prefix}${pad(i + 1, width)}`));
  return rows;
}
