/**
 * Health's own records beyond patients and unscheduled care: GP registration history, health
 * visiting and school nursing contacts, CAMHS referrals, maternity episodes, coded safeguarding
 * flags and parents' health recorded as bearing on the children. Built from the population, the
 * contacts (what a health referrer said), social care's decisions (CP plans follow strategy
 * discussions), the unscheduled care attendances and the MARAC conferences police hold; each part
 * draws from its own rng stream.
 */
import { MINUTE_MS, academicYearOf, dayOf, londonDay, londonToUtc } from './calendar';
import {
  MIN_HARD_CASES,
  ageOn,
  dateText,
  iso,
  pad,
  randomSchoolDay,
  weekdayOnOrAfter,
  type BuiltWorld,
  type Household,
  type Person,
} from './model';
import type { Rng } from './random';
import {
  CAMHS_REASONS,
  COMMUNITY_NOTES,
  CP_CATEGORIES,
  FLAG_NOTES,
  MATERNITY_CONCERNS,
  MATERNITY_CONCERN_BY_PRE_BIRTH,
  PARENTAL_CONCERN_BY_CONCERN,
  PARENTAL_CONCERN_NOTES,
  SCHOOL_NURSE_REFERRAL_NOTE,
  SENSITIVE_REASONS,
} from './texts/health';
import { CONCERNS, PRE_BIRTH_CONCERNS } from './texts/socialcare';
import type {
  CamhsStatus,
  CommunityService,
  HealthCamhsReferral,
  HealthCommunityContact,
  HealthData,
  HealthGpRegistration,
  HealthMaternityEpisode,
  HealthParentalConcern,
  HealthSafeguardingFlag,
  ParentalConcernKind,
  SafeguardingFlagCode,
} from './world/types';

/** The records this module adds to health's data. */
export type HealthRecords = Pick<
  HealthData,
  | 'gpRegistrations'
  | 'communityContacts'
  | 'camhsReferrals'
  | 'maternityEpisodes'
  | 'safeguardingFlags'
  | 'parentalConcerns'
>;

/** How many practices a patient was registered with before the current one (0, 1, 2), by weight. */
const EARLIER_PRACTICES = { baby: [92, 8], child: [70, 24, 6], adult: [55, 30, 15] };
/** Health visiting reviews: kind, days after birth (from, to), and share that take place. */
const HEALTH_VISITING_REVIEWS: readonly [string, number, number, number][] = [
  ['NEW_BIRTH_VISIT', 10, 14, 0.98],
  ['SIX_TO_EIGHT_WEEK_REVIEW', 42, 56, 0.9],
  ['ONE_YEAR_REVIEW', 274, 365, 0.8],
  ['TWO_YEAR_REVIEW', 730, 913, 0.75],
];
/** The latest day after birth a review can fall on (weekends move it to the Monday). */
const LAST_REVIEW_DAY = 913 + 2;
/** Chance of safeguarding visits by health after a decision, by continuum-of-need level. */
const SAFEGUARDING_VISIT_SHARE: Record<number, number> = { 3: 0.08, 4: 0.35 };
/** Share of appointments a child is not brought to; higher where there are concerns. */
const NOT_BROUGHT_SHARE = { usual: 0.07, concerned: 0.2 };
/** School nurse drop-ins a year for pupils aged 11 or over. */
const DROP_INS_PER_YEAR = { usual: 0.06, concerned: 0.12 };
/** Chance of a CAMHS referral in the window for a child aged 5-17 throughout it. */
const CAMHS_SHARE = { usual: 0.03, concerned: 0.09 };
/** Chance a child's mental-health attendance at unscheduled care is followed by a referral. */
const CAMHS_AFTER_ATTENDANCE = 0.6;
/** Share of children with a strategy discussion who go on to a CP plan, and then into care. */
const CP_PLAN_SHARE = 0.25;
const LOOKED_AFTER_SHARE = 0.25;
/** Share of the others who come straight into care. */
const STRAIGHT_INTO_CARE_SHARE = 0.1;
/** Parents' health recorded as bearing on the children, per household adult over the window. */
const PARENTAL_SHARE: Record<ParentalConcernKind, { usual: number; concerned: number }> = {
  MENTAL_HEALTH: { usual: 0.02, concerned: 0.05 },
  SUBSTANCE_MISUSE: { usual: 0.006, concerned: 0.03 },
  ALCOHOL_MISUSE: { usual: 0.008, concerned: 0.03 },
};
const PARENTAL_KINDS = Object.keys(PARENTAL_SHARE) as ParentalConcernKind[];

const PRE_BIRTH_TEXTS = new Set(Object.values(PRE_BIRTH_CONCERNS).flat());
/** The sources whose contacts can tell of a parent's health (PARENTAL_CONCERN_BY_CONCERN). */
const PARENTAL_SOURCES = [
  ...new Set([
    ...Object.entries(CONCERNS)
      .filter(([, templates]) => templates.some((t) => t.text in PARENTAL_CONCERN_BY_CONCERN))
      .map(([source]) => source),
    ...Object.entries(PRE_BIRTH_CONCERNS)
      .filter(([, texts]) => texts.some((t) => t in PARENTAL_CONCERN_BY_CONCERN))
      .map(([source]) => source),
  ]),
];

/** A local date as an instant at a time in office hours, seconds resolution. */
function officeHours(rng: Rng, day: number): number {
  return londonToUtc(day, rng.int(9 * 60, 16 * 60 + 30)) + rng.int(0, 59) * 1000;
}

/**
 * Builds health's GP registrations, community contacts, CAMHS referrals, maternity episodes,
 * safeguarding flags and parental concerns. Every record is on a patient health already holds.
 */
export function buildHealthRecords(
  world: BuiltWorld,
  maracConferences: readonly { victim: Person; day: number }[],
): HealthRecords {
  const patients = world.persons.filter((p) => p.healthId !== null && p.dob !== null);
  const children = patients.filter((p) => p.kind === 'CHILD');
  const parentalConcerns = buildParentalConcerns(world);
  return {
    gpRegistrations: buildGpRegistrations(world, patients),
    communityContacts: buildCommunityContacts(world, children),
    camhsReferrals: buildCamhs(world, children),
    maternityEpisodes: buildMaternity(world),
    safeguardingFlags: buildFlags(world, maracConferences, parentalConcerns),
    parentalConcerns: parentalConcerns.rows,
  };
}

/** The later of the true date of birth and health's own record of it. */
function recordedBirth(p: Person): number {
  return Math.max(p.dob as number, p.views.health?.dob ?? (p.dob as number));
}

// ------------------------------------------------------------ GP registrations

function registration(
  patientId: string,
  practice: { code: string; name: string },
  from: number,
  to: number | null,
): HealthGpRegistration {
  return {
    patientId,
    practiceCode: practice.code,
    practiceName: practice.name,
    registeredFrom: dateText(from),
    registeredTo: to !== null ? dateText(to) : null,
  };
}

function buildGpRegistrations(world: BuiltWorld, patients: Person[]): HealthGpRegistration[] {
  const rng = world.rng('health-gp');
  const rows: HealthGpRegistration[] = [];
  const other = (not: string | null): { code: string; name: string } => {
    for (let i = 0; i < 10; i++) {
      const practice = rng.pick(world.practices);
      if (practice.code !== not) return practice;
    }
    return rng.pick(world.practices);
  };
  for (const p of patients) {
    const born = recordedBirth(p);
    const age = ageOn(p.dob as number, world.asOfDay);
    // Babies are registered within weeks of birth; adults since some time in the last 30 years.
    const first = Math.min(
      world.asOfDay,
      p.kind === 'CHILD'
        ? born + rng.int(7, 42)
        : Math.max(born, world.asOfDay - rng.int(1, 30) * 365 - rng.int(0, 364)),
    );
    const moves = rng.weightedIndex(
      p.kind === 'ADULT'
        ? EARLIER_PRACTICES.adult
        : age < 2
          ? EARLIER_PRACTICES.baby
          : EARLIER_PRACTICES.child,
    );
    const cuts: number[] = [];
    for (let k = 0; k < moves && world.asOfDay - 7 - first > 60; k++) {
      cuts.push(rng.int(first + 30, world.asOfDay - 7));
    }
    cuts.sort((a, b) => a - b);
    const patientId = p.healthId as string;
    if (!p.gp) {
      // No current practice: some were registered once and have since been removed.
      if (rng.chance(0.5) && world.asOfDay - 30 > first + 30) {
        const practice = other(null);
        rows.push(
          registration(patientId, practice, first, rng.int(first + 30, world.asOfDay - 30)),
        );
      }
      continue;
    }
    let from = first;
    let previous: string | null = p.gp.code;
    const earlier = cuts.map(() => other(null));
    // Each earlier practice differs from the one after it.
    for (let k = earlier.length - 1; k >= 0; k--) {
      if (earlier[k].code === previous) earlier[k] = other(previous);
      previous = earlier[k].code;
    }
    cuts.forEach((cut, k) => {
      if (cut < from) return;
      rows.push(registration(patientId, earlier[k], from, cut));
      from = Math.min(world.asOfDay, cut + rng.int(0, 14));
    });
    rows.push(registration(patientId, p.gp, from, null));
  }
  return rows;
}

// ------------------------------------------------------------ community contacts

interface CommunityDraft {
  seq: number;
  person: Person;
  at: number;
  service: CommunityService;
  kind: string;
  wasNotBrought: boolean;
  note: string;
}

function buildCommunityContacts(world: BuiltWorld, children: Person[]): HealthCommunityContact[] {
  const rng = world.rng('health-community');
  const drafts: CommunityDraft[] = [];
  const add = (
    person: Person,
    at: number,
    service: CommunityService,
    kind: string,
    wasNotBrought: boolean,
    note?: string,
  ): void => {
    if (at > world.asOfMs || at < world.windowStartMs) return;
    drafts.push({
      seq: drafts.length,
      person,
      at,
      service,
      kind,
      wasNotBrought,
      note: note ?? rng.pick(COMMUNITY_NOTES[wasNotBrought ? 'NOT_BROUGHT' : kind]),
    });
  };
  const enrolledOn = (p: Person, day: number): boolean =>
    p.pupil?.enrolments.some((e) => e.start <= day && (e.end === null || e.end >= day)) ?? false;

  // Contacts a health visitor or school nurse made to the MASH follow a contact with the child.
  const visitedAtBirth = new Set<Person>();
  const unseenBefore = new Map<Person, number>();
  for (const c of [...world.contactsFrom('3B'), ...world.contactsFrom('3C')]) {
    const child = c.children[0];
    if (!child || !child.healthId || child.dob === null) continue;
    const day = londonDay(c.receivedMs);
    const sameDay = Math.max(londonToUtc(day, 8 * 60), c.receivedMs - rng.int(30, 240) * MINUTE_MS);
    if (c.source === '3B') {
      if (c.concern.includes('not seen since birth')) {
        unseenBefore.set(child, day);
      } else if (c.concern.includes('new birth visit')) {
        visitedAtBirth.add(child);
        add(child, sameDay, 'HEALTH_VISITING', 'NEW_BIRTH_VISIT', false);
      } else {
        add(child, sameDay, 'HEALTH_VISITING', 'HOME_VISIT', false);
      }
    } else if (c.source === '3C') {
      add(child, sameDay, 'SCHOOL_NURSING', 'DROP_IN', false, SCHOOL_NURSE_REFERRAL_NOTE);
    }
  }

  for (const p of children) {
    const dob = p.dob as number;
    const concerned = p.household !== null && world.concerned.has(p.household);
    const notBrought = concerned ? NOT_BROUGHT_SHARE.concerned : NOT_BROUGHT_SHARE.usual;
    // Health visiting: the mandated reviews of the first two years.
    for (const [kind, from, to, share] of dob + LAST_REVIEW_DAY >= world.windowStartDay
      ? HEALTH_VISITING_REVIEWS
      : []) {
      const day = weekdayOnOrAfter(dob + rng.int(from, to));
      if (day < world.windowStartDay || day > world.asOfDay) continue;
      if (kind === 'NEW_BIRTH_VISIT' && visitedAtBirth.has(p)) continue;
      const unseen = (unseenBefore.get(p) ?? -Infinity) > day;
      if (!unseen && !rng.chance(share)) continue;
      // A new birth visit is at home: no one is 'brought' to it.
      const missed = unseen || (kind !== 'NEW_BIRTH_VISIT' && rng.chance(notBrought));
      add(p, officeHours(rng, day), 'HEALTH_VISITING', kind, missed);
      if (missed && !unseen && rng.chance(0.65)) {
        const again = weekdayOnOrAfter(day + rng.int(14, 35));
        if (again <= world.asOfDay) add(p, officeHours(rng, again), 'HEALTH_VISITING', kind, false);
      }
    }
    if (!p.pupil) continue;
    // School nursing: the reception year review, then drop-ins at secondary age.
    // Reception is the academic year in which the child is 4 on 31 August.
    const reception = academicYearOf(dob) + 5;
    if (reception >= world.schoolAy - 2 && reception <= world.schoolAy && rng.chance(0.9)) {
      const day = schoolDay(world, rng, dayOf(reception, 9, 15), dayOf(reception, 12, 15));
      if (day !== null && enrolledOn(p, day)) {
        add(p, officeHours(rng, day), 'SCHOOL_NURSING', 'SCHOOL_ENTRY_REVIEW', false);
      }
    }
    const from = Math.max(world.windowStartDay, dob + 11 * 365);
    if (from < world.asOfDay) {
      const rate = concerned ? DROP_INS_PER_YEAR.concerned : DROP_INS_PER_YEAR.usual;
      const n = rng.poisson((rate * (world.asOfDay - from)) / 365);
      for (let k = 0; k < n; k++) {
        const day = schoolDay(world, rng, from, world.asOfDay - 1);
        if (day !== null && enrolledOn(p, day)) {
          add(p, officeHours(rng, day), 'SCHOOL_NURSING', 'DROP_IN', false);
        }
      }
    }
  }

  // Safeguarding visits after social care judged a concern level 3 or 4.
  for (const [child, list] of world.decisions) {
    if (!child.healthId || child.dob === null) continue;
    let lastUsed = -Infinity;
    for (const d of list) {
      const day = londonDay(d.decidedMs);
      if (day - lastUsed < 120 || !rng.chance(SAFEGUARDING_VISIT_SHARE[d.level] ?? 0)) continue;
      lastUsed = day;
      let visit = day;
      for (let k = 0, n = rng.chance(0.4) ? 2 : 1; k < n; k++) {
        visit = weekdayOnOrAfter(visit + rng.int(k === 0 ? 3 : 20, k === 0 ? 45 : 60));
        if (visit > world.asOfDay) break;
        const age = ageOn(child.dob, visit);
        if (age < 0) continue;
        const service: CommunityService = age < 5 ? 'HEALTH_VISITING' : 'SCHOOL_NURSING';
        add(child, officeHours(rng, visit), service, 'SAFEGUARDING_VISIT', false);
      }
    }
  }

  drafts.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return drafts.map((d, i) => ({
    id: `HV${pad(i + 1, 6)}`,
    patientId: d.person.healthId as string,
    at: iso(d.at),
    service: d.service,
    kind: d.kind,
    wasNotBrought: d.wasNotBrought,
    note: d.note,
  }));
}

/** A school day in [from, to] inside the history window, drawn at random; null if none is found. */
function schoolDay(world: BuiltWorld, rng: Rng, from: number, to: number): number | null {
  return randomSchoolDay(
    world.calendar,
    rng,
    Math.max(from, world.windowStartDay),
    Math.min(to, world.asOfDay),
  );
}

// ------------------------------------------------------------ CAMHS

function buildCamhs(world: BuiltWorld, children: Person[]): HealthCamhsReferral[] {
  const rng = world.rng('health-camhs');
  const drafts: { seq: number; person: Person; day: number; reason: string; accepted: boolean }[] =
    [];
  const last = new Map<Person, number>();
  const refer = (person: Person, day: number, reason: string, accepted = false): boolean => {
    if (day > world.asOfDay || day < world.windowStartDay) return false;
    const age = ageOn(person.dob as number, day);
    // One referral per episode of care: none within six months of the last.
    if (age < 5 || age > 17 || Math.abs(day - (last.get(person) ?? -Infinity)) < 183) return false;
    last.set(person, day);
    drafts.push({ seq: drafts.length, person, day, reason, accepted });
    return true;
  };
  const crisisReason = (): string => rng.pick(CAMHS_REASONS.CRISIS);

  // A referral known to the contact: the CAMHS clinician referring on already holds the child.
  const referrers = ['3F', '2A', '3C'].flatMap((source) => world.contactsFrom(source));
  for (const c of referrers) {
    const child = c.children[0];
    if (!child?.healthId || child.dob === null) continue;
    const day = londonDay(c.receivedMs);
    if (c.concern.startsWith('CAMHS:')) {
      refer(child, Math.max(world.windowStartDay, day - rng.int(30, 300)), crisisReason(), true);
    } else if ((c.source === '2A' || c.source === '3C') && /self-harm/i.test(c.concern)) {
      refer(child, day + rng.int(1, 21), crisisReason());
    }
  }
  for (const a of world.sensitiveAttendances) {
    const p = a.person;
    if (p.kind !== 'CHILD' || !p.healthId || SENSITIVE_REASONS[a.reason] !== 'MENTAL_HEALTH')
      continue;
    if (rng.chance(CAMHS_AFTER_ATTENDANCE)) {
      refer(p, londonDay(a.arrivedMs) + rng.int(1, 14), crisisReason());
    }
  }
  const witnessed = new Set<Person>();
  for (const o of world.occurrences) {
    if (o.category !== 'DOMESTIC_ABUSE') continue;
    for (const { person, role } of o.persons) if (role === 'CHILD_PRESENT') witnessed.add(person);
  }
  const baseline = (p: Person): boolean => {
    const dob = p.dob as number;
    const from = Math.max(world.windowStartDay, dob + 5 * 365 + 2);
    const to = Math.min(world.asOfDay, dob + 18 * 365 - 5);
    if (to <= from) return false;
    const concerned = p.household !== null && world.concerned.has(p.household);
    const share = (concerned ? CAMHS_SHARE.concerned : CAMHS_SHARE.usual) * ((to - from) / 730);
    if (!rng.chance(share)) return false;
    const day = rng.int(from, to);
    const age = ageOn(dob, day);
    const reason =
      witnessed.has(p) && rng.chance(0.4)
        ? CAMHS_REASONS.DOMESTIC_ABUSE[0]
        : rng.pick(age < 12 ? CAMHS_REASONS.CHILD : CAMHS_REASONS.TEEN);
    return refer(p, day, reason);
  };
  for (const p of children) baseline(p);
  // At any scale, a few matchable children have been referred.
  const matchable = world.matchableChildren('health');
  let count = matchable.filter((p) => last.has(p)).length;
  for (const p of rng.shuffle(matchable.filter((x) => !last.has(x)))) {
    if (count >= MIN_HARD_CASES) break;
    const dob = p.dob as number;
    const from = Math.max(world.windowStartDay, dob + 5 * 365 + 2);
    const to = Math.min(world.asOfDay, dob + 18 * 365 - 5);
    if (to > from && refer(p, rng.int(from, to), rng.pick(CAMHS_REASONS.TEEN))) count++;
  }

  drafts.sort((a, b) => a.day - b.day || a.seq - b.seq);
  return drafts.map((d, i) => ({
    id: `CM${pad(i + 1, 6)}`,
    patientId: d.person.healthId as string,
    referredOn: dateText(d.day),
    reason: d.reason,
    status: d.accepted ? 'ACCEPTED' : camhsStatus(rng, world.asOfDay - d.day),
  }));
}

/** Where a referral stands after so many days: waiting at first, decided and discharged later. */
function camhsStatus(rng: Rng, days: number): CamhsStatus {
  if (days < 30) return rng.weighted({ WAITING: 80, ACCEPTED: 10, DECLINED: 10, DISCHARGED: 0 });
  if (days < 180) return rng.weighted({ WAITING: 35, ACCEPTED: 35, DECLINED: 20, DISCHARGED: 10 });
  return rng.weighted({ WAITING: 5, ACCEPTED: 30, DECLINED: 20, DISCHARGED: 45 });
}

// ------------------------------------------------------------ maternity

function buildMaternity(world: BuiltWorld): HealthMaternityEpisode[] {
  const rng = world.rng('health-maternity');
  const preBirth = new Map<Person, string>();
  for (const c of Object.keys(PRE_BIRTH_CONCERNS).flatMap((s) => world.contactsFrom(s))) {
    for (const child of c.children) {
      if (child.dob === null && PRE_BIRTH_TEXTS.has(c.concern)) preBirth.set(child, c.concern);
    }
  }
  const drafts: { seq: number; booked: number; row: HealthMaternityEpisode }[] = [];
  for (const h of world.households) {
    const mother = h.adults.find((a) => a.relationship === 'MOTHER');
    if (!mother?.healthId || mother.dob === null) continue;
    const concerned = world.concerned.has(h);
    for (const child of h.children) {
      const due = child.dob ?? child.edd;
      if (due === null || due < world.windowStartDay) continue;
      if (child.twinGroup && child !== h.children.find((c) => c.twinGroup === child.twinGroup)) {
        continue;
      }
      // Born up to three weeks before the due date or two after (twins earlier).
      const edd =
        child.edd ?? (child.dob as number) + (child.twinGroup ? rng.int(14, 35) : rng.int(-14, 21));
      const referral = preBirth.get(child);
      const mapped = referral ? MATERNITY_CONCERN_BY_PRE_BIRTH[referral] : undefined;
      const late = mapped?.late ?? rng.chance(concerned ? 0.15 : 0.05);
      const gestation = late ? rng.int(141, 196) : rng.int(56, 90);
      const booked = Math.min(world.asOfDay, edd - 280 + gestation);
      const concerns: string[] = [];
      if (late) {
        concerns.push(
          MATERNITY_CONCERNS.LATE_BOOKING.replace(
            '{weeks}',
            String(Math.floor((booked - (edd - 280)) / 7)),
          ),
        );
      }
      if (mapped?.concern) concerns.push(mapped.concern);
      else if (rng.chance(concerned ? 0.25 : 0.06)) {
        concerns.push(rng.pick(MATERNITY_CONCERNS.GENERAL));
      }
      if (ageOn(mother.dob, booked) < 18) concerns.push(MATERNITY_CONCERNS.UNDER_18);
      drafts.push({
        seq: drafts.length,
        booked,
        row: {
          id: '',
          motherPatientId: mother.healthId,
          bookedOn: dateText(booked),
          expectedDeliveryDate: dateText(edd),
          deliveredOn: child.dob !== null ? dateText(child.dob) : null,
          babyPatientId: child.dob !== null ? child.healthId : null,
          concerns: concerns.length > 0 ? concerns.join('; ') : null,
        },
      });
    }
  }
  drafts.sort((a, b) => a.booked - b.booked || a.seq - b.seq);
  return drafts.map((d, i) => ({ ...d.row, id: `MT${pad(i + 1, 6)}` }));
}

// ------------------------------------------------------------ parental concerns

interface ParentalConcerns {
  rows: HealthParentalConcern[];
  /** Adults with any parental concern, for safeguarding flags. */
  adults: Set<Person>;
}

function buildParentalConcerns(world: BuiltWorld): ParentalConcerns {
  const rng = world.rng('health-parental');
  const drafts: { seq: number; person: Person; kind: ParentalConcernKind; day: number }[] = [];
  const have = new Map<Person, Set<ParentalConcernKind>>();
  // A parent: an adult of a household with children, whom health holds.
  const isParent = (a: Person): boolean =>
    a.kind === 'ADULT' &&
    a.household !== null &&
    a.household.children.length > 0 &&
    a.healthId !== null &&
    a.dob !== null;
  const record = (person: Person, kind: ParentalConcernKind, day: number): boolean => {
    const kinds = have.get(person) ?? new Set<ParentalConcernKind>();
    if (kinds.has(kind) || day < world.windowStartDay || day > world.asOfDay) return false;
    kinds.add(kind);
    have.set(person, kinds);
    drafts.push({ seq: drafts.length, person, kind, day });
    return true;
  };

  // What a health referrer told the MASH about a parent, health recorded first.
  for (const c of PARENTAL_SOURCES.flatMap((source) => world.contactsFrom(source))) {
    const kind = PARENTAL_CONCERN_BY_CONCERN[c.concern];
    if (!kind || !c.household) continue;
    const adults = c.household.adults.filter(isParent);
    const mother = adults.find((a) => a.relationship === 'MOTHER');
    const parent =
      mother && (kind !== 'ALCOHOL_MISUSE' || rng.chance(0.5))
        ? mother
        : adults.length > 0
          ? rng.pick(adults)
          : null;
    if (parent)
      record(
        parent,
        kind,
        Math.max(world.windowStartDay, londonDay(c.receivedMs) - rng.int(0, 14)),
      );
  }
  // A parent's own attendances at unscheduled care.
  for (const a of world.sensitiveAttendances) {
    const p = a.person;
    if (p.kind !== 'ADULT' || !p.household || !p.healthId) continue;
    const category = SENSITIVE_REASONS[a.reason];
    const kind: ParentalConcernKind | null =
      category === 'MENTAL_HEALTH'
        ? 'MENTAL_HEALTH'
        : a.reason === 'Alcohol intoxication'
          ? 'ALCOHOL_MISUSE'
          : a.reason === 'Drug intoxication'
            ? 'SUBSTANCE_MISUSE'
            : null;
    if (kind && isParent(p) && rng.chance(kind === 'MENTAL_HEALTH' ? 0.35 : 0.3)) {
      record(p, kind, londonDay(a.arrivedMs) + rng.int(1, 21));
    }
  }
  // And the rest: what GPs and mental health services record in the ordinary course.
  for (const adult of world.persons) {
    if (!isParent(adult)) continue;
    const concerned = world.concerned.has(adult.household as Household);
    for (const kind of PARENTAL_KINDS) {
      const share = concerned ? PARENTAL_SHARE[kind].concerned : PARENTAL_SHARE[kind].usual;
      if (rng.chance(share)) record(adult, kind, rng.int(world.windowStartDay, world.asOfDay));
    }
  }
  // At any scale, a few matchable parents have each kind.
  const matchable = world.matchableAdults('health').filter(isParent);
  for (const kind of PARENTAL_KINDS) {
    let count = matchable.filter((a) => have.get(a)?.has(kind)).length;
    for (const adult of rng.shuffle([...matchable])) {
      if (count >= MIN_HARD_CASES) break;
      if (record(adult, kind, rng.int(world.windowStartDay, world.asOfDay))) count++;
    }
  }

  drafts.sort((a, b) => a.day - b.day || a.seq - b.seq);
  return {
    rows: drafts.map((d, i) => ({
      id: `PC${pad(i + 1, 6)}`,
      patientId: d.person.healthId as string,
      kind: d.kind,
      recordedOn: dateText(d.day),
      note: rng.pick(PARENTAL_CONCERN_NOTES[d.kind]),
    })),
    adults: new Set(drafts.map((d) => d.person)),
  };
}

// ------------------------------------------------------------ safeguarding flags

interface FlagDraft {
  seq: number;
  person: Person;
  code: SafeguardingFlagCode;
  start: number;
  end: number | null;
  note: string;
}

function buildFlags(
  world: BuiltWorld,
  maracConferences: readonly { victim: Person; day: number }[],
  parental: ParentalConcerns,
): HealthSafeguardingFlag[] {
  const rng = world.rng('health-flags');
  const drafts: FlagDraft[] = [];
  const byPerson = new Map<Person, FlagDraft[]>();
  const add = (
    person: Person,
    code: SafeguardingFlagCode,
    start: number,
    end: number | null,
    note: string,
  ): boolean => {
    if (!person.healthId || start > world.asOfDay || start < (person.dob ?? Infinity)) return false;
    // One flag of a code open at a time.
    const own = byPerson.get(person) ?? [];
    if (own.some((f) => f.code === code && (f.end === null || f.end >= start))) return false;
    const flag: FlagDraft = {
      seq: drafts.length,
      person,
      code,
      start,
      end: end !== null && end <= world.asOfDay ? end : null,
      note,
    };
    drafts.push(flag);
    own.push(flag);
    byPerson.set(person, own);
    return true;
  };
  const cpNote = (): string =>
    FLAG_NOTES.CP_PLAN.replace('{category}', rng.weighted(CP_CATEGORIES));
  /** A CP plan from `start`; some children then come into care, which ends the plan. */
  const plan = (child: Person, start: number, intoCare: number): void => {
    let end: number | null = start + rng.int(180, 600);
    const care = rng.chance(intoCare) ? start + rng.int(30, 300) : null;
    if (care !== null && care <= world.asOfDay && (end === null || care < end)) end = care;
    if (!add(child, 'CP_PLAN', start, end, cpNote())) return;
    if (care !== null && care <= world.asOfDay) {
      add(
        child,
        'LOOKED_AFTER',
        care,
        rng.chance(0.8) ? null : care + rng.int(90, 500),
        rng.pick(FLAG_NOTES.LOOKED_AFTER),
      );
    }
  };

  // Child protection plans follow strategy discussions (an initial conference within 15 working
  // days); a child transferred in on a plan arrives with it.
  for (const [child, list] of world.decisions) {
    if (!child.healthId || child.dob === null) continue;
    const strategy = list.find((d) => d.outcome === 'STRATEGY_DISCUSSION');
    if (strategy) {
      const day = londonDay(strategy.decidedMs);
      if (rng.chance(CP_PLAN_SHARE)) plan(child, day + rng.int(10, 25), LOOKED_AFTER_SHARE);
      else if (rng.chance(STRAIGHT_INTO_CARE_SHARE)) {
        add(child, 'LOOKED_AFTER', day + rng.int(0, 10), null, rng.pick(FLAG_NOTES.LOOKED_AFTER));
      }
    }
    const transfer = list.find((d) => d.contact.concern.includes('was on a child protection plan'));
    if (transfer && rng.chance(0.7)) {
      const day = londonDay(transfer.contact.receivedMs);
      add(
        child,
        'CP_PLAN',
        Math.max(child.dob, day - rng.int(60, 400)),
        day + rng.int(20, 200),
        cpNote(),
      );
    }
    // A concern health raised with the MASH stays flagged on the child's record.
    const fromHealth = list.find((d) => d.contact.source.startsWith('3') && d.level >= 2);
    if (fromHealth && rng.chance(0.35)) {
      const day = londonDay(fromHealth.contact.receivedMs);
      add(
        child,
        'SAFEGUARDING_CONCERN',
        day,
        rng.chance(0.5) ? null : day + rng.int(180, 720),
        rng.pick(FLAG_NOTES.CHILD_CONCERN),
      );
    }
  }
  // Health sits at MARAC: the victim and the children at home are flagged after the conference.
  for (const { victim, day } of maracConferences) {
    add(victim, 'SAFEGUARDING_CONCERN', day + rng.int(0, 3), null, FLAG_NOTES.MARAC);
    for (const child of victim.household?.children ?? []) {
      if (child.dob !== null && child.dob <= day && rng.chance(0.5)) {
        add(child, 'SAFEGUARDING_CONCERN', day + rng.int(0, 3), null, FLAG_NOTES.MARAC_CHILD);
      }
    }
  }
  for (const adult of parental.adults) {
    if (rng.chance(0.15)) {
      add(
        adult,
        'SAFEGUARDING_CONCERN',
        rng.int(world.windowStartDay, world.asOfDay),
        null,
        rng.pick(FLAG_NOTES.PARENT_CONCERN),
      );
    }
  }

  // At any scale, a few matchable children carry each flag, and a few matchable adults a concern.
  const children = world.matchableChildren('health');
  const flagged = (p: Person, code: SafeguardingFlagCode): boolean =>
    byPerson.get(p)?.some((f) => f.code === code) ?? false;
  const firstContactDay = (p: Person): number =>
    Math.max(world.windowStartDay, p.dob as number, londonDay(p.firstContactMs));
  for (const code of ['CP_PLAN', 'LOOKED_AFTER', 'SAFEGUARDING_CONCERN'] as const) {
    let count = children.filter((p) => flagged(p, code)).length;
    for (const p of rng.shuffle([...children])) {
      if (count >= MIN_HARD_CASES) break;
      if (flagged(p, code)) continue;
      const start = rng.int(firstContactDay(p), world.asOfDay);
      const note =
        code === 'CP_PLAN'
          ? cpNote()
          : code === 'LOOKED_AFTER'
            ? rng.pick(FLAG_NOTES.LOOKED_AFTER)
            : rng.pick(FLAG_NOTES.CHILD_CONCERN);
      if (add(p, code, start, null, note)) count++;
    }
  }
  const adults = world.matchableAdults('health');
  let count = adults.filter((p) => flagged(p, 'SAFEGUARDING_CONCERN')).length;
  for (const p of rng.shuffle([...adults])) {
    if (count >= MIN_HARD_CASES) break;
    const note = rng.pick(FLAG_NOTES.PARENT_CONCERN);
    if (add(p, 'SAFEGUARDING_CONCERN', rng.int(world.windowStartDay, world.asOfDay), null, note)) {
      count++;
    }
  }

  drafts.sort((a, b) => a.start - b.start || a.seq - b.seq);
  return drafts.map((f, i) => ({
    id: `SF${pad(i + 1, 6)}`,
    patientId: f.person.healthId as string,
    code: f.code,
    startsOn: dateText(f.start),
    endsOn: f.end !== null ? dateText(f.end) : null,
    note: f.note,
  }));
}
