/**
 * Deterministic synthetic-data generator for one London borough's MASH: households, children and
 * adults; who each agency holds and how (with the typos, short forms, moved postcodes and missing
 * or former identifiers that real matching has to face); two years or more of contacts, decisions
 * and referrals; police occurrences and 3x5x2-graded intelligence; unscheduled care, some of it
 * sensitive; school rolls and attendance; each partner's own records (police DA notifications,
 * missing episodes, arrests, MARAC, court orders: `police-records.ts`; health GP registrations,
 * community contacts, CAMHS, maternity, flags, parental concerns: `health-records.ts`; education
 * exclusions, SEN, home education, missing education, free meals: `education-records.ts`); and the
 * ground truth linking every agency record to one person.
 *
 * Same seed, scale and asOf give byte-identical output. Randomness comes from seeded streams
 * (./random.ts) and a seeded Faker (en_GB, en) for professionals' surnames and extra street names;
 * nothing reads the clock.
 */
import { Faker, en, en_GB } from '@faker-js/faker';
import {
  nhsCheckDigit,
  pncCheckLetter,
  upnCheckLetter,
  CHECK_ALPHABET,
} from '../shared/identifiers';
import { addAssessments } from './assessments';
import {
  HOUR_MS,
  MINUTE_MS,
  SchoolCalendar,
  academicYearOf,
  academicYearTerms,
  dayOf,
  londonDay,
  londonMinute,
  londonToUtc,
  weekday,
  type DayKind,
} from './calendar';
import { buildEducationRecords } from './education-records';
import {
  UNFILLED_CONTACT,
  UNFILLED_CONTACT_CHILD,
  UNFILLED_REFERRAL,
  addFrontDoor,
  type FrontDoorInstants,
} from './frontdoor';
import { buildHealthRecords } from './health-records';
import {
  CARE_SITES,
  DISTRICT_TEAMS,
  DISTRICT_WEIGHTS,
  ED_WEIGHTS,
  GP_PRACTICES,
  HEALTH_CENTRES,
  HOME_LA_NUMBER,
  INWARD_LETTERS,
  ORIGINS,
  OTHER_LAS,
  OUTSIDE_OUTWARDS,
  POSTCODE_SECTORS,
  SCHOOLS,
  SHORT_FORMS,
  STREETS,
  TEAMS,
  UASC_ORIGINS,
  type Origin,
} from './names';
import {
  MIN_HARD_CASES,
  ageOn,
  cachedParts,
  dateText,
  iso,
  pad,
  roughAge,
  type Agency,
  type AttendanceDraft,
  type BuiltWorld,
  type ContactDraft,
  type Decision,
  type EnrolmentPlan,
  type GpPractice,
  type Household,
  type OccurrenceDraft,
  type PartnerAgency,
  type PartnerView,
  type Person,
  type Phase,
  type PupilPlan,
  type School,
  type Street,
} from './model';
import { buildPoliceRecords } from './police-records';
import { Rng, WeightedTable } from './random';
import { ALTERNATIVE_REASONS, PRESENTING_REASONS, SENSITIVE_REASONS } from './texts/health';
import {
  DASH_LEVELS,
  HANDLING_CONDITIONS,
  INTELLIGENCE_CONTENT,
  OCCURRENCE_SUMMARIES,
  type IntelligenceSubject,
  type IntelligenceTheme,
} from './texts/police';
import {
  CONCERNS,
  PRE_BIRTH_CONCERNS,
  UASC_CONCERNS,
  type ConcernTemplate,
} from './texts/socialcare';
import type {
  CareSetting,
  ContactOutcome,
  Discrepancy,
  EducationAttendance,
  EducationData,
  EducationEnrolment,
  EducationFormerUpn,
  EducationPupil,
  EducationSchool,
  GenerateOptions,
  HealthAttendance,
  HealthPatient,
  IntelligenceHandlingCode,
  IntelligenceInformationGrade,
  IntelligenceSourceGrade,
  OccurrenceCategory,
  OccurrenceRole,
  PoliceIntelligenceItem,
  PoliceOccurrence,
  PoliceOccurrencePerson,
  PolicePerson,
  Rag,
  ScAdult,
  ScChild,
  ScContact,
  ScContactChild,
  ScHousehold,
  ScReferral,
  SensitiveCategory,
  Sex,
  TruthPerson,
  World,
} from './world/types';

// ---------------------------------------------------------------- volumes and mixes

/** Children known to at least one agency, per unit of scale. */
const CHILDREN_PER_SCALE = 25_000;
/** Contacts a month, per unit of scale. */
const CONTACTS_PER_MONTH = 2_000;
/** Adults with no child in the borough's households, per unit of scale (health and police). */
const UNRELATED_ADULTS_PER_SCALE = 9_000;
/** Unborn children with a pre-birth contact, per unit of scale. */
const UNBORN_PER_SCALE = 160;
/** Unaccompanied asylum-seeking children, per unit of scale. */
const UASC_PER_SCALE = 40;
/** Police occurrences a year not arising from a MASH contact, per unit of scale. */
const OTHER_OCCURRENCES_PER_YEAR = 1_500;
/** Share of police contacts behind which the generator creates an occurrence. */
const POLICE_CONTACT_OCCURRENCE_SHARE = 0.5;
/** Step of the low-discrepancy sequence used to spread contact sources. */
const GOLDEN_RATIO_STEP = 0.6180339887498949;

/**
 * Share of police persons linked to a domestic-abuse, welfare or drugs occurrence on whom police
 * hold intelligence, and how many items each has (1, 2 or 3, by weight).
 */
const INTELLIGENCE_SHARE = 0.08;
const INTELLIGENCE_ITEM_COUNT_WEIGHTS = [62, 27, 11];
/** 3x5x2 grades as intelligence units tend to give them: mostly untested sources, C information. */
const SOURCE_GRADE_WEIGHTS: Record<'1' | '2' | '3', number> = { '1': 25, '2': 60, '3': 15 };
const INFORMATION_GRADE_WEIGHTS: Record<IntelligenceInformationGrade, number> = {
  A: 12,
  B: 33,
  C: 40,
  D: 12,
  E: 3,
};
/** Share of intelligence items that may be shared only with conditions (handling code C). */
const HANDLING_C_SHARE = 0.3;
const INTELLIGENCE_THEMES: readonly OccurrenceCategory[] = [
  'DOMESTIC_ABUSE',
  'CONCERN_FOR_WELFARE',
  'DRUGS',
];
/** Chance that a 13-17-year-old's unscheduled care attendance is about sexual health. */
const SEXUAL_HEALTH_SHARE: Record<CareSetting, number> = {
  WALK_IN: 0.2,
  OUT_OF_HOURS: 0.12,
  EMERGENCY_DEPARTMENT: 0.03,
  MATERNITY: 0,
};
/** Share of attendances whose reason has an alternative (ALTERNATIVE_REASONS) that read it. */
const ALTERNATIVE_REASON_SHARE = 0.35;

const SCHOOL_COUNTS = { PRIMARY: 46, SECONDARY: 12, SPECIAL: 1, ALTERNATIVE_PROVISION: 1 } as const;
const GP_PRACTICES_PER_SCALE = 36;

/** Contact volume by kind of day; school holidays dip, weekends far lower. */
const DAY_KIND_VOLUME: Record<DayKind, number> = { SCHOOL: 1, HOLIDAY: 0.82, WEEKEND: 0.42 };
/** Seasonal factor by month (1-12): fewer contacts in August and at Christmas. */
const MONTH_FACTOR = [0, 1.05, 1.05, 1.07, 0.96, 1.0, 1.05, 1.0, 0.86, 1.0, 1.05, 1.08, 0.9];

/** Source mix on a school day; holidays and weekends scale some sources down (or police up). */
const SOURCE_WEIGHTS: Record<string, number> = {
  '6': 22.5,
  '3A': 3,
  '3B': 3,
  '3C': 2.5,
  '3D': 2,
  '3E': 6.5,
  '3F': 3,
  '2A': 20,
  '2B': 2,
  '1A': 4.5,
  '1B': 1.5,
  '1C': 1,
  '1D': 1.5,
  '4': 2,
  '5A': 2.5,
  '5B': 2,
  '5C': 3.5,
  '5D': 4,
  '7': 3,
  '8': 3,
  '9': 1.5,
  '10': 1,
};
const HOLIDAY_SOURCE_FACTOR: Record<string, number> = { '2A': 0.06, '2B': 0.4, '3C': 0.2 };
const WEEKEND_SOURCE_FACTOR: Record<string, number> = {
  '6': 2.4,
  '3E': 1.6,
  '1A': 1.3,
  '1B': 1.3,
  '1C': 1.3,
  '1D': 1.3,
  '9': 1.1,
  '2A': 0.02,
  '2B': 0.05,
  '3A': 0.08,
  '3B': 0.08,
  '3C': 0.02,
  '3D': 0.15,
  '3F': 0.6,
  '4': 0.1,
  '5A': 0.3,
  '5B': 0.1,
  '5C': 0.1,
  '5D': 0.08,
  '7': 0.2,
  '8': 0.3,
};
/** Share of contacts received out of hours, by source. */
const OUT_OF_HOURS_SHARE: Record<string, number> = {
  '6': 0.35,
  '3E': 0.3,
  '1C': 0.2,
  '1D': 0.15,
  '9': 0.15,
};

const RAG_WEIGHTS: Record<Rag, number> = { RED: 10, AMBER: 30, GREEN: 45, BLUE: 15 };
const LEVEL_BY_RAG: Record<Rag, Record<'1' | '2' | '3' | '4', number>> = {
  RED: { '4': 60, '3': 35, '2': 5, '1': 0 },
  AMBER: { '4': 5, '3': 45, '2': 45, '1': 5 },
  GREEN: { '4': 0, '3': 5, '2': 55, '1': 40 },
  BLUE: { '4': 0, '3': 0, '2': 10, '1': 90 },
};
const OUTCOME_BY_LEVEL: Record<number, Partial<Record<ContactOutcome, number>>> = {
  4: { STRATEGY_DISCUSSION: 70, ASSESSMENT_REQUIRED: 30 },
  3: { ASSESSMENT_REQUIRED: 75, STEP_DOWN_TO_EARLY_HELP: 20, OTHER: 5 },
  2: { STEP_DOWN_TO_EARLY_HELP: 55, ADVICE_AND_SIGNPOST: 35, NO_FURTHER_ACTION: 10 },
  1: { NO_FURTHER_ACTION: 55, ADVICE_AND_SIGNPOST: 40, OTHER: 5 },
};
/** Hours from receipt to decision for the ~90% decided on time, by RAG. */
const DECISION_HOURS: Record<Rag, [number, number]> = {
  RED: [1, 8],
  AMBER: [2, 18],
  GREEN: [3, 23.5],
  BLUE: [0.5, 12],
};

/** Per partner agency: chance of each record discrepancy among records eligible for it. */
const PARTNER_RATES: Record<PartnerAgency, Record<string, number>> = {
  police: {
    ACCENT_DROPPED: 0.7,
    HYPHENATED_NAME: 0.4,
    SHORT_FORM_NAME: 0.35,
    NAME_TYPO: 0.04,
    DOB_DAY_MONTH_SWAPPED: 0.04,
    DOB_TYPO: 0.02,
    MOVED_POSTCODE: 0.05,
  },
  health: {
    ACCENT_DROPPED: 0.4,
    HYPHENATED_NAME: 0.2,
    SHORT_FORM_NAME: 0.1,
    NAME_TYPO: 0.015,
    DOB_DAY_MONTH_SWAPPED: 0.012,
    DOB_TYPO: 0.008,
    MOVED_POSTCODE: 0.04,
  },
  education: {
    ACCENT_DROPPED: 0.3,
    HYPHENATED_NAME: 0.15,
    SHORT_FORM_NAME: 0.05,
    NAME_TYPO: 0.01,
    DOB_DAY_MONTH_SWAPPED: 0.01,
    DOB_TYPO: 0.006,
    MOVED_POSTCODE: 0.06,
  },
};
const NAME_DISCREPANCIES = [
  'ACCENT_DROPPED',
  'HYPHENATED_NAME',
  'SHORT_FORM_NAME',
  'NAME_TYPO',
] as const;
const DOB_DISCREPANCIES = ['DOB_DAY_MONTH_SWAPPED', 'DOB_TYPO'] as const;
const NAME_DISCREPANCY_SET: ReadonlySet<Discrepancy> = new Set(NAME_DISCREPANCIES);
const DOB_DISCREPANCY_SET: ReadonlySet<Discrepancy> = new Set(DOB_DISCREPANCIES);

// ---------------------------------------------------------------- internal model

interface IntelligenceDraft {
  seq: number;
  person: Person;
  recordedMs: number;
  sourceGrade: IntelligenceSourceGrade;
  informationGrade: IntelligenceInformationGrade;
  handlingCode: IntelligenceHandlingCode;
  handlingConditions: string | null;
  content: string;
}

/** What first brought a person to police notice under each intelligence theme. */
interface ThemeLink {
  firstMs: number;
  roles: Map<IntelligenceTheme, OccurrenceRole>;
}

// ---------------------------------------------------------------- small helpers

/** The two letters that end a postcode's inward code. */
function inwardLetters(rng: Rng): string {
  return rng.pick(INWARD_LETTER_LIST) + rng.pick(INWARD_LETTER_LIST);
}

const INWARD_LETTER_LIST = [...INWARD_LETTERS];

/** The sensitive category a presenting reason implies, if any. */
function sensitiveCategoryOf(reason: string): SensitiveCategory | null {
  return Object.hasOwn(SENSITIVE_REASONS, reason) ? SENSITIVE_REASONS[reason] : null;
}

function isIntelligenceTheme(category: OccurrenceCategory): category is IntelligenceTheme {
  return INTELLIGENCE_THEMES.includes(category);
}

/** Removes diacritics, including the letters NFD does not decompose (ł, ı, ø, ß, đ). */
function stripAccents(value: string): string {
  let stripped = STRIPPED.get(value);
  if (stripped === undefined) {
    stripped = value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ł/g, 'l')
      .replace(/Ł/g, 'L')
      .replace(/ı/g, 'i')
      .replace(/ø/g, 'o')
      .replace(/Ø/g, 'O')
      .replace(/ß/g, 'ss')
      .replace(/đ/g, 'd');
    STRIPPED.set(value, stripped);
  }
  return stripped;
}

// Names repeat across tens of thousands of people: fold each one once.
const STRIPPED = new Map<string, string>();

function hasAccent(value: string): boolean {
  return stripAccents(value) !== value;
}

const QWERTY_NEIGHBOURS: Record<string, string> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/** One keying slip in a name: a letter replaced by a neighbouring key, dropped, or doubled. */
function typo(rng: Rng, name: string): string {
  const positions: number[] = [];
  for (let i = 1; i < name.length; i++) if (/[a-z]/.test(name[i])) positions.push(i);
  if (positions.length < 2) return name;
  const i = rng.pick(positions);
  const kind = rng.int(0, 2);
  if (kind === 0) {
    return name.slice(0, i) + rng.pick([...QWERTY_NEIGHBOURS[name[i]]]) + name.slice(i + 1);
  }
  if (kind === 1) return name.slice(0, i) + name.slice(i + 1);
  return name.slice(0, i) + name[i] + name.slice(i);
}

/** Whether no agency's record of the person departs from the truth. */
function withoutDiscrepancy(p: Person): boolean {
  for (const agency in p.disc) {
    if (p.disc[agency as Agency]?.length) return false;
  }
  return true;
}

// ---------------------------------------------------------------- the generator

class WorldBuilder {
  private readonly seed: number;
  private readonly scale: number;
  private readonly asOfMs: number;
  private readonly asOfDay: number;
  private readonly months: number;
  private readonly windowStartDay: number;
  private readonly windowStartMs: number;
  /** The academic year whose autumn term has begun by asOf (its starting calendar year). */
  private readonly schoolAy: number;
  private readonly calendar: SchoolCalendar;
  private readonly faker: Faker;

  private readonly persons: Person[] = [];
  private readonly households: Household[] = [];
  private streets: Street[] = [];
  private streetTable!: WeightedTable<Street>;
  private schools: School[] = [];
  private schoolTables = new Map<Phase, WeightedTable<School>>();
  private practices: GpPractice[] = [];
  private practiceTable!: WeightedTable<GpPractice>;
  private readonly edTable = new WeightedTable(
    [...CARE_SITES.EMERGENCY_DEPARTMENT],
    [...ED_WEIGHTS],
  );
  private unrelated: Person[] = [];
  private readonly usedPostcodes = new Set<string>();
  private readonly usedNhs = new Set<string>();
  private readonly usedUpns = new Set<string>();
  private readonly usedPnc = new Set<string>();
  private readonly upnSerials = new Map<string, number>();
  private twinGroups = 0;
  private contacts: ContactDraft[] = [];
  private occurrences: OccurrenceDraft[] = [];
  private attendances: AttendanceDraft[] = [];
  private intelligence: IntelligenceDraft[] = [];

  constructor(options: GenerateOptions) {
    const months = options.months ?? 24;
    if (!Number.isFinite(options.seed)) throw new RangeError('seed must be a finite number');
    if (!(options.scale > 0) || !Number.isFinite(options.scale)) {
      throw new RangeError('scale must be a positive number');
    }
    if (!Number.isInteger(months) || months < 24) {
      throw new RangeError('months must be an integer of at least 24');
    }
    if (!(options.asOf instanceof Date) || Number.isNaN(options.asOf.getTime())) {
      throw new RangeError('asOf must be a valid Date');
    }
    this.seed = options.seed;
    this.scale = options.scale;
    this.months = months;
    this.asOfMs = options.asOf.getTime();
    this.asOfDay = londonDay(this.asOfMs);
    const today = cachedParts(this.asOfDay);
    this.windowStartDay = dayOf(today.year, today.month - months, today.day);
    this.windowStartMs = londonToUtc(this.windowStartDay, 0);
    // Before the autumn term starts, last year's classes and terms still stand.
    const ay = academicYearOf(this.asOfDay);
    this.schoolAy = academicYearTerms(ay)[0].start <= this.asOfDay ? ay : ay - 1;
    const calendarStart = Math.min(
      this.windowStartDay,
      academicYearTerms(this.schoolAy - 1)[0].start,
    );
    this.calendar = new SchoolCalendar(calendarStart - 7, this.asOfDay + 400);
    this.faker = new Faker({ locale: [en_GB, en] });
    this.faker.seed(Math.floor(Math.abs(this.seed)) % 2147483647);
  }

  private rng(stream: string): Rng {
    return new Rng(this.seed, stream);
  }

  /** A count that scales linearly, never below a floor. */
  private scaled(perScale: number, floor: number): number {
    return Math.max(floor, Math.round(perScale * this.scale));
  }

  build(): World {
    this.buildPlaces();
    this.buildPopulation();
    this.planEducation();
    this.planHealth();
    this.buildContacts();
    this.buildPoliceOccurrences();
    this.buildAttendances();
    this.decideRecordDiscrepancies();
    this.ensureSensitiveAttendances();
    this.buildIntelligence();
    return this.assemble();
  }

  // ------------------------------------------------------------ places

  private buildPlaces(): void {
    const rng = this.rng('places');
    const targetHouseholds = (CHILDREN_PER_SCALE * this.scale) / 2;
    const wanted = Math.max(30, Math.ceil(targetHouseholds / 90));
    const seeds = rng.shuffle([...STREETS]);
    const chosen = seeds.slice(0, Math.min(wanted, seeds.length));
    const names = new Set(chosen.map((s) => s.name));
    const districts = Object.keys(DISTRICT_WEIGHTS);
    const districtWeights = districts.map((d) => DISTRICT_WEIGHTS[d]);
    // Beyond the hand-written streets (large scales), Faker's en_GB street names fill in.
    for (let guard = 0; chosen.length < wanted && guard < wanted * 20; guard++) {
      const name = this.faker.location.street();
      if (names.has(name)) continue;
      names.add(name);
      chosen.push({ name, outward: districts[rng.weightedIndex(districtWeights)] });
    }
    this.streets = chosen.map((seed) => {
      const sector = rng.pick(POSTCODE_SECTORS[seed.outward]);
      const postcodes: string[] = [];
      const units = rng.int(2, 4);
      while (postcodes.length < units) {
        const pc = `${seed.outward} ${sector}${inwardLetters(rng)}`;
        if (this.usedPostcodes.has(pc)) continue;
        this.usedPostcodes.add(pc);
        postcodes.push(pc);
      }
      return {
        name: seed.name,
        outward: seed.outward,
        postcodes,
        maxNumber: rng.int(60, 240),
        used: new Set(),
      };
    });
    const perDistrict = new Map<string, number>();
    for (const s of this.streets) perDistrict.set(s.outward, (perDistrict.get(s.outward) ?? 0) + 1);
    this.streetTable = new WeightedTable(
      this.streets,
      this.streets.map(
        (s) => (DISTRICT_WEIGHTS[s.outward] ?? 0.1) / (perDistrict.get(s.outward) ?? 1),
      ),
    );

    const usedUrns = new Set<string>();
    const usedEstab = new Set<string>();
    const estabRanges: Record<Phase, [number, number]> = {
      PRIMARY: [2000, 3699],
      SECONDARY: [4000, 4699],
      SPECIAL: [7000, 7099],
      ALTERNATIVE_PROVISION: [1100, 1199],
    };
    for (const phase of ['PRIMARY', 'SECONDARY', 'SPECIAL', 'ALTERNATIVE_PROVISION'] as const) {
      const count = this.scaled(SCHOOL_COUNTS[phase], 1 + (phase === 'PRIMARY' ? 1 : 0));
      const pool = rng.shuffle(SCHOOLS.filter((s) => s.phase === phase).map((s) => s.name));
      const suffix =
        phase === 'PRIMARY' ? 'Primary School' : phase === 'SECONDARY' ? 'Academy' : 'School';
      for (let i = 0; pool.length < count; i++) {
        const stem = this.streets[i % this.streets.length].name.replace(
          / (Road|Lane|Avenue|Gardens|Grove|Street|Close|Park)$/,
          '',
        );
        const name = `${stem} ${suffix}`;
        if (!pool.includes(name)) pool.push(name);
        if (i > count * 50) pool.push(`${name} ${i}`);
      }
      for (let i = 0; i < count; i++) {
        let urn: string;
        do urn = String(rng.int(100000, 149999));
        while (usedUrns.has(urn));
        usedUrns.add(urn);
        let estab: string;
        do estab = String(rng.int(estabRanges[phase][0], estabRanges[phase][1]));
        while (usedEstab.has(estab));
        usedEstab.add(estab);
        this.schools.push({ urn, name: pool[i], phase, estab });
      }
      const ofPhase = this.schools.filter((s) => s.phase === phase);
      this.schoolTables.set(
        phase,
        new WeightedTable(
          ofPhase,
          ofPhase.map(() => rng.float(0.6, 1.4)),
        ),
      );
    }

    const practiceCount = this.scaled(GP_PRACTICES_PER_SCALE, 3);
    const practiceNames = rng.shuffle([...GP_PRACTICES]);
    for (let i = 0; practiceNames.length < practiceCount; i++) {
      const name = `${this.streets[i % this.streets.length].name} Surgery`;
      practiceNames.push(practiceNames.includes(name) ? `${name} ${i}` : name);
    }
    const usedCodes = new Set<string>();
    for (let i = 0; i < practiceCount; i++) {
      let code: string;
      do code = `${rng.pick(['F85', 'F85', 'F85', 'F84', 'F83'])}${pad(rng.int(1, 999), 3)}`;
      while (usedCodes.has(code));
      usedCodes.add(code);
      this.practices.push({ code, name: practiceNames[i] });
    }
    this.practiceTable = new WeightedTable(
      this.practices,
      this.practices.map(() => rng.float(0.4, 1.6)),
    );
  }

  private newAddress(rng: Rng): { street: Street; addressLine: string; postcode: string } {
    for (;;) {
      const street = this.streetTable.draw(rng);
      for (let tries = 0; tries < 12; tries++) {
        const n = rng.int(1, street.maxNumber);
        if (street.used.has(n)) continue;
        street.used.add(n);
        return { street, addressLine: `${n} ${street.name}`, postcode: rng.pick(street.postcodes) };
      }
      street.maxNumber += 20;
    }
  }

  /** A postcode somewhere else: another street of the borough, or just outside it. */
  private otherPostcode(rng: Rng, current: string): string {
    if (rng.chance(0.35)) {
      const outward = rng.pick(OUTSIDE_OUTWARDS);
      return `${outward} ${rng.int(1, 9)}${inwardLetters(rng)}`;
    }
    for (;;) {
      const pc = rng.pick(this.streetTable.draw(rng).postcodes);
      if (pc !== current) return pc;
    }
  }

  // ------------------------------------------------------------ people

  private newPerson(init: {
    kind: 'CHILD' | 'ADULT';
    given: string;
    family: string;
    sex: Sex;
    dob: number | null;
    origin: Origin;
    ethnicity: string;
    household: Household | null;
    relationship: string | null;
    postcode: string;
  }): Person {
    const person: Person = {
      index: this.persons.length,
      edd: null,
      twinGroup: null,
      uasc: false,
      formerPostcode: null,
      nhs: null,
      inHealth: false,
      gp: null,
      pupil: null,
      firstContactMs: Infinity,
      inPolice: false,
      policeRecord: false,
      scId: null,
      policeId: null,
      healthId: null,
      educationId: null,
      views: {},
      disc: {},
      scNhs: null,
      healthNhs: null,
      ...init,
    };
    this.persons.push(person);
    return person;
  }

  private givenName(rng: Rng, origin: Origin, sex: Sex, avoid: readonly string[]): string {
    const pool = sex === 'FEMALE' ? origin.female : origin.male;
    for (let i = 0; i < 20; i++) {
      const name = rng.pick(pool);
      if (!avoid.includes(name)) return name;
    }
    const fallback = rng.pick(sex === 'FEMALE' ? ORIGINS[0].female : ORIGINS[0].male);
    return avoid.includes(fallback)
      ? `${fallback}-${rng.pick(['Rose', 'Mae', 'Jay', 'Lee'])}`
      : fallback;
  }

  private ethnicityOf(rng: Rng, origin: Origin): string {
    return rng.weighted(origin.ethnicity);
  }

  private childEthnicity(rng: Rng, mother: Origin, father: Origin): string {
    if (mother.key === father.key) return this.ethnicityOf(rng, mother);
    const groups = [mother.group, father.group];
    const white = groups.find((g) => g === 'WHITE_BRITISH' || g === 'WHITE_OTHER');
    const other = groups.find((g) => g !== 'WHITE_BRITISH' && g !== 'WHITE_OTHER');
    if (!other) return this.ethnicityOf(rng, mother);
    if (!white) return 'MOTH';
    if (other === 'BLACK_CARIBBEAN') return 'MWBC';
    if (other === 'BLACK_AFRICAN') return 'MWBA';
    if (other === 'ASIAN') return 'MWAS';
    return 'MOTH';
  }

  private buildPopulation(): void {
    const rng = this.rng('population');
    const originTable = new WeightedTable(
      ORIGINS,
      ORIGINS.map((o) => o.weight),
    );
    const english = ORIGINS[0];
    const targetChildren = this.scaled(CHILDREN_PER_SCALE, 60);
    const today = cachedParts(this.asOfDay);
    const oldestDob = dayOf(today.year - 18, today.month, today.day) + 1;
    const maxAgeDays = this.asOfDay - oldestDob;
    let childCount = 0;

    while (childCount < targetChildren) {
      const origin = originTable.draw(rng);
      const mixed = rng.chance(0.13);
      const otherOrigin = mixed
        ? origin.key === 'ENGLISH'
          ? originTable.draw(rng)
          : rng.chance(0.5)
            ? english
            : originTable.draw(rng)
        : origin;
      const composition = rng.weighted({
        BOTH_PARENTS: 44,
        MOTHER_ONLY: 30,
        MOTHER_STEPFATHER: 7,
        MOTHER_PARTNER: 7,
        FATHER_ONLY: 4,
        GRANDMOTHER: 3,
        AUNT: 2,
        MOTHER_GRANDMOTHER: 3,
      });
      let births = rng.weightedIndex([36, 34, 18, 8, 4]) + 1;
      const twins = rng.chance(0.035);
      if (twins && births > 4) births = 4;

      // Birth dates: half the households grow forward from the eldest, half back from the
      // youngest, which keeps ages roughly even across 0-17.
      const dobs: number[] = [];
      if (rng.chance(0.5)) {
        let d = this.asOfDay - rng.int(0, maxAgeDays);
        while (dobs.length < births && d <= this.asOfDay) {
          dobs.push(d);
          d += rng.int(420, 2200);
        }
      } else {
        let d = this.asOfDay - rng.int(0, maxAgeDays);
        while (dobs.length < births && d >= oldestDob) {
          dobs.unshift(d);
          d -= rng.int(420, 2200);
        }
      }
      const twinIndex = twins ? rng.int(0, dobs.length - 1) : -1;
      const eldest = dobs[0];

      const address = this.newAddress(rng);
      const household: Household = {
        ...address,
        outward: address.street.outward,
        adults: [],
        children: [],
        gp: rng.chance(0.97) ? this.practiceTable.draw(rng) : null,
        contactWeight: 0,
        absentOrigin: otherOrigin,
        absentFamily: rng.pick(otherOrigin.family),
        absentParent: null,
        scId: null,
        firstContactMs: Infinity,
      };
      this.households.push(household);

      const motherAgeAtFirst = Math.round(
        Math.min(44, Math.max(17, 29 + 6 * rng.normal())) * 365.25,
      );
      const motherDob = eldest - motherAgeAtFirst - rng.int(0, 364);
      const adult = (
        sex: Sex,
        relationship: string,
        adultOrigin: Origin,
        family: string,
        dob: number,
      ): Person => {
        const person = this.newPerson({
          kind: 'ADULT',
          given: this.givenName(
            rng,
            adultOrigin,
            sex,
            household.adults.map((a) => a.given),
          ),
          family,
          sex,
          dob,
          origin: adultOrigin,
          ethnicity: this.ethnicityOf(rng, adultOrigin),
          household,
          relationship,
          postcode: household.postcode,
        });
        household.adults.push(person);
        return person;
      };
      const fatherFamily = rng.pick(otherOrigin.family);
      const ownFamily = (o: Origin): string =>
        o.femaleFamily && rng.chance(0.6) ? rng.pick(o.femaleFamily) : rng.pick(o.family);
      const partnerDob = (): number => motherDob + Math.round((-2.5 + 4 * rng.normal()) * 365.25);

      let childFamily: string;
      let fatherOrigin = otherOrigin;
      switch (composition) {
        case 'BOTH_PARENTS': {
          const motherFamily = rng.chance(0.55) ? fatherFamily : ownFamily(origin);
          adult('FEMALE', 'MOTHER', origin, motherFamily, motherDob);
          adult('MALE', 'FATHER', otherOrigin, fatherFamily, partnerDob());
          childFamily = fatherFamily;
          household.absentOrigin = origin;
          household.absentFamily = rng.pick(origin.family);
          break;
        }
        case 'FATHER_ONLY': {
          adult('MALE', 'FATHER', otherOrigin, fatherFamily, partnerDob());
          childFamily = fatherFamily;
          household.absentOrigin = origin;
          household.absentFamily = ownFamily(origin);
          break;
        }
        case 'GRANDMOTHER':
        case 'AUNT': {
          const relative = composition === 'GRANDMOTHER' ? 'GRANDMOTHER' : 'AUNT';
          const years = relative === 'GRANDMOTHER' ? rng.int(38, 62) : rng.int(22, 45);
          childFamily = fatherFamily;
          const carerFamily = rng.chance(0.5) ? childFamily : ownFamily(origin);
          adult('FEMALE', relative, origin, carerFamily, eldest - years * 365 - rng.int(0, 364));
          if (relative === 'GRANDMOTHER' && rng.chance(0.3)) {
            adult(
              'MALE',
              'GRANDFATHER',
              origin,
              carerFamily,
              eldest - (years + rng.int(0, 6)) * 365,
            );
          }
          break;
        }
        default: {
          const motherFamily = ownFamily(origin);
          adult('FEMALE', 'MOTHER', origin, motherFamily, motherDob);
          childFamily = rng.chance(0.5) ? motherFamily : fatherFamily;
          household.absentFamily = fatherFamily;
          if (composition === 'MOTHER_STEPFATHER' || composition === 'MOTHER_PARTNER') {
            const partnerOrigin = rng.chance(0.75) ? origin : originTable.draw(rng);
            adult(
              'MALE',
              composition === 'MOTHER_STEPFATHER' ? 'STEPFATHER' : 'MOTHERS_PARTNER',
              partnerOrigin,
              rng.pick(partnerOrigin.family),
              partnerDob(),
            );
          }
          if (composition === 'MOTHER_GRANDMOTHER') {
            adult(
              'FEMALE',
              'GRANDMOTHER',
              origin,
              ownFamily(origin),
              motherDob - rng.int(18, 30) * 365,
            );
          }
          fatherOrigin = otherOrigin;
        }
      }
      const mother = household.adults.find((a) => a.relationship === 'MOTHER');
      if (
        mother &&
        childFamily !== mother.family &&
        !childFamily.includes('-') &&
        !mother.family.includes('-') &&
        rng.chance(0.07)
      ) {
        childFamily = `${mother.family}-${childFamily}`;
      }

      const childOrigins = mixed ? [origin, fatherOrigin] : [origin];
      const motherOrigin = mother?.origin ?? origin;
      const siblingEthnicity = this.childEthnicity(rng, motherOrigin, fatherOrigin);
      const taken: string[] = household.adults.map((a) => a.given);
      const addChild = (dob: number, sex: Sex, group: string | null): Person => {
        const nameOrigin = rng.pick(childOrigins);
        const child = this.newPerson({
          kind: 'CHILD',
          given: this.givenName(rng, nameOrigin, sex, taken),
          family: childFamily,
          sex,
          dob,
          origin: nameOrigin,
          ethnicity: siblingEthnicity,
          household,
          relationship: null,
          postcode: household.postcode,
        });
        taken.push(child.given);
        child.twinGroup = group;
        household.children.push(child);
        childCount++;
        return child;
      };
      dobs.forEach((dob, i) => {
        const sex: Sex = rng.chance(0.51) ? 'MALE' : 'FEMALE';
        if (i === twinIndex) {
          const group = `TW${pad(++this.twinGroups, 5)}`;
          addChild(dob, sex, group);
          addChild(dob, rng.chance(0.6) ? sex : sex === 'MALE' ? 'FEMALE' : 'MALE', group);
        } else {
          addChild(dob, sex, null);
        }
      });
    }

    this.ensureTwins(rng);
    this.addUnborn(rng, originTable);
    this.addUasc(rng);
    this.addUnrelatedAdults(rng, originTable);
  }

  private ensureTwins(rng: Rng): void {
    // At small scales chance alone may leave too few twin pairs; give some households one more.
    const candidates = rng.shuffle(
      this.households.filter(
        (h) =>
          h.children.length > 0 && h.children.length < 5 && !h.children.some((c) => c.twinGroup),
      ),
    );
    while (this.twinGroups < MIN_HARD_CASES && candidates.length > 0) {
      const household = candidates.pop() as Household;
      const first = household.children[household.children.length - 1];
      const group = `TW${pad(++this.twinGroups, 5)}`;
      first.twinGroup = group;
      const twin = this.newPerson({
        kind: 'CHILD',
        given: this.givenName(
          rng,
          first.origin,
          first.sex,
          household.children.map((c) => c.given),
        ),
        family: first.family,
        sex: first.sex,
        dob: first.dob,
        origin: first.origin,
        ethnicity: first.ethnicity,
        household,
        relationship: null,
        postcode: household.postcode,
      });
      twin.twinGroup = group;
      household.children.push(twin);
    }
  }

  private addUnborn(rng: Rng, originTable: WeightedTable<Origin>): void {
    const target = this.scaled(UNBORN_PER_SCALE, MIN_HARD_CASES);
    const mothers = rng.shuffle(
      this.households.filter((h) => {
        const mother = h.adults.find((a) => a.relationship === 'MOTHER');
        if (!mother || mother.dob === null) return false;
        const age = ageOn(mother.dob, this.asOfDay);
        const youngest = Math.max(...h.children.map((c) => c.dob ?? 0));
        return age >= 17 && age <= 43 && this.asOfDay - youngest > 270 && h.children.length < 5;
      }),
    );
    for (let i = 0; i < target; i++) {
      let household: Household;
      if (i < target * 0.7 && mothers.length > 0) {
        household = mothers.pop() as Household;
      } else {
        const origin = originTable.draw(rng);
        const address = this.newAddress(rng);
        household = {
          ...address,
          outward: address.street.outward,
          adults: [],
          children: [],
          gp: this.practiceTable.draw(rng),
          contactWeight: 0,
          absentOrigin: origin,
          absentFamily: rng.pick(origin.family),
          absentParent: null,
          scId: null,
          firstContactMs: Infinity,
        };
        this.households.push(household);
        const motherDob = this.asOfDay - rng.int(16 * 365 + 100, 36 * 365);
        const mother = this.newPerson({
          kind: 'ADULT',
          given: this.givenName(rng, origin, 'FEMALE', []),
          family: rng.pick(origin.family),
          sex: 'FEMALE',
          dob: motherDob,
          origin,
          ethnicity: this.ethnicityOf(rng, origin),
          household,
          relationship: 'MOTHER',
          postcode: household.postcode,
        });
        household.adults.push(mother);
        if (rng.chance(0.45)) {
          const partner = this.newPerson({
            kind: 'ADULT',
            given: this.givenName(rng, origin, 'MALE', []),
            family: household.absentFamily,
            sex: 'MALE',
            dob: motherDob - rng.int(-3 * 365, 8 * 365),
            origin,
            ethnicity: this.ethnicityOf(rng, origin),
            household,
            relationship: 'MOTHERS_PARTNER',
            postcode: household.postcode,
          });
          household.adults.push(partner);
        }
      }
      const mother = household.adults.find((a) => a.relationship === 'MOTHER') as Person;
      const sibling = household.children[0];
      const unborn = this.newPerson({
        kind: 'CHILD',
        given: 'Unborn',
        family: sibling?.family ?? mother.family,
        sex: 'UNKNOWN',
        dob: null,
        origin: mother.origin,
        ethnicity: rng.chance(0.4) ? 'NOBT' : (sibling?.ethnicity ?? mother.ethnicity),
        household,
        relationship: null,
        postcode: household.postcode,
      });
      unborn.edd = this.asOfDay + rng.int(7, 180);
      household.children.push(unborn);
    }
  }

  private addUasc(rng: Rng): void {
    const count = this.scaled(UASC_PER_SCALE, 2);
    const table = new WeightedTable(
      UASC_ORIGINS,
      UASC_ORIGINS.map((o) => o.weight),
    );
    for (let i = 0; i < count; i++) {
      const origin = table.draw(rng);
      const sex: Sex = rng.chance(0.88) ? 'MALE' : 'FEMALE';
      const person = this.newPerson({
        kind: 'CHILD',
        given: this.givenName(rng, origin, sex, []),
        family: rng.pick(origin.family),
        sex,
        dob: this.asOfDay - rng.int(14 * 365 + 30, 17 * 365 + 300),
        origin,
        ethnicity: this.ethnicityOf(rng, origin),
        household: null,
        relationship: null,
        postcode: rng.pick(this.streetTable.draw(rng).postcodes),
      });
      person.uasc = true;
    }
  }

  private addUnrelatedAdults(rng: Rng, originTable: WeightedTable<Origin>): void {
    const count = this.scaled(UNRELATED_ADULTS_PER_SCALE, 30);
    for (let i = 0; i < count; i++) {
      const origin = originTable.draw(rng);
      const sex: Sex = rng.chance(0.52) ? 'MALE' : 'FEMALE';
      // A share of English names come from Faker's en_GB lists, for more variety than ours.
      const fromFaker = origin.key === 'ENGLISH' && rng.chance(0.5);
      const given = fromFaker
        ? this.faker.person.firstName(sex === 'MALE' ? 'male' : 'female')
        : this.givenName(rng, origin, sex, []);
      const family = fromFaker ? this.faker.person.lastName() : rng.pick(origin.family);
      const postcode = rng.chance(0.8)
        ? rng.pick(this.streetTable.draw(rng).postcodes)
        : this.otherPostcode(rng, '');
      this.unrelated.push(
        this.newPerson({
          kind: 'ADULT',
          given,
          family,
          sex,
          dob: this.asOfDay - rng.int(18 * 365 + 10, 78 * 365),
          origin,
          ethnicity: this.ethnicityOf(rng, origin),
          household: null,
          relationship: null,
          postcode,
        }),
      );
    }
  }

  /** The parent who does not live in the household (ex-partner), created when first needed. */
  private absentParentOf(rng: Rng, household: Household): Person {
    if (household.absentParent) return household.absentParent;
    const hasMother = household.adults.some(
      (a) => a.sex === 'FEMALE' && a.relationship === 'MOTHER',
    );
    const sex: Sex =
      hasMother || household.adults.every((a) => a.sex === 'FEMALE') ? 'MALE' : 'FEMALE';
    const eldest = household.children.find((c) => c.dob !== null)?.dob ?? this.asOfDay - 3650;
    const parent = this.newPerson({
      kind: 'ADULT',
      given: this.givenName(rng, household.absentOrigin, sex, []),
      family: household.absentFamily,
      sex,
      dob: eldest - rng.int(19 * 365, 42 * 365),
      origin: household.absentOrigin,
      ethnicity: this.ethnicityOf(rng, household.absentOrigin),
      household: null,
      relationship: null,
      postcode: this.otherPostcode(rng, household.postcode),
    });
    parent.inHealth = rng.chance(0.85);
    if (parent.inHealth) parent.gp = this.practiceTable.draw(rng);
    parent.nhs = this.newNhsNumber(rng);
    household.absentParent = parent;
    return parent;
  }

  // ------------------------------------------------------------ identifiers

  /** A valid NHS number in the 999 range kept for test data, so never a real patient's. */
  private newNhsNumber(rng: Rng): string {
    for (;;) {
      const firstNine = `999${pad(rng.int(0, 999999), 6)}`;
      const check = nhsCheckDigit(firstNine);
      if (check === null) continue;
      const nhs = `${firstNine}${check}`;
      if (this.usedNhs.has(nhs)) continue;
      this.usedNhs.add(nhs);
      return nhs;
    }
  }

  /** The same number with one digit mistyped, which modulus 11 always catches. */
  private mistypedNhs(rng: Rng, nhs: string): string {
    const i = rng.int(3, 9);
    const digit = (Number(nhs[i]) + rng.int(1, 9)) % 10;
    return nhs.slice(0, i) + digit + nhs.slice(i + 1);
  }

  private newUpn(rng: Rng, la: string, estab: string, year: number, temporary: boolean): string {
    const yy = pad(year % 100, 2);
    for (;;) {
      let body: string;
      if (temporary) {
        body = `${la}${estab}${yy}${pad(rng.int(0, 99), 2)}${rng.pick([...CHECK_ALPHABET])}`;
      } else {
        const key = `${la}${estab}${yy}`;
        const serial = (this.upnSerials.get(key) ?? rng.int(0, 40)) + 1;
        this.upnSerials.set(key, serial);
        if (serial > 999) {
          estab = String(Number(estab) + 1).slice(-4);
          continue;
        }
        body = `${key}${pad(serial, 3)}`;
      }
      const upn = upnCheckLetter(body) + body;
      if (this.usedUpns.has(upn)) continue;
      this.usedUpns.add(upn);
      return upn;
    }
  }

  private otherLaUpn(rng: Rng, year: number): string {
    return this.newUpn(rng, rng.pick(OTHER_LAS).number, String(rng.int(2000, 3999)), year, false);
  }

  private newPncId(rng: Rng, firstYear: number, lastYear: number): string {
    for (;;) {
      const yy = pad(rng.int(firstYear, lastYear) % 100, 2);
      const serial = pad(rng.int(1, 9999999), 7);
      const pnc = `${yy}/${serial}${pncCheckLetter(yy, serial)}`;
      if (this.usedPnc.has(pnc)) continue;
      this.usedPnc.add(pnc);
      return pnc;
    }
  }

  // ------------------------------------------------------------ education

  private planEducation(): void {
    const rng = this.rng('education');
    const y = this.schoolAy;
    const aug31 = dayOf(y, 8, 31);
    // Siblings mostly share a school, twins always (when in the same phase).
    const familySchools = new Map<Household, Map<Phase, School>>();
    for (const child of this.persons) {
      if (child.kind !== 'CHILD' || child.dob === null || child.uasc) continue;
      const ncYear = ageOn(child.dob, aug31) - 4;
      if (ncYear < 0 || ncYear > 11) continue;
      if (!rng.chance(0.9)) continue;
      const entryAy = y - ncYear;
      const receptionStart = academicYearTerms(entryAy)[0].start;
      let segments: EnrolmentPlan[] = [];
      const household = child.household;
      const schoolOf = (phase: Phase, not?: School): School => {
        const table = this.schoolTables.get(phase) as WeightedTable<School>;
        const known = household ? familySchools.get(household) : undefined;
        const shared = not ? undefined : known?.get(phase);
        if (shared && (child.twinGroup !== null || rng.chance(0.65))) return shared;
        if (household && !not && !shared) {
          const school = table.draw(rng);
          if (known) known.set(phase, school);
          else familySchools.set(household, new Map([[phase, school]]));
          return school;
        }
        for (let i = 0; i < 10; i++) {
          const school = table.draw(rng);
          if (school !== not || table.size === 1) return school;
        }
        return table.draw(rng);
      };
      if (rng.chance(0.015)) {
        segments.push({ school: schoolOf('SPECIAL'), start: receptionStart, end: null });
      } else {
        if (ncYear >= 7) {
          const primaryEnd = academicYearTerms(entryAy + 6)[2].end;
          const secondaryStart = academicYearTerms(entryAy + 7)[0].start;
          segments.push({ school: schoolOf('PRIMARY'), start: receptionStart, end: primaryEnd });
          segments.push({ school: schoolOf('SECONDARY'), start: secondaryStart, end: null });
        } else {
          segments.push({ school: schoolOf('PRIMARY'), start: receptionStart, end: null });
        }
        const current = segments[segments.length - 1];
        if (rng.chance(0.09) && this.asOfDay - current.start > 90) {
          const move = rng.int(current.start + 60, this.asOfDay - 20);
          const restart = move + rng.int(1, 15);
          if (restart <= this.asOfDay) {
            current.end = move;
            segments.push({
              school: schoolOf(current.school.phase, current.school),
              start: restart,
              end: null,
            });
          }
        }
        const last = segments[segments.length - 1];
        if (ncYear >= 8 && last.school.phase === 'SECONDARY' && rng.chance(0.01)) {
          const from = Math.max(last.start + 30, this.asOfDay - 540);
          if (from < this.asOfDay - 25) {
            const excluded = rng.int(from, this.asOfDay - 25);
            last.end = excluded;
            segments.push({
              school: schoolOf('ALTERNATIVE_PROVISION'),
              start: excluded + rng.int(3, 20),
              end: null,
            });
          }
        }
      }
      let movedIn = false;
      if (rng.chance(0.08) && this.asOfDay - 20 > receptionStart + 30) {
        const moveIn = rng.int(receptionStart + 30, this.asOfDay - 20);
        segments = segments.filter((s) => s.end === null || s.end >= moveIn);
        segments[0] = { ...segments[0], start: Math.max(segments[0].start, moveIn) };
        movedIn = true;
      }
      const first = segments[0];
      const plan: PupilPlan = {
        upn: null,
        unknownReason: null,
        formerUpn: null,
        enrolments: segments,
      };
      const roll = rng.next();
      if (roll < 0.01) {
        const reasons = ncYear === 0 ? ['UN1', 'UN2', 'UN5'] : ['UN2', 'UN4', 'UN5'];
        plan.unknownReason = rng.pick(reasons);
      } else if (roll < 0.015) {
        plan.upn = this.newUpn(
          rng,
          HOME_LA_NUMBER,
          first.school.estab,
          academicYearOf(first.start),
          true,
        );
      } else if (movedIn) {
        if (rng.chance(0.45)) {
          plan.formerUpn = this.otherLaUpn(rng, entryAy);
          plan.upn = this.newUpn(
            rng,
            HOME_LA_NUMBER,
            first.school.estab,
            academicYearOf(first.start),
            false,
          );
        } else {
          plan.upn = this.otherLaUpn(rng, entryAy);
        }
      } else if (roll < 0.025) {
        // Arrived without one, got a temporary UPN, later replaced by a permanent one.
        plan.formerUpn = this.newUpn(rng, HOME_LA_NUMBER, first.school.estab, entryAy, true);
        plan.upn = this.newUpn(rng, HOME_LA_NUMBER, first.school.estab, entryAy, false);
      } else {
        plan.upn = this.newUpn(rng, HOME_LA_NUMBER, first.school.estab, entryAy, false);
      }
      child.pupil = plan;
    }
    this.ensureUpnCases(rng);
  }

  /** At any scale, a few pupils have a temporary UPN and a few none (with a reason). */
  private ensureUpnCases(rng: Rng): void {
    const plain = (p: Person): boolean =>
      p.pupil !== null && p.pupil.upn !== null && p.pupil.formerUpn === null;
    const pupils = this.persons.filter((p) => p.pupil !== null);
    let temporary = pupils.filter((p) => p.pupil?.upn && /[A-Z]$/.test(p.pupil.upn)).length;
    let none = pupils.filter((p) => p.pupil && !p.pupil.upn).length;
    const candidates = rng.shuffle(pupils.filter(plain));
    while (temporary < MIN_HARD_CASES && candidates.length > 0) {
      const plan = (candidates.pop() as Person).pupil as PupilPlan;
      const first = plan.enrolments[0];
      const year = academicYearOf(first.start);
      plan.upn = this.newUpn(rng, HOME_LA_NUMBER, first.school.estab, year, true);
      temporary++;
    }
    while (none < MIN_HARD_CASES && candidates.length > 0) {
      const plan = (candidates.pop() as Person).pupil as PupilPlan;
      plan.upn = null;
      plan.unknownReason = rng.pick(['UN2', 'UN4', 'UN5']);
      none++;
    }
  }

  private enrolmentOn(child: Person, day: number): EnrolmentPlan | null {
    if (!child.pupil) return null;
    for (const e of child.pupil.enrolments) {
      if (e.start <= day && (e.end === null || e.end >= day)) return e;
    }
    return null;
  }

  // ------------------------------------------------------------ health

  private planHealth(): void {
    const rng = this.rng('health');
    for (const person of this.persons) {
      if (person.dob === null) continue;
      if (person.uasc) continue;
      // Twins are always registered (a hospital birth), so no twin is missing from the truth.
      const held = person.twinGroup
        ? 1
        : person.kind === 'CHILD'
          ? 0.95
          : person.household
            ? 0.9
            : 0.85;
      person.inHealth = rng.chance(held);
      // Children nobody in health knows may never have been registered here: no NHS number.
      if (person.inHealth || person.kind === 'ADULT' || rng.chance(0.5)) {
        person.nhs = this.newNhsNumber(rng);
      }
      if (person.inHealth) {
        const own = person.household?.gp ?? null;
        person.gp =
          own && rng.chance(0.95) ? own : rng.chance(0.9) ? this.practiceTable.draw(rng) : null;
      }
    }
  }

  // ------------------------------------------------------------ contacts

  private buildContacts(): void {
    const rng = this.rng('contacts');
    const total = Math.round(CONTACTS_PER_MONTH * this.scale * this.months);
    const unborn = this.persons.filter((p) => p.kind === 'CHILD' && p.dob === null);
    const uasc = this.persons.filter((p) => p.uasc);
    const general = Math.max(0, total - unborn.length - uasc.length);

    // Which households the front door ever hears about, and how often: a heavy tail.
    for (const h of this.households) {
      const twins = h.children.some((c) => c.twinGroup);
      if (rng.chance(twins ? 0.7 : 0.54)) {
        h.contactWeight = Math.exp(0.85 * rng.normal()) * (1 + 0.25 * (h.children.length - 1));
      }
    }
    const eligibleHouseholds = this.households.filter((h) => h.contactWeight > 0);
    const householdTable = new WeightedTable(
      eligibleHouseholds,
      eligibleHouseholds.map((h) => h.contactWeight),
    );

    const days: number[] = [];
    const dayWeights: number[] = [];
    const asOfMinute = londonMinute(this.asOfMs);
    for (let d = this.windowStartDay; d <= this.asOfDay; d++) {
      const kind = this.calendar.kind(d);
      let w = DAY_KIND_VOLUME[kind] * MONTH_FACTOR[cachedParts(d).month];
      if (weekday(d) === 1) w *= 1.08;
      if (d === this.asOfDay) w *= asOfMinute / 1440;
      days.push(d);
      dayWeights.push(w);
    }
    const dayTable = new WeightedTable(days, dayWeights);
    const sourceTables = new Map<DayKind, WeightedTable<string>>();
    for (const kind of ['SCHOOL', 'HOLIDAY', 'WEEKEND'] as const) {
      const factor =
        kind === 'HOLIDAY'
          ? HOLIDAY_SOURCE_FACTOR
          : kind === 'WEEKEND'
            ? WEEKEND_SOURCE_FACTOR
            : {};
      const codes = Object.keys(SOURCE_WEIGHTS);
      sourceTables.set(
        kind,
        new WeightedTable(
          codes,
          codes.map((c) => SOURCE_WEIGHTS[c] * (factor[c] ?? 1)),
        ),
      );
    }
    const templateTables = new Map<string, WeightedTable<ConcernTemplate>>();
    for (const [code, templates] of Object.entries(CONCERNS)) {
      templateTables.set(
        code,
        new WeightedTable(
          templates,
          templates.map((t) => t.weight),
        ),
      );
    }

    const drafts: ContactDraft[] = [];
    let seq = 0;
    // Sources follow a golden-ratio sequence per kind of day, so that even a small world has
    // the source mix the tables describe rather than a noisy sample of it.
    const cursors: Record<DayKind, number> = {
      SCHOOL: rng.next(),
      HOLIDAY: rng.next(),
      WEEKEND: rng.next(),
    };
    for (let i = 0; i < general; i++) {
      // Stratified over the year's shape, so monthly volumes follow it without sampling noise.
      const day = dayTable.at((i + rng.next()) / general);
      const kind = this.calendar.kind(day);
      let draft: ContactDraft | null = null;
      for (let attempt = 0; attempt < 20 && !draft; attempt++) {
        cursors[kind] = (cursors[kind] + GOLDEN_RATIO_STEP) % 1;
        const table = sourceTables.get(kind) as WeightedTable<string>;
        const source = attempt === 0 ? table.at(cursors[kind]) : table.draw(rng);
        const template = (templateTables.get(source) as WeightedTable<ConcernTemplate>).draw(rng);
        for (let tries = 0; tries < 40 && !draft; tries++) {
          const household = householdTable.draw(rng);
          const primaries = household.children.filter((c) => {
            if (c.dob === null || c.dob > day) return false;
            const age = roughAge(c.dob, day);
            if (age < template.minAge || age > template.maxAge) return false;
            return !template.pupil || this.enrolmentOn(c, day) !== null;
          });
          if (primaries.length === 0) continue;
          const primary = rng.pick(primaries);
          const children = [primary];
          if (template.family) {
            const siblings = household.children.filter(
              (c) => c !== primary && c.dob !== null && c.dob <= day,
            );
            if (siblings.length > 0 && rng.chance(0.5)) {
              if (rng.chance(0.6)) children.push(...siblings);
              else
                children.push(...rng.shuffle([...siblings]).slice(0, rng.int(1, siblings.length)));
            }
          } else if (primary.twinGroup && rng.chance(0.3)) {
            const twin = household.children.find(
              (c) => c !== primary && c.twinGroup === primary.twinGroup,
            );
            if (twin) children.push(twin);
          }
          draft = {
            seq: seq++,
            receivedMs: this.receivedAt(rng, day, source),
            source,
            concern: template.text,
            referrer: template.by ?? this.referrer(rng, source, primary, day),
            category: template.category ?? null,
            household,
            children,
            team: this.teamFor(rng, household),
            reason: template.reason ?? null,
          };
        }
      }
      if (draft) drafts.push(draft);
    }

    const preBirthSources = { '3F': 5, '3D': 1, '3B': 1, '6': 2, '8': 1, '5C': 1 };
    for (const child of unborn) {
      const household = child.household as Household;
      const earliest = Math.max(this.windowStartDay, (child.edd as number) - 196);
      const day = rng.int(earliest, this.asOfDay);
      const source = rng.weighted(preBirthSources);
      const children = [child];
      const siblings = household.children.filter(
        (c) => c !== child && c.dob !== null && c.dob <= day,
      );
      if (siblings.length > 0 && rng.chance(0.3)) children.push(...siblings);
      drafts.push({
        seq: seq++,
        receivedMs: this.receivedAt(rng, day, source),
        source,
        concern: rng.pick(PRE_BIRTH_CONCERNS[source]),
        referrer: this.preBirthReferrer(rng, source),
        category: source === '6' ? 'DOMESTIC_ABUSE' : null,
        household,
        children,
        team: this.teamFor(rng, household),
        reason: null,
      });
    }
    for (const child of uasc) {
      const day = rng.int(
        Math.max(this.windowStartDay, (child.dob as number) + 14 * 365),
        this.asOfDay,
      );
      const source = rng.weighted({ '6': 3, '7': 2, '5C': 1 });
      drafts.push({
        seq: seq++,
        receivedMs: this.receivedAt(rng, day, source),
        source,
        concern: rng.pick(UASC_CONCERNS[source]),
        referrer:
          source === '6'
            ? this.policeReferrer(rng)
            : source === '7'
              ? 'Home Office, asylum intake unit'
              : `Children's social care, ${rng.pick(OTHER_LAS).name}`,
        // No occurrence behind these: they stay children only socialcare holds.
        category: null,
        household: null,
        children: [child],
        team: rng.pick(TEAMS),
        reason: null,
      });
    }

    drafts.sort((a, b) => a.receivedMs - b.receivedMs || a.seq - b.seq);
    this.contacts = drafts;
    for (const c of drafts) {
      for (const child of c.children) {
        if (child.firstContactMs === Infinity) child.firstContactMs = c.receivedMs;
      }
      if (c.household && c.household.firstContactMs === Infinity) {
        c.household.firstContactMs = c.receivedMs;
      }
    }
  }

  private receivedAt(rng: Rng, day: number, source: string): number {
    const kind = this.calendar.kind(day);
    const ooh = (OUT_OF_HOURS_SHARE[source] ?? 0.05) * (kind === 'WEEKEND' ? 1.6 : 1);
    let minute: number;
    if (rng.chance(ooh)) {
      minute = (1080 + rng.int(0, 869)) % 1440;
    } else if (kind === 'WEEKEND') {
      minute = rng.int(480, 1380);
    } else {
      minute = 510 + Math.floor(570 * ((rng.next() + rng.next()) / 2));
    }
    let ms = londonToUtc(day, minute) + rng.int(0, 59) * 1000;
    if (ms > this.asOfMs) {
      const midnight = londonToUtc(day, 0);
      ms = midnight + Math.floor((rng.next() * Math.max(0, this.asOfMs - midnight)) / 1000) * 1000;
    }
    return ms;
  }

  private teamFor(rng: Rng, household: Household): string {
    return rng.chance(0.88)
      ? (DISTRICT_TEAMS[household.outward] ?? rng.pick(TEAMS))
      : rng.pick(TEAMS);
  }

  private surname(): string {
    return this.faker.person.lastName();
  }

  private policeReferrer(rng: Rng): string {
    const r = rng.next();
    if (r < 0.6) return `PC ${rng.int(1000, 9999)} ${this.surname()}, Met Police`;
    if (r < 0.75) return `DC ${rng.int(100, 9999)} ${this.surname()}, Met Police CSU`;
    if (r < 0.85) return `PS ${rng.int(10, 999)} ${this.surname()}, Met Police`;
    return 'MASH police desk (MERLIN), Met Police';
  }

  private referrer(rng: Rng, source: string, child: Person, day: number): string {
    switch (source) {
      case '6':
        return this.policeReferrer(rng);
      case '2A': {
        const school = this.enrolmentOn(child, day)?.school.name ?? 'school not recorded';
        const role = rng.weighted({
          'Designated Safeguarding Lead': 7,
          'Deputy DSL': 2,
          Headteacher: 1,
        });
        return `${role}, ${school}`;
      }
      case '3A': {
        const practice = child.gp ?? this.practices[0];
        return `Dr ${this.surname()}, ${practice.name}`;
      }
      case '3B':
        return `Health visitor, ${rng.pick(HEALTH_CENTRES)}`;
      case '3C': {
        const school = this.enrolmentOn(child, day)?.school.name ?? 'school not recorded';
        return `School nurse, ${school}`;
      }
      case '3E':
        return `Paediatric liaison nurse, ${this.edTable.draw(rng).replace(/ ED$/, '')}`;
      case '1C':
        return rng.pick(['Self (young person), by phone', 'Self (young person), at the office']);
      case '5C':
        return `Children's social care, ${rng.pick(OTHER_LAS).name}`;
      case '9':
        return 'Anonymous caller';
      case '10':
        return 'Not recorded';
      default:
        return 'Not recorded';
    }
  }

  private preBirthReferrer(rng: Rng, source: string): string {
    switch (source) {
      case '3F':
        return 'Specialist midwife (safeguarding), North Middlesex University Hospital';
      case '3D':
        return 'Community midwife, Tottenham Hale HC';
      case '3B':
        return `Health visitor, ${rng.pick(HEALTH_CENTRES)}`;
      case '6':
        return this.policeReferrer(rng);
      case '8':
        return 'IDVA, domestic abuse service';
      default:
        return `Children's social care, ${rng.pick(OTHER_LAS).name}`;
    }
  }

  // ------------------------------------------------------------ police

  private buildPoliceOccurrences(): void {
    const rng = this.rng('police');
    const drafts: OccurrenceDraft[] = [];
    let seq = 0;
    const summary = (category: OccurrenceCategory, dash?: string): string =>
      rng.pick(OCCURRENCE_SUMMARIES[category]).replace('{dash}', dash ?? rng.pick(DASH_LEVELS));

    for (const c of this.contacts) {
      if (c.source !== '6' || !c.category || !rng.chance(POLICE_CONTACT_OCCURRENCE_SHARE)) continue;
      const occurredMs = c.receivedMs - rng.int(30, 30 * 60) * MINUTE_MS;
      const persons: OccurrenceDraft['persons'] = [];
      const add = (person: Person | undefined, role: OccurrenceRole): void => {
        if (person && !persons.some((p) => p.person === person)) persons.push({ person, role });
      };
      const household = c.household;
      const adults = household?.adults ?? [];
      const female =
        adults.find((a) => a.sex === 'FEMALE' && a.relationship === 'MOTHER') ??
        adults.find((a) => a.sex === 'FEMALE');
      const male = adults.find((a) => a.sex === 'MALE');
      const otherSiblings = (): Person[] =>
        (household?.children ?? []).filter(
          (k) =>
            !c.children.includes(k) &&
            k.dob !== null &&
            k.dob <= londonDay(occurredMs) &&
            rng.chance(0.35),
        );
      let text: string;
      switch (c.category) {
        case 'DOMESTIC_ABUSE': {
          const dash = rng.weighted({ standard: 45, medium: 40, high: 15 });
          if (female && male && rng.chance(0.8)) {
            add(female, 'VICTIM');
            add(male, 'PERPETRATOR');
          } else if (household) {
            const absent = this.absentParentOf(rng, household);
            const resident = absent.sex === 'MALE' ? (female ?? adults[0]) : (male ?? adults[0]);
            add(resident, 'VICTIM');
            add(absent, 'PERPETRATOR');
          }
          for (const k of c.children) if (k.dob !== null) add(k, 'CHILD_PRESENT');
          for (const k of otherSiblings()) add(k, 'CHILD_PRESENT');
          text = summary('DOMESTIC_ABUSE', dash);
          break;
        }
        case 'MISSING_PERSON':
          add(c.children[0], 'MISSING_PERSON');
          if (rng.chance(0.6)) add(female ?? adults[0], 'WITNESS');
          text = summary('MISSING_PERSON');
          break;
        case 'VIOLENCE':
          add(c.children[0], c.concern.includes('arrested') ? 'PERPETRATOR' : 'VICTIM');
          if (rng.chance(0.5)) {
            add(
              rng.pick(this.unrelated),
              c.concern.includes('arrested') ? 'VICTIM' : 'PERPETRATOR',
            );
          }
          text = summary('VIOLENCE');
          break;
        case 'DRUGS':
          add(
            male ?? adults[0] ?? (household ? this.absentParentOf(rng, household) : undefined),
            'SUBJECT',
          );
          for (const k of c.children) if (k.dob !== null) add(k, 'CHILD_PRESENT');
          text = summary('DRUGS');
          break;
        case 'ANTISOCIAL_BEHAVIOUR':
          add(c.children[0], 'SUBJECT');
          text = summary('ANTISOCIAL_BEHAVIOUR');
          break;
        default:
          add(adults[0], 'SUBJECT');
          for (const k of c.children) if (k.dob !== null) add(k, 'CHILD_PRESENT');
          text = summary('CONCERN_FOR_WELFARE');
      }
      if (persons.length > 0) {
        drafts.push({
          seq: seq++,
          occurredMs,
          category: c.category,
          summary: text,
          persons,
          contact: c,
        });
      }
    }

    // Occurrences the MASH never hears about: the rest of the borough's police work.
    const count = Math.round(OTHER_OCCURRENCES_PER_YEAR * this.scale * (this.months / 12));
    const teens = this.persons.filter(
      (p) => p.kind === 'CHILD' && p.dob !== null && !p.uasc && ageOn(p.dob, this.asOfDay) >= 11,
    );
    const householdAdults = this.persons.filter((p) => p.kind === 'ADULT' && p.household);
    const span = this.asOfMs - this.windowStartMs;
    const person = (teenShare: number, householdShare: number): Person => {
      const r = rng.next();
      if (r < teenShare && teens.length > 0) return rng.pick(teens);
      if (r < teenShare + householdShare && householdAdults.length > 0) {
        return rng.pick(householdAdults);
      }
      return rng.pick(this.unrelated);
    };
    const unrelatedWomen = this.unrelated.filter((p) => p.sex === 'FEMALE');
    for (let i = 0; i < count; i++) {
      const category = rng.weighted<OccurrenceCategory>({
        THEFT: 26,
        VIOLENCE: 20,
        ANTISOCIAL_BEHAVIOUR: 15,
        DRUGS: 14,
        MISSING_PERSON: 11,
        CONCERN_FOR_WELFARE: 7,
        DOMESTIC_ABUSE: 7,
      });
      const occurredMs = this.windowStartMs + Math.floor((rng.next() * span) / 1000) * 1000;
      const persons: OccurrenceDraft['persons'] = [];
      const add = (p: Person, role: OccurrenceRole): void => {
        const born = p.dob !== null && p.dob <= londonDay(occurredMs);
        if (born && !persons.some((x) => x.person === p)) persons.push({ person: p, role });
      };
      switch (category) {
        case 'THEFT':
          add(person(0.35, 0.1), 'SUBJECT');
          if (rng.chance(0.6)) add(rng.pick(this.unrelated), 'VICTIM');
          break;
        case 'VIOLENCE':
          add(person(0.3, 0.2), 'PERPETRATOR');
          add(person(0.3, 0.1), 'VICTIM');
          if (rng.chance(0.3)) add(rng.pick(this.unrelated), 'WITNESS');
          break;
        case 'ANTISOCIAL_BEHAVIOUR': {
          const n = rng.int(1, 3);
          for (let k = 0; k < n; k++) add(person(0.6, 0), 'SUBJECT');
          break;
        }
        case 'DRUGS':
          add(person(0.15, 0.3), 'SUBJECT');
          break;
        case 'MISSING_PERSON': {
          const teen = teens.length > 0 ? rng.pick(teens) : rng.pick(this.unrelated);
          add(teen, 'MISSING_PERSON');
          const parent = teen.household?.adults[0];
          if (parent && rng.chance(0.5)) add(parent, 'WITNESS');
          break;
        }
        case 'CONCERN_FOR_WELFARE':
          add(rng.pick(this.unrelated), 'SUBJECT');
          break;
        default: {
          const victim = rng.pick(unrelatedWomen.length > 0 ? unrelatedWomen : this.unrelated);
          add(victim, 'VICTIM');
          add(rng.pick(this.unrelated), 'PERPETRATOR');
        }
      }
      if (persons.length === 0) continue;
      drafts.push({
        seq: seq++,
        occurredMs,
        category,
        summary: summary(category),
        persons,
        contact: null,
      });
    }
    drafts.sort((a, b) => a.occurredMs - b.occurredMs || a.seq - b.seq);
    this.occurrences = drafts;

    for (const o of drafts) {
      for (const { person: p, role } of o.persons) {
        p.inPolice = true;
        const offending =
          role === 'PERPETRATOR' ||
          (role === 'SUBJECT' &&
            o.category !== 'CONCERN_FOR_WELFARE' &&
            o.category !== 'MISSING_PERSON');
        if (offending) p.policeRecord = true;
      }
    }
  }

  // ------------------------------------------------------------ health attendances

  private buildAttendances(): void {
    const rng = this.rng('attendances');
    const drafts: AttendanceDraft[] = [];
    let seq = 0;
    const add = (
      person: Person,
      arrivedMs: number,
      setting: CareSetting,
      reason: string,
      site?: string,
    ): void => {
      if (arrivedMs > this.asOfMs || arrivedMs < this.windowStartMs) return;
      if (person.dob === null || londonDay(arrivedMs) < person.dob) return;
      drafts.push({
        seq: seq++,
        person,
        arrivedMs,
        setting,
        reason,
        site:
          site ??
          (setting === 'EMERGENCY_DEPARTMENT'
            ? this.edTable.draw(rng)
            : rng.pick(CARE_SITES[setting])),
      });
    };

    // A&E contacts follow an attendance: the child must be known to health.
    for (const c of this.contacts) {
      if (c.source !== '3E' || !c.reason) continue;
      const child = c.children[0];
      child.inHealth = true;
      if (!child.nhs) child.nhs = this.newNhsNumber(rng);
      if (!child.gp) child.gp = child.household?.gp ?? null;
      const site = c.referrer.replace(/^Paediatric liaison nurse, /, '') + ' ED';
      add(
        child,
        c.receivedMs - rng.int(60, 20 * 60) * MINUTE_MS,
        'EMERGENCY_DEPARTMENT',
        c.reason,
        site,
      );
    }

    const years = (this.asOfDay - this.windowStartDay) / 365.25;
    const reasonFor = (age: number): readonly string[] =>
      age < 2
        ? PRESENTING_REASONS.INFANT
        : age < 12
          ? PRESENTING_REASONS.CHILD
          : age < 18
            ? PRESENTING_REASONS.TEEN
            : PRESENTING_REASONS.ADULT;
    // Sexual-health and alternative reasons draw from their own stream, so that adding them left
    // every draw of this one, and so the rest of the world, unchanged.
    const reasons = this.rng('attendance-reasons');
    for (const p of this.persons) {
      if (!p.inHealth || p.dob === null) continue;
      const age = ageOn(p.dob, this.asOfDay);
      const ed = age < 5 ? 0.35 : age < 12 ? 0.18 : age < 18 ? 0.24 : 0.22;
      const walkIn = age < 18 ? 0.08 : 0.07;
      const ooh = age < 5 ? 0.08 : 0.03;
      const first = Math.max(this.windowStartDay, p.dob);
      const spanDays = this.asOfDay - first;
      if (spanDays <= 0) continue;
      const share = spanDays / (years * 365.25);
      for (const [setting, rate] of [
        ['EMERGENCY_DEPARTMENT', ed],
        ['WALK_IN', walkIn],
        ['OUT_OF_HOURS', ooh],
      ] as const) {
        const n = rng.poisson(rate * years * share);
        for (let k = 0; k < n; k++) {
          const day = first + rng.int(0, spanDays);
          const minute =
            setting === 'WALK_IN'
              ? rng.int(480, 1200)
              : setting === 'OUT_OF_HOURS'
                ? (1110 + rng.int(0, 810)) % 1440
                : rng.chance(0.75)
                  ? rng.int(480, 1380)
                  : rng.int(0, 1439);
          const atAge = roughAge(p.dob, day);
          add(
            p,
            londonToUtc(day, minute) + rng.int(0, 59) * 1000,
            setting,
            this.refineReason(reasons, rng.pick(reasonFor(atAge)), ageOn(p.dob, day), setting),
          );
        }
      }
    }

    // Maternity: mothers of babies born in the window, and mothers expecting an unborn child.
    for (const h of this.households) {
      const mother = h.adults.find((a) => a.relationship === 'MOTHER');
      if (!mother || !mother.inHealth) continue;
      for (const child of h.children) {
        const due = child.dob ?? child.edd;
        if (
          due === null ||
          due < this.windowStartDay ||
          (child.twinGroup && child !== h.children.find((c) => c.twinGroup === child.twinGroup))
        )
          continue;
        const visits = rng.int(0, 2);
        for (let k = 0; k < visits; k++) {
          const day = due - rng.int(7, 150);
          if (day > this.asOfDay) continue;
          add(
            mother,
            londonToUtc(day, rng.int(0, 1439)),
            'MATERNITY',
            rng.pick(PRESENTING_REASONS.MATERNITY.slice(0, 4)),
          );
        }
        if (child.dob !== null && rng.chance(0.8)) {
          add(
            mother,
            londonToUtc(child.dob - rng.int(0, 1), rng.int(0, 1439)),
            'MATERNITY',
            'Labour',
          );
        }
      }
    }

    drafts.sort((a, b) => a.arrivedMs - b.arrivedMs || a.seq - b.seq);
    this.attendances = drafts;
  }

  /** A drawn presenting reason, or what it reads instead: sexual health (13-17), an alternative. */
  private refineReason(rng: Rng, reason: string, age: number, setting: CareSetting): string {
    if (age >= 13 && age < 18 && rng.chance(SEXUAL_HEALTH_SHARE[setting])) {
      return rng.pick(PRESENTING_REASONS.SEXUAL_HEALTH);
    }
    const alternative = ALTERNATIVE_REASONS[reason];
    return alternative !== undefined && rng.chance(ALTERNATIVE_REASON_SHARE) ? alternative : reason;
  }

  /**
   * Whether a child is one socialcare holds and `agency` finds by exact demographics: no record
   * discrepancy in any agency and a date of birth on the agency's record. Hard-case minimums for
   * partner data pick such children so tests can reach the data through a match.
   */
  private matchableChild(p: Person, agency: PartnerAgency): boolean {
    return (
      p.kind === 'CHILD' &&
      p.firstContactMs !== Infinity &&
      p.views[agency] !== undefined &&
      p.views[agency].dob !== null &&
      withoutDiscrepancy(p)
    );
  }

  /**
   * At any scale, at least MIN_HARD_CASES matchable children socialcare holds have an attendance in
   * each sensitive category (at 13 or over, as sexual health needs).
   */
  private ensureSensitiveAttendances(): void {
    const rng = this.rng('sensitive-attendances');
    const cases: [SensitiveCategory, CareSetting, readonly string[]][] = [
      ['MENTAL_HEALTH', 'EMERGENCY_DEPARTMENT', ['Self-harm', 'Overdose', 'Mental health crisis']],
      ['SUBSTANCE_MISUSE', 'EMERGENCY_DEPARTMENT', ['Alcohol intoxication', 'Drug intoxication']],
      ['SEXUAL_HEALTH', 'WALK_IN', PRESENTING_REASONS.SEXUAL_HEALTH],
    ];
    const candidates = this.persons.filter(
      (p) =>
        p.inHealth &&
        p.dob !== null &&
        ageOn(p.dob, this.asOfDay) >= 14 &&
        this.matchableChild(p, 'health'),
    );
    let seq = this.attendances.length;
    for (const [category, setting, reasons] of cases) {
      const having = new Set(
        this.attendances
          .filter((a) => sensitiveCategoryOf(a.reason) === category)
          .map((a) => a.person),
      );
      let count = candidates.filter((p) => having.has(p)).length;
      const extra = rng.shuffle(candidates.filter((p) => !having.has(p)));
      while (count < MIN_HARD_CASES && extra.length > 0) {
        const p = extra.pop() as Person;
        const { year, month, day } = cachedParts(p.dob as number);
        const from = Math.max(this.windowStartDay, dayOf(year + 13, month, day));
        const arrivedDay = rng.int(from, this.asOfDay - 1);
        this.attendances.push({
          seq: seq++,
          person: p,
          arrivedMs: londonToUtc(arrivedDay, rng.int(480, 1260)) + rng.int(0, 59) * 1000,
          setting,
          reason: rng.pick(reasons),
          site:
            setting === 'EMERGENCY_DEPARTMENT'
              ? this.edTable.draw(rng)
              : rng.pick(CARE_SITES[setting]),
        });
        count++;
      }
    }
    this.attendances.sort((a, b) => a.arrivedMs - b.arrivedMs || a.seq - b.seq);
  }

  // ------------------------------------------------------------ police intelligence

  /**
   * Intelligence items on about INTELLIGENCE_SHARE of the people police know through a
   * domestic-abuse, welfare or drugs occurrence, each recorded before the asOf date; then, at any
   * scale, at least MIN_HARD_CASES matchable children socialcare holds with a C item and as many
   * with a P item.
   */
  private buildIntelligence(): void {
    const rng = this.rng('intelligence');
    const linked = new Map<Person, ThemeLink>();
    for (const o of this.occurrences) {
      if (!isIntelligenceTheme(o.category)) continue;
      for (const { person, role } of o.persons) {
        let link = linked.get(person);
        if (!link) linked.set(person, (link = { firstMs: o.occurredMs, roles: new Map() }));
        if (!link.roles.has(o.category)) link.roles.set(o.category, role);
      }
    }
    const parents = new Set<Person>();
    for (const h of this.households) {
      if (!h.children.some((c) => c.dob !== null)) continue;
      for (const a of h.adults) parents.add(a);
      if (h.absentParent) parents.add(h.absentParent);
    }

    const drafts: IntelligenceDraft[] = [];
    const handlingOf = new Map<Person, Set<IntelligenceHandlingCode>>();
    const beforeAsOfDate = londonToUtc(this.asOfDay, 0) - 1000;
    const give = (person: Person, count: number, first?: IntelligenceHandlingCode): void => {
      const link = linked.get(person) as ThemeLink;
      const born = person.dob !== null ? londonToUtc(person.dob, 0) : -Infinity;
      const from = Math.max(this.windowStartMs, link.firstMs - 120 * 24 * HOUR_MS, born);
      const codes = handlingOf.get(person) ?? new Set<IntelligenceHandlingCode>();
      handlingOf.set(person, codes);
      const given: string[] = [];
      for (let k = 0; k < count; k++) {
        const recordedMs =
          from + Math.floor((rng.next() * Math.max(0, beforeAsOfDate - from)) / 1000) * 1000;
        const theme = rng.pick([...link.roles.keys()]);
        const pool = this.intelligenceTexts(
          rng,
          person,
          theme,
          link.roles.get(theme) as OccurrenceRole,
          recordedMs,
          parents.has(person),
        );
        let content = rng.pick(pool);
        for (let tries = 0; tries < 5 && given.includes(content); tries++) content = rng.pick(pool);
        if (given.includes(content)) continue;
        given.push(content);
        const handlingCode: IntelligenceHandlingCode =
          k === 0 && first ? first : rng.chance(HANDLING_C_SHARE) ? 'C' : 'P';
        codes.add(handlingCode);
        drafts.push({
          seq: drafts.length,
          person,
          recordedMs,
          sourceGrade: Number(rng.weighted(SOURCE_GRADE_WEIGHTS)) as IntelligenceSourceGrade,
          informationGrade: rng.weighted(INFORMATION_GRADE_WEIGHTS),
          handlingCode,
          handlingConditions: handlingCode === 'C' ? rng.pick(HANDLING_CONDITIONS) : null,
          content,
        });
      }
    };

    for (const person of linked.keys()) {
      if (rng.chance(INTELLIGENCE_SHARE)) {
        give(person, rng.weightedIndex(INTELLIGENCE_ITEM_COUNT_WEIGHTS) + 1);
      }
    }
    const matchable = [...linked.keys()].filter((p) => this.matchableChild(p, 'police'));
    for (const code of ['C', 'P'] as const) {
      let count = matchable.filter((p) => handlingOf.get(p)?.has(code)).length;
      const extra = rng.shuffle(matchable.filter((p) => !handlingOf.has(p)));
      while (count < MIN_HARD_CASES && extra.length > 0) {
        give(extra.pop() as Person, rng.weightedIndex(INTELLIGENCE_ITEM_COUNT_WEIGHTS) + 1, code);
        count++;
      }
    }
    drafts.sort((a, b) => a.recordedMs - b.recordedMs || a.seq - b.seq);
    this.intelligence = drafts;
  }

  /** The content texts that fit who an item is about, given the person's part in the theme. */
  private intelligenceTexts(
    rng: Rng,
    person: Person,
    theme: IntelligenceTheme,
    role: OccurrenceRole,
    recordedMs: number,
    parent: boolean,
  ): readonly string[] {
    const texts = INTELLIGENCE_CONTENT[theme];
    let subjects: IntelligenceSubject[];
    if (person.kind === 'CHILD') {
      const young = person.dob !== null && ageOn(person.dob, londonDay(recordedMs)) >= 12;
      subjects = young && (role === 'SUBJECT' || rng.chance(0.5)) ? ['YOUNG_PERSON'] : ['CHILD'];
    } else {
      const atRisk =
        role === 'VICTIM' ||
        role === 'WITNESS' ||
        (theme === 'CONCERN_FOR_WELFARE' && !(parent && rng.chance(0.5)));
      subjects = atRisk ? ['ADULT_AT_RISK'] : ['ADULT_OF_CONCERN'];
      if (parent) subjects.push(atRisk ? 'PARENT_AT_RISK' : 'PARENT_OF_CONCERN');
    }
    const pool = subjects.flatMap((s) => texts[s] ?? []);
    return pool.length > 0 ? pool : (texts.ADULT_AT_RISK ?? texts.ADULT_OF_CONCERN ?? []);
  }

  // ------------------------------------------------------------ discrepancies

  private decideRecordDiscrepancies(): void {
    const rng = this.rng('discrepancies');
    const partnerHolds = (p: Person, agency: PartnerAgency): boolean =>
      agency === 'police' ? p.inPolice : agency === 'health' ? p.inHealth : p.pupil !== null;

    for (const p of this.persons) {
      for (const agency of ['police', 'health', 'education'] as const) {
        if (partnerHolds(p, agency)) this.decideView(rng, p, agency);
      }
    }

    // Socialcare's own record of its children: identifiers missing, mistyped or out of date.
    for (const p of this.persons) {
      if (p.kind !== 'CHILD' || p.firstContactMs === Infinity) continue;
      if (p.nhs) {
        const r = rng.next();
        if (r < 0.05) this.addDisc(p, 'socialcare', 'NO_NHS_NUMBER');
        else if (r < 0.07) {
          p.scNhs = this.mistypedNhs(rng, p.nhs);
          this.addDisc(p, 'socialcare', 'INVALID_NHS_NUMBER');
        } else p.scNhs = p.nhs;
      }
    }
    for (const p of this.persons) {
      if (!p.inHealth) continue;
      p.healthNhs = p.nhs;
      if (p.nhs && rng.chance(0.002)) {
        p.healthNhs = this.mistypedNhs(rng, p.nhs);
        this.addDisc(p, 'health', 'INVALID_NHS_NUMBER');
      } else if (p.nhs && p.kind === 'ADULT' && rng.chance(0.003)) {
        p.healthNhs = null;
        this.addDisc(p, 'health', 'NO_NHS_NUMBER');
      }
    }
    this.enforceMinimums(rng);
  }

  /** How `agency` records the person: what it knows, and its record's discrepancies. */
  private decideView(rng: Rng, p: Person, agency: PartnerAgency): void {
    const dobKnown = p.dob !== null && !(agency === 'police' && rng.chance(0.02));
    const postcodeKnown = !(agency === 'police' ? rng.chance(0.08) : rng.chance(0.01));
    p.views[agency] = {
      given: p.given,
      family: p.family,
      dob: dobKnown ? p.dob : null,
      postcode: postcodeKnown ? p.postcode : null,
    };
    const rates = PARTNER_RATES[agency];
    for (const d of NAME_DISCREPANCIES) {
      if (this.eligible(p, agency, d) && rng.chance(rates[d])) {
        this.applyDiscrepancy(rng, p, agency, d);
        break;
      }
    }
    for (const d of DOB_DISCREPANCIES) {
      if (this.eligible(p, agency, d) && rng.chance(rates[d])) {
        this.applyDiscrepancy(rng, p, agency, d);
        break;
      }
    }
    if (this.eligible(p, agency, 'MOVED_POSTCODE') && rng.chance(rates.MOVED_POSTCODE)) {
      this.applyDiscrepancy(rng, p, agency, 'MOVED_POSTCODE');
    }
  }

  private addDisc(p: Person, agency: Agency, d: Discrepancy): void {
    const list = p.disc[agency] ?? (p.disc[agency] = []);
    if (!list.includes(d)) list.push(d);
  }

  private hasDisc(p: Person, agency: Agency, d: Discrepancy): boolean {
    return p.disc[agency]?.includes(d) ?? false;
  }

  private swappedDob(dob: number): number | null {
    const { year, month, day } = cachedParts(dob);
    if (day > 12 || day === month) return null;
    const swapped = dayOf(year, day, month);
    return swapped <= this.asOfDay ? swapped : null;
  }

  private eligible(p: Person, agency: PartnerAgency, d: Discrepancy): boolean {
    const view = p.views[agency];
    if (!view) return false;
    const list = p.disc[agency];
    if (list) {
      if (NAME_DISCREPANCY_SET.has(d) && list.some((x) => NAME_DISCREPANCY_SET.has(x)))
        return false;
      if (DOB_DISCREPANCY_SET.has(d) && list.some((x) => DOB_DISCREPANCY_SET.has(x))) return false;
      if (list.includes(d)) return false;
    }
    switch (d) {
      case 'ACCENT_DROPPED':
        return hasAccent(p.given) || hasAccent(p.family);
      case 'HYPHENATED_NAME':
        return p.family.includes('-') || p.given.includes('-');
      case 'SHORT_FORM_NAME':
        return SHORT_FORMS[p.given] !== undefined;
      case 'NAME_TYPO':
        return p.family.length >= 4 || p.given.length >= 4;
      case 'DOB_DAY_MONTH_SWAPPED':
        return view.dob !== null && this.swappedDob(view.dob) !== null;
      case 'DOB_TYPO':
        return view.dob !== null;
      case 'MOVED_POSTCODE':
        return view.postcode !== null;
      default:
        return false;
    }
  }

  private applyDiscrepancy(rng: Rng, p: Person, agency: PartnerAgency, d: Discrepancy): void {
    const view = p.views[agency] as PartnerView;
    switch (d) {
      case 'ACCENT_DROPPED':
        view.given = stripAccents(view.given);
        view.family = stripAccents(view.family);
        break;
      case 'HYPHENATED_NAME': {
        const field = p.family.includes('-') ? 'family' : 'given';
        const parts = p[field].split('-');
        view[field] = field === 'family' && rng.chance(0.4) ? parts[parts.length - 1] : parts[0];
        break;
      }
      case 'SHORT_FORM_NAME':
        view.given = rng.pick(SHORT_FORMS[p.given]);
        break;
      case 'NAME_TYPO': {
        const field =
          p.family.length >= 4 && (p.given.length < 4 || rng.chance(0.6)) ? 'family' : 'given';
        let changed = p[field];
        for (let i = 0; i < 10 && changed === p[field]; i++) changed = typo(rng, p[field]);
        if (changed === p[field]) return;
        view[field] = changed;
        break;
      }
      case 'DOB_DAY_MONTH_SWAPPED':
        view.dob = this.swappedDob(view.dob as number);
        break;
      case 'DOB_TYPO': {
        const dob = view.dob as number;
        const { year, month, day } = cachedParts(dob);
        let wrong = dob;
        for (
          let i = 0;
          i < 10 && (wrong === dob || wrong > this.asOfDay || wrong === this.swappedDob(dob));
          i++
        ) {
          const kind = rng.int(0, 2);
          if (kind === 0) wrong = dob + rng.pick([-2, -1, 1, 2]);
          else if (kind === 1) wrong = dayOf(year + rng.pick([-1, 1]), month, day);
          else wrong = dayOf(year, month, Math.min(28, ((day + 9) % 30) + 1));
        }
        if (wrong === dob || wrong > this.asOfDay) return;
        view.dob = wrong;
        break;
      }
      case 'MOVED_POSTCODE':
        if (!p.formerPostcode) p.formerPostcode = this.otherPostcode(rng, p.postcode);
        view.postcode = p.formerPostcode;
        break;
      default:
        return;
    }
    this.addDisc(p, agency, d);
  }

  /** Every hard case appears at least MIN_HARD_CASES times among children socialcare holds. */
  private enforceMinimums(rng: Rng): void {
    const scChildren = this.persons.filter(
      (p) => p.kind === 'CHILD' && p.firstContactMs !== Infinity,
    );
    const partnerCases: Discrepancy[] = [
      'NAME_TYPO',
      'SHORT_FORM_NAME',
      'DOB_DAY_MONTH_SWAPPED',
      'DOB_TYPO',
      'MOVED_POSTCODE',
      'HYPHENATED_NAME',
      'ACCENT_DROPPED',
    ];
    const partners = ['police', 'health', 'education'] as const;
    for (const d of partnerCases) {
      // Counted in children, not records: one child may show the same slip in two agencies.
      let count = scChildren.filter((p) => partners.some((a) => this.hasDisc(p, a, d))).length;
      if (count >= MIN_HARD_CASES) {
        // Enough already: the shuffle below would pick none, so only draw what it would have
        // drawn (n - 1 numbers for n candidates), keeping the stream where it was.
        let n = 0;
        for (const p of scChildren) {
          for (const a of ['health', 'education', 'police'] as const) {
            if (this.eligible(p, a, d)) n++;
          }
        }
        for (let i = n - 1; i > 0; i--) rng.next();
        continue;
      }
      const candidates = rng.shuffle(
        scChildren.flatMap((p) =>
          (['health', 'education', 'police'] as const)
            .filter((a) => this.eligible(p, a, d))
            .map((a) => [p, a] as const),
        ),
      );
      for (const [p, a] of candidates) {
        if (count >= MIN_HARD_CASES) break;
        if (!this.eligible(p, a, d) || partners.some((x) => this.hasDisc(p, x, d))) continue;
        this.applyDiscrepancy(rng, p, a, d);
        if (this.hasDisc(p, a, d)) count++;
      }
    }

    const inHealth = rng.shuffle(
      scChildren.filter((p) => p.inHealth && p.nhs && !p.disc.socialcare?.length),
    );
    for (const d of ['NO_NHS_NUMBER', 'INVALID_NHS_NUMBER'] as const) {
      let count = scChildren.filter((p) => this.hasDisc(p, 'socialcare', d)).length;
      while (count < MIN_HARD_CASES && inHealth.length > 0) {
        const p = inHealth.pop() as Person;
        p.scNhs = d === 'NO_NHS_NUMBER' ? null : this.mistypedNhs(rng, p.nhs as string);
        this.addDisc(p, 'socialcare', d);
        count++;
      }
    }
    let invalidInHealth = this.persons.filter((p) =>
      this.hasDisc(p, 'health', 'INVALID_NHS_NUMBER'),
    ).length;
    const healthCandidates = rng.shuffle(
      scChildren.filter((p) => p.inHealth && p.nhs && p.healthNhs === p.nhs),
    );
    while (invalidInHealth < 2 && healthCandidates.length > 0) {
      const p = healthCandidates.pop() as Person;
      p.healthNhs = this.mistypedNhs(rng, p.nhs as string);
      this.addDisc(p, 'health', 'INVALID_NHS_NUMBER');
      invalidInHealth++;
    }

    // Which UPN socialcare holds: usually the current one, sometimes a former one.
    const formerTarget: Person[] = [];
    for (const p of scChildren) {
      const plan = p.pupil;
      if (!plan || !plan.upn) continue;
      if (plan.formerUpn && rng.chance(0.6)) formerTarget.push(p);
    }
    if (formerTarget.length < MIN_HARD_CASES) {
      const extra = rng.shuffle(scChildren.filter((p) => p.pupil?.upn && !p.pupil.formerUpn));
      while (formerTarget.length < MIN_HARD_CASES && extra.length > 0) {
        const p = extra.pop() as Person;
        const plan = p.pupil as PupilPlan;
        plan.formerUpn = this.otherLaUpn(rng, academicYearOf(plan.enrolments[0].start) - 1);
        formerTarget.push(p);
      }
    }
    for (const p of formerTarget) this.addDisc(p, 'socialcare', 'FORMER_UPN');
  }

  // ------------------------------------------------------------ output

  private assemble(): World {
    const rng = this.rng('assemble');

    // Socialcare ids in order of first contact, as the case system would have created them.
    const scChildren = this.persons
      .filter((p) => p.kind === 'CHILD' && p.firstContactMs !== Infinity)
      .sort((a, b) => a.firstContactMs - b.firstContactMs || a.index - b.index);
    const scHouseholds = this.households
      .filter((h) => h.firstContactMs !== Infinity)
      .sort((a, b) => a.firstContactMs - b.firstContactMs);
    const households: ScHousehold[] = scHouseholds.map((h, i) => {
      h.scId = `H${pad(i + 1, 6)}`;
      return { id: h.scId, addressLine: h.addressLine, postcode: h.postcode };
    });
    const adults: ScAdult[] = [];
    for (const h of scHouseholds) {
      for (const a of h.adults) {
        a.scId = `AD${pad(adults.length + 1, 6)}`;
        adults.push({
          id: a.scId,
          householdId: h.scId as string,
          givenName: a.given,
          familyName: a.family,
          dateOfBirth:
            a.dob !== null && !(a.sex === 'MALE' && rng.chance(0.03)) ? dateText(a.dob) : null,
          sex: a.sex,
          relationship: a.relationship as string,
        });
      }
    }
    const children: ScChild[] = scChildren.map((p, i) => {
      p.scId = `SC${100001 + i}`;
      const plan = p.pupil;
      let upn: string | null = null;
      let reason: string | null = null;
      if (this.hasDisc(p, 'socialcare', 'FORMER_UPN')) upn = plan?.formerUpn ?? null;
      else if (plan?.upn && rng.chance(0.85)) upn = plan.upn;
      if (!upn) {
        if (p.uasc) reason = 'UN4';
        else if (plan?.unknownReason) reason = plan.unknownReason;
        else if (p.dob !== null && ageOn(p.dob, this.asOfDay) < 5 && rng.chance(0.6))
          reason = 'UN1';
        else if (!plan && p.dob !== null && ageOn(p.dob, this.asOfDay) >= 5 && rng.chance(0.3)) {
          reason = rng.pick(['UN2', 'UN3']);
        }
      }
      const ethnicityRoll = rng.next();
      return {
        id: p.scId,
        givenName: p.given,
        familyName: p.family,
        dateOfBirth: p.dob !== null ? dateText(p.dob) : null,
        expectedDateOfBirth: p.edd !== null ? dateText(p.edd) : null,
        sex: p.sex,
        ethnicity: ethnicityRoll < 0.03 ? 'REFU' : ethnicityRoll < 0.07 ? 'NOBT' : p.ethnicity,
        nhsNumber: p.scNhs,
        upn,
        upnUnknownReason: reason,
        householdId: p.household?.scId ?? null,
        createdAt: iso(p.firstContactMs),
      };
    });

    const contacts: ScContact[] = [];
    const contactChildren: ScContactChild[] = [];
    const decisions = new Map<Person, Decision[]>();
    const referrals: ScReferral[] = [];
    const instants: FrontDoorInstants = { receivedMs: [], screenedMs: [], decidedMs: [] };
    const recentFrom = this.asOfMs - 48 * HOUR_MS;
    for (const c of this.contacts) {
      const id = `CT${pad(contacts.length + 1, 7)}`;
      const recent = c.receivedMs > recentFrom;
      let rag: Rag | null = rng.weighted(RAG_WEIGHTS);
      if (c.children.some((k) => k.uasc || k.dob === null) && rag === 'BLUE') rag = 'AMBER';
      const received = c.receivedMs;
      const localMinute = londonMinute(received);
      const kind = this.calendar.kind(londonDay(received));
      let screenedMs: number;
      if (kind === 'WEEKEND' || localMinute < 480 || localMinute >= 1140) {
        // Out of hours: screened when the MASH opens next morning.
        const day = londonDay(received) + (localMinute >= 480 ? 1 : 0);
        screenedMs = Math.max(received + 10 * MINUTE_MS, londonToUtc(day, rng.int(540, 630)));
      } else {
        const [lo, hi] =
          rag === 'RED'
            ? [10, 90]
            : rag === 'AMBER'
              ? [20, 180]
              : rag === 'GREEN'
                ? [30, 360]
                : [20, 240];
        screenedMs = received + rng.int(lo, hi) * MINUTE_MS;
      }
      const screened = screenedMs <= this.asOfMs && !(recent && rng.chance(0.35));
      if (!screened) rag = null;

      let decidedMs: number | null = null;
      if (screened && rag) {
        if (recent) {
          // The older a recent contact, the likelier it is already decided.
          const age = (this.asOfMs - received) / (48 * HOUR_MS);
          if (rng.chance(0.35 * age ** 2) && this.asOfMs - screenedMs > 10 * MINUTE_MS) {
            const room = this.asOfMs - screenedMs - 10 * MINUTE_MS;
            decidedMs = screenedMs + 10 * MINUTE_MS + Math.floor((rng.next() * room) / 1000) * 1000;
          }
        } else {
          let hours: number;
          if (rng.chance(0.065)) hours = Math.min(168, 24 + rng.exponential(30));
          else hours = rng.float(DECISION_HOURS[rag][0], DECISION_HOURS[rag][1]);
          decidedMs = received + Math.round(hours * HOUR_MS);
          if (kind === 'WEEKEND' && rag !== 'RED' && rng.chance(0.4)) {
            let day = londonDay(received) + 1;
            while (this.calendar.kind(day) === 'WEEKEND') day++;
            decidedMs = londonToUtc(day, rng.int(540, 1020));
          }
          decidedMs = Math.max(decidedMs, screenedMs + 10 * MINUTE_MS);
          if (decidedMs > this.asOfMs) decidedMs = null;
        }
      }
      contacts.push({
        id,
        receivedAt: iso(received),
        sourceCode: c.source,
        referrer: c.referrer,
        concern: c.concern,
        rag,
        screenedAt: screened ? iso(screenedMs) : null,
        team: c.team,
        ...UNFILLED_CONTACT,
      });
      instants.receivedMs.push(received);
      instants.screenedMs.push(screened ? screenedMs : NaN);
      let level: number | null = null;
      let outcome: ContactOutcome | null = null;
      for (const child of c.children) {
        let decided: number | null = decidedMs;
        if (decidedMs !== null && rag) {
          if (level === null || rng.chance(0.12)) {
            level = Number(rng.weighted(LEVEL_BY_RAG[rag]));
            outcome = rng.weighted(OUTCOME_BY_LEVEL[level] as Record<ContactOutcome, number>);
          }
          decided = Math.min(this.asOfMs, decidedMs + rng.int(0, 20) * MINUTE_MS);
        }
        contactChildren.push({
          contactId: id,
          childId: child.scId as string,
          decidedAt: decided !== null ? iso(decided) : null,
          level: decided !== null ? level : null,
          outcome: decided !== null ? outcome : null,
          ...UNFILLED_CONTACT_CHILD,
        });
        instants.decidedMs.push(decided ?? NaN);
        if (decided !== null && level !== null && outcome !== null) {
          const list = decisions.get(child) ?? [];
          list.push({ contact: c, decidedMs: decided, level, outcome });
          decisions.set(child, list);
        }
        if (
          decided !== null &&
          (outcome === 'ASSESSMENT_REQUIRED' || outcome === 'STRATEGY_DISCUSSION')
        ) {
          // ~95% completed within 72 hours, the rest within a fortnight.
          const quick = 1 + rng.exponential(18);
          const hours = rng.chance(0.95)
            ? quick <= 72
              ? quick
              : rng.float(1, 72)
            : rng.float(72, 14 * 24);
          const completed = decided + Math.round(hours * HOUR_MS);
          referrals.push({
            id: '',
            contactId: id,
            childId: child.scId as string,
            createdAt: iso(decided),
            completedAt: completed <= this.asOfMs ? iso(completed) : null,
            ...UNFILLED_REFERRAL,
          });
        }
      }
    }
    referrals.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    referrals.forEach((r, i) => (r.id = `RF${pad(i + 1, 6)}`));
    const { contactRatings, partnerChecks } = addFrontDoor(
      { children, contacts, contactChildren, referrals },
      instants,
      this.rng('front-door'),
      this.asOfMs,
    );
    const { assessments, childProtectionPlans, childProtectionVisits } = addAssessments(
      { contactChildren, referrals },
      this.rng('assessments'),
      this.asOfMs,
    );

    // Police: person index ids in order of first appearance.
    const policePersons: PolicePerson[] = [];
    const occurrences: PoliceOccurrence[] = [];
    const occurrencePersons: PoliceOccurrencePerson[] = [];
    const yearCounters = new Map<number, number>();
    for (const o of this.occurrences) {
      const id = `OC${pad(occurrences.length + 1, 6)}`;
      const year = cachedParts(londonDay(o.occurredMs)).year;
      const next = (yearCounters.get(year) ?? rng.int(100, 900)) + rng.int(1, 40);
      yearCounters.set(year, next);
      occurrences.push({
        id,
        reference: `OCC/${year}/${pad(next, 6)}`,
        occurredAt: iso(o.occurredMs),
        category: o.category,
        summary: o.summary,
      });
      for (const { person: p, role } of o.persons) {
        if (!p.policeId) this.addPolicePerson(rng, p, o.occurredMs, policePersons);
        occurrencePersons.push({ occurrenceId: id, personId: p.policeId as string, role });
      }
    }
    // Everyone intelligence is held on is linked to an occurrence, so already has a police id.
    const intelligenceItems: PoliceIntelligenceItem[] = this.intelligence.map((d, i) => ({
      id: `INT${pad(i + 1, 6)}`,
      personId: d.person.policeId as string,
      recordedAt: iso(d.recordedMs),
      sourceGrade: d.sourceGrade,
      informationGrade: d.informationGrade,
      handlingCode: d.handlingCode,
      handlingConditions: d.handlingConditions,
      content: d.content,
    }));

    // Health: patients in person order; attendances in arrival order.
    const patients: HealthPatient[] = [];
    for (const p of this.persons) {
      if (!p.inHealth || p.dob === null) continue;
      p.healthId = `HP${pad(patients.length + 1, 6)}`;
      const view = p.views.health as PartnerView;
      patients.push({
        id: p.healthId,
        nhsNumber: p.healthNhs,
        givenName: view.given,
        familyName: view.family,
        dateOfBirth: dateText(view.dob ?? p.dob),
        sex: p.sex,
        postcode: view.postcode,
        gpPracticeCode: p.gp?.code ?? null,
        gpPracticeName: p.gp?.name ?? null,
      });
    }
    const attendances: HealthAttendance[] = this.attendances.map((a, i) => ({
      id: `UC${pad(i + 1, 6)}`,
      patientId: a.person.healthId as string,
      arrivedAt: iso(a.arrivedMs),
      setting: a.setting,
      presentingReason: a.reason,
      site: a.site,
      sensitiveCategory: sensitiveCategoryOf(a.reason),
    }));

    const enrolmentRows = new Map<EnrolmentPlan, EducationEnrolment>();
    const education = this.assembleEducation(rng, new Set(scChildren), enrolmentRows);

    // The partners' own records, each from its own streams. Police go first (they may add
    // person-index records, after every existing one); education before health, because children
    // education takes off roll (home education, missing education) no longer see a school nurse.
    const built = this.builtWorld(
      decisions,
      new Set(adults.filter((a) => a.dateOfBirth !== null).map((a) => a.id)),
    );
    const asOfCentury = cachedParts(this.asOfDay).year % 100;
    const { maracConferences, ...policeRecords } = buildPoliceRecords(built, {
      idOf: (stream, p, firstMs) => this.addPolicePerson(stream, p, firstMs, policePersons),
      pncYear: (p) => {
        const pnc = p.policeId ? policePersons[Number(p.policeId.slice(2)) - 1].pncId : null;
        if (!pnc) return null;
        const yy = Number(pnc.slice(0, 2));
        return yy + (yy <= asOfCentury ? 2000 : 1900);
      },
    });
    const educationRecords = buildEducationRecords(built, education, enrolmentRows);
    const healthRecords = buildHealthRecords(built, maracConferences);
    const truth = this.assembleTruth();

    return {
      socialcare: {
        households,
        children,
        adults,
        contacts,
        contactChildren,
        contactRatings,
        partnerChecks,
        referrals,
        assessments,
        childProtectionPlans,
        childProtectionVisits,
      },
      police: {
        persons: policePersons,
        occurrences,
        occurrencePersons,
        intelligenceItems,
        intelligenceClearances: [],
        ...policeRecords,
      },
      health: { patients, attendances, ...healthRecords },
      education: { ...education, ...educationRecords },
      truth,
    };
  }

  /** The world so far as the partner-record builders read it. */
  private builtWorld(
    decisions: ReadonlyMap<Person, readonly Decision[]>,
    scAdultsWithDob: ReadonlySet<string>,
  ): BuiltWorld {
    const concerned = new Set<Household>();
    for (const [child, list] of decisions) {
      if (child.household && list.some((d) => d.level >= 3)) concerned.add(child.household);
    }
    for (const o of this.occurrences) {
      if (o.category !== 'DOMESTIC_ABUSE') continue;
      for (const { person, role } of o.persons) {
        if (person.household && (role === 'VICTIM' || role === 'PERPETRATOR')) {
          concerned.add(person.household);
        }
      }
    }
    const bySource = new Map<string, ContactDraft[]>();
    for (const c of this.contacts) {
      const list = bySource.get(c.source);
      if (list) list.push(c);
      else bySource.set(c.source, [c]);
    }
    const matchableAdult = (p: Person, agency: PartnerAgency): boolean =>
      p.kind === 'ADULT' &&
      p.scId !== null &&
      scAdultsWithDob.has(p.scId) &&
      p.views[agency] !== undefined &&
      p.views[agency].dob !== null &&
      withoutDiscrepancy(p);
    const listed = new Map<string, Person[]>();
    const listOnce = (key: string, accept: (p: Person) => boolean): Person[] => {
      let list = listed.get(key);
      if (!list) listed.set(key, (list = this.persons.filter(accept)));
      return list;
    };
    return {
      scale: this.scale,
      asOfMs: this.asOfMs,
      asOfDay: this.asOfDay,
      windowStartDay: this.windowStartDay,
      windowStartMs: this.windowStartMs,
      schoolAy: this.schoolAy,
      calendar: this.calendar,
      persons: this.persons,
      households: this.households,
      contacts: this.contacts,
      occurrences: this.occurrences,
      attendances: this.attendances,
      sensitiveAttendances: this.attendances.filter((a) => sensitiveCategoryOf(a.reason) !== null),
      contactsFrom: (source) => bySource.get(source) ?? [],
      practices: this.practices,
      decisions,
      concerned,
      rng: (stream) => this.rng(stream),
      scaled: (perScale, floor) => this.scaled(perScale, floor),
      matchableChild: (p, agency) => this.matchableChild(p, agency),
      matchableAdult,
      matchableChildren: (agency) =>
        listOnce(`CHILD/${agency}`, (p) => this.matchableChild(p, agency)),
      matchableAdults: (agency) => listOnce(`ADULT/${agency}`, (p) => matchableAdult(p, agency)),
    };
  }

  /**
   * Gives a person a police person-index record, first noticed at `firstMs`: a PNC ID for most
   * adults with a police record and some older children. A person police did not hold before gets
   * police's view of them (and its discrepancies) first.
   */
  private addPolicePerson(
    rng: Rng,
    p: Person,
    firstMs: number,
    policePersons: PolicePerson[],
  ): string {
    if (p.policeId) return p.policeId;
    if (!p.views.police) {
      p.inPolice = true;
      this.decideView(rng, p, 'police');
    }
    p.policeId = `PP${pad(policePersons.length + 1, 6)}`;
    const view = p.views.police as PartnerView;
    const dob = p.dob as number;
    const age = ageOn(dob, this.asOfDay);
    let pncId: string | null = null;
    const recordChance = p.policeRecord
      ? age >= 18
        ? 0.8
        : age >= 10
          ? 0.35
          : 0
      : age >= 18
        ? 0.08
        : 0;
    if (rng.chance(recordChance)) {
      const firstYear = Math.max(cachedParts(dob).year + (age >= 18 ? 16 : 10), 1995);
      const lastYear = Math.max(firstYear, cachedParts(londonDay(firstMs)).year);
      pncId = this.newPncId(rng, firstYear, lastYear);
    }
    policePersons.push({
      id: p.policeId,
      givenName: view.given,
      familyName: view.family,
      dateOfBirth: view.dob !== null ? dateText(view.dob) : null,
      sex: p.sex,
      postcode: view.postcode,
      pncId,
    });
    return p.policeId;
  }

  /**
   * Education's schools, pupils, enrolments and attendance; `rowOf` receives each planned
   * enrolment's row, for the records that later change it.
   */
  private assembleEducation(
    rng: Rng,
    inSocialcare: Set<Person>,
    rowOf: Map<EnrolmentPlan, EducationEnrolment>,
  ): Pick<EducationData, 'schools' | 'pupils' | 'formerUpns' | 'enrolments' | 'attendance'> {
    const schools: EducationSchool[] = this.schools.map((s) => ({
      urn: s.urn,
      name: s.name,
      phase: s.phase,
    }));
    const pupils: EducationPupil[] = [];
    const formerUpns: EducationFormerUpn[] = [];
    const enrolments: EducationEnrolment[] = [];
    const attendance: EducationAttendance[] = [];
    const terms = [
      ...academicYearTerms(this.schoolAy - 1),
      ...academicYearTerms(this.schoolAy),
    ].filter((t) => t.start <= this.asOfDay);
    for (const p of this.persons) {
      const plan = p.pupil;
      if (!plan) continue;
      p.educationId = `PU${pad(pupils.length + 1, 6)}`;
      const view = p.views.education as PartnerView;
      pupils.push({
        id: p.educationId,
        upn: plan.upn,
        upnUnknownReason: plan.upn ? null : plan.unknownReason,
        givenName: view.given,
        familyName: view.family,
        dateOfBirth: dateText(view.dob ?? (p.dob as number)),
        sex: p.sex,
        postcode: view.postcode,
      });
      if (plan.formerUpn) formerUpns.push({ pupilId: p.educationId, upn: plan.formerUpn });

      // Attendance propensity: most pupils attend well; children known to socialcare less so.
      const known = inSocialcare.has(p);
      const roll = rng.next();
      const severe = known ? 0.05 : 0.015;
      const persistent = known ? 0.22 : 0.11;
      const rate =
        roll < severe
          ? rng.float(0.25, 0.5)
          : roll < severe + persistent
            ? rng.float(0.62, 0.9)
            : rng.float(0.915, 0.995);
      const unauthorisedShare = rate < 0.9 ? rng.float(0.4, 0.75) : rng.float(0.1, 0.4);

      for (const e of plan.enrolments) {
        const enrolmentId = `EN${pad(enrolments.length + 1, 6)}`;
        const row: EducationEnrolment = {
          id: enrolmentId,
          pupilId: p.educationId,
          schoolUrn: e.school.urn,
          startDate: dateText(e.start),
          endDate: e.end !== null ? dateText(e.end) : null,
        };
        enrolments.push(row);
        rowOf.set(e, row);
        for (const term of terms) {
          const from = Math.max(term.start, e.start);
          const to = Math.min(term.end, e.end ?? Infinity, this.asOfDay - 1);
          const possible = 2 * this.calendar.schoolDays(from, to);
          if (possible <= 0) continue;
          const termRate = Math.min(1, Math.max(0, rate + 0.02 * rng.normal()));
          const attended = Math.round(possible * termRate);
          const absent = possible - attended;
          const unauthorised = Math.round(absent * unauthorisedShare);
          attendance.push({
            enrolmentId,
            academicYear: term.academicYear,
            term: term.term,
            possibleSessions: possible,
            attendedSessions: attended,
            authorisedAbsences: absent - unauthorised,
            unauthorisedAbsences: unauthorised,
          });
        }
      }
    }
    return { schools, pupils, formerUpns, enrolments, attendance };
  }

  private assembleTruth(): World['truth'] {
    const people: TruthPerson[] = [];
    for (const p of this.persons) {
      if (!p.scId && !p.policeId && !p.healthId && !p.educationId) continue;
      const discrepancies: TruthPerson['discrepancies'] = {};
      for (const agency of ['socialcare', 'police', 'health', 'education'] as const) {
        const held =
          agency === 'socialcare'
            ? p.scId
            : agency === 'police'
              ? p.policeId
              : agency === 'health'
                ? p.healthId
                : p.educationId;
        const list = p.disc[agency];
        if (held && list && list.length > 0) discrepancies[agency] = [...list];
      }
      people.push({
        key: `T${pad(people.length + 1, 6)}`,
        kind: p.kind,
        unborn: p.kind === 'CHILD' && p.dob === null,
        twinGroup: p.twinGroup,
        socialcareId: p.scId,
        policeId: p.policeId,
        healthId: p.healthId,
        educationId: p.educationId,
        discrepancies,
      });
    }
    return {
      seed: this.seed,
      scale: this.scale,
      asOf: new Date(this.asOfMs).toISOString(),
      people,
    };
  }
}

/**
 * Generates one synthetic London borough's agency data and its ground truth. Deterministic: the
 * same seed, scale, asOf and months always give the same world (JSON.stringify-equal).
 * Scale 1 is ~25,000 children and ~2,000 contacts a month; every count scales linearly, and
 * every hard case appears at least a few times at any scale.
 */
export function generateWorld(options: GenerateOptions): World {
  return new WorldBuilder(options).build();
}

/** The accent folding used for ACCENT_DROPPED records (tests use it to check them). */
export { stripAccents };
