/**
 * Education's own records beyond rolls and attendance: suspensions and permanent exclusions, SEN
 * support and EHC plans, elective home education, children missing education and free school
 * meals. Children who leave every roll for home education or go missing from education have their
 * current enrolment ended (and that term's attendance cut to match): they are the only pupils whose
 * earlier rows this changes.
 */
import { academicYearTerms, londonDay, type SchoolTerm } from './calendar';
import {
  MIN_HARD_CASES,
  ageOn,
  dateText,
  pad,
  randomSchoolDay,
  type BuiltWorld,
  type EnrolmentPlan,
  type Person,
} from './model';
import type { Rng } from './random';
import { MISSING_EDUCATION_REASONS } from './texts/education';
import type {
  EducationData,
  EducationEnrolment,
  EducationExclusion,
  EducationFreeMeals,
  EducationHomeEducation,
  EducationMissingEducation,
  EducationSenProvision,
  ExclusionKind,
} from './world/types';

/** The records this module adds to education's data. */
export type EducationRecords = Pick<
  EducationData,
  'exclusions' | 'senProvisions' | 'homeEducation' | 'missingEducation' | 'freeMeals'
>;

/**
 * DfE suspension reason codes, by how often suspensions carry them. MT is inappropriate use of
 * social media or online technology; WI (breaching public-health measures, a 2020/21 code) is
 * not generated: the window starts in 2024 and the education subgraph does not accept it.
 */
const SUSPENSION_REASONS: Record<string, number> = {
  PD: 36,
  VA: 13,
  PP: 14,
  PA: 6,
  VP: 6,
  DA: 4,
  DM: 3,
  BU: 2,
  RA: 2,
  SM: 2,
  TH: 1,
  MT: 2,
  OT: 9,
};
/** DfE reason codes of permanent exclusions: assaults, drugs and (under OT) weapons weigh more. */
const PERMANENT_REASONS: Record<string, number> = {
  PD: 30,
  PP: 16,
  PA: 14,
  DA: 12,
  OT: 12,
  VA: 7,
  SM: 4,
  DM: 2,
  BU: 2,
  MT: 1,
  RA: 1,
  TH: 1,
  VP: 1,
};
/** Sessions (half days) a suspension lasts: a lunchtime, a day, up to a week. */
const SUSPENSION_SESSIONS = [1, 2, 2, 2, 2, 4, 4, 6, 6, 10];
/** Share of pupils ever suspended in the window, by phase, before the multipliers below. */
const SUSPENDED_SHARE = { SECONDARY: 0.05, PRIMARY: 0.008 };
/** Suspensions a year of a pupil who is suspended at all. */
const SUSPENSIONS_PER_YEAR = { SECONDARY: 1.3, PRIMARY: 0.9 };

/** DfE primary need codes for SEN support, by share. */
const SEN_SUPPORT_NEEDS: Record<string, number> = {
  SLCN: 25,
  SEMH: 20,
  MLD: 17,
  SPLD: 13,
  ASD: 8,
  OTH: 4,
  PD: 2.5,
  HI: 1.5,
  VI: 1,
  MSI: 0.3,
  SLD: 0.5,
  PMLD: 0.2,
  NSA: 7,
};
/** DfE primary need codes for EHC plans, by share. */
const EHC_PLAN_NEEDS: Record<string, number> = {
  ASD: 33,
  SLCN: 20,
  SEMH: 14,
  SLD: 8,
  MLD: 7,
  PD: 5,
  SPLD: 3,
  PMLD: 3,
  HI: 2,
  VI: 1,
  MSI: 0.5,
  OTH: 3.5,
};
/** Needs of pupils in a special school (all with an EHC plan). */
const SPECIAL_SCHOOL_NEEDS: Record<string, number> = {
  ASD: 35,
  SLD: 20,
  PMLD: 10,
  SLCN: 10,
  SEMH: 10,
  PD: 6,
  MSI: 2,
  HI: 3,
  VI: 2,
  MLD: 2,
};
/** Chance of SEN support or an EHC plan, before the multipliers for sex and social care. */
const SEN_SUPPORT_SHARE = 0.115;
const EHC_PLAN_SHARE = 0.024;
/** Share of school-age pupils home educated, and of pupils missing education. */
const HOME_EDUCATION_SHARE = 0.01;
const MISSING_EDUCATION_SHARE = 0.003;
/** Share of pupils eligible for free school meals, before the multipliers. */
const FREE_MEALS_SHARE = 0.16;

interface PupilFacts {
  person: Person;
  plan: NonNullable<Person['pupil']>;
  /** Sessions attended over sessions possible, last and this academic year. */
  rate: number;
  known: boolean;
  concerned: boolean;
  /** Age at asOf. */
  age: number;
  prone: boolean;
  /** When the pupil left every roll (home education, missing education), if they did. */
  leftRollOn: number | null;
}

/**
 * Builds education's exclusions, SEN provision, home education, children missing education and
 * free school meals; ends the current enrolment (and trims its attendance) of pupils who are home
 * educated or missing education. `rowOf` maps each planned enrolment to its row.
 */
export function buildEducationRecords(
  world: BuiltWorld,
  education: Pick<EducationData, 'enrolments' | 'attendance'>,
  rowOf: ReadonlyMap<EnrolmentPlan, EducationEnrolment>,
): EducationRecords {
  const facts = pupilFacts(world, education, rowOf);
  const left = buildLeavers(world, facts, education, rowOf);
  return {
    exclusions: buildExclusions(world, facts),
    senProvisions: buildSen(world, facts),
    homeEducation: left.homeEducation,
    missingEducation: left.missingEducation,
    freeMeals: buildFreeMeals(world, facts),
  };
}

function pupilFacts(
  world: BuiltWorld,
  education: Pick<EducationData, 'attendance'>,
  rowOf: ReadonlyMap<EnrolmentPlan, EducationEnrolment>,
): PupilFacts[] {
  const rng = world.rng('education-propensity');
  const totals = new Map<string, [number, number]>();
  for (const a of education.attendance) {
    const [att, pos] = totals.get(a.enrolmentId) ?? [0, 0];
    totals.set(a.enrolmentId, [att + a.attendedSessions, pos + a.possibleSessions]);
  }
  const facts: PupilFacts[] = [];
  for (const person of world.persons) {
    const plan = person.pupil;
    if (!plan || !person.educationId || person.dob === null) continue;
    let attended = 0;
    let possible = 0;
    for (const e of plan.enrolments) {
      const [att, pos] = totals.get((rowOf.get(e) as EducationEnrolment).id) ?? [0, 0];
      attended += att;
      possible += pos;
    }
    const rate = possible > 0 ? attended / possible : 1;
    const known = person.scId !== null;
    const age = ageOn(person.dob, world.asOfDay);
    const phase = age >= 11 ? 'SECONDARY' : 'PRIMARY';
    const chance = Math.min(
      0.6,
      SUSPENDED_SHARE[phase] *
        (known ? 2.5 : 1) *
        (rate < 0.9 ? 2 : 1) *
        (person.sex === 'MALE' ? 1.4 : 0.6),
    );
    facts.push({
      person,
      plan,
      rate,
      known,
      concerned: person.household !== null && world.concerned.has(person.household),
      age,
      prone: rng.chance(chance),
      leftRollOn: null,
    });
  }
  return facts;
}

/**
 * Picks `count` items without replacement, each in proportion to its weight (Efraimidis-Spirakis:
 * the largest u^(1/w)).
 */
function weightedSample<T>(
  rng: Rng,
  items: readonly T[],
  weight: (t: T) => number,
  count: number,
): T[] {
  return items
    .map((item) => ({ item, key: Math.pow(rng.next(), 1 / Math.max(1e-9, weight(item))) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, count)
    .map((x) => x.item);
}

// ------------------------------------------------------------ leaving every roll

function buildLeavers(
  world: BuiltWorld,
  facts: PupilFacts[],
  education: Pick<EducationData, 'enrolments' | 'attendance'>,
  rowOf: ReadonlyMap<EnrolmentPlan, EducationEnrolment>,
): Pick<EducationRecords, 'homeEducation' | 'missingEducation'> {
  const rng = world.rng('education-leavers');
  const byPerson = new Map(facts.map((f) => [f.person, f]));
  // A school that referred a child to the MASH had them on roll that day.
  const lastAtSchool = new Map<Person, number>();
  for (const c of [...world.contactsFrom('2A'), ...world.contactsFrom('3C')]) {
    const day = londonDay(c.receivedMs);
    for (const child of c.children) {
      lastAtSchool.set(child, Math.max(day, lastAtSchool.get(child) ?? -Infinity));
    }
  }
  const current = (f: PupilFacts): EnrolmentPlan | null => {
    const last = f.plan.enrolments[f.plan.enrolments.length - 1];
    return last.end === null ? last : null;
  };
  /** The earliest day the pupil can leave every roll: a month on roll, after any school contact. */
  const earliestEnd = (f: PupilFacts, e: EnrolmentPlan): number =>
    Math.max(e.start + 30, (lastAtSchool.get(f.person) ?? -Infinity) + 1);

  const home: { f: PupilFacts; start: number; end: number | null }[] = [];
  const missing: { f: PupilFacts; reported: number; resolved: number | null; reason: string }[] =
    [];
  const leave = (f: PupilFacts, day: number): void => {
    const e = current(f) as EnrolmentPlan;
    e.end = day;
    f.leftRollOn = day;
  };

  // Contacts from Education Services that say a child is home educated or missing education.
  for (const c of world.contactsFrom('2B')) {
    const day = londonDay(c.receivedMs);
    const ehe = c.concern.startsWith('Elective home education');
    const cme = c.concern.startsWith('Child missing education');
    if (!ehe && !cme) continue;
    for (const child of c.children) {
      const f = byPerson.get(child);
      const e = f ? current(f) : null;
      if (!f || !e || f.leftRollOn !== null || f.age < 5) continue;
      if (ehe) {
        // 'No contact with the family for six months': home educated since before then.
        const end = day - 183 - rng.int(0, 120);
        if (end < earliestEnd(f, e)) continue;
        leave(f, end);
        home.push({ f, start: end + 1, end: null });
      } else {
        const reported = day - rng.int(0, 10);
        if (reported < earliestEnd(f, e)) continue;
        leave(f, reported);
        const resolved = rng.chance(0.5) ? reported + rng.int(20, 150) : null;
        missing.push({
          f,
          reported,
          resolved: resolved !== null && resolved <= world.asOfDay ? resolved : null,
          reason: MISSING_EDUCATION_REASONS.NOT_FOUND,
        });
      }
    }
  }

  const eligible = (f: PupilFacts): boolean => {
    const e = current(f);
    return (
      e !== null &&
      f.leftRollOn === null &&
      f.age >= 5 &&
      f.age <= 15 &&
      earliestEnd(f, e) <= world.asOfDay - 60
    );
  };
  const schoolAge = facts.filter((f) => f.age >= 5 && f.age <= 15).length;

  // Home education: often after suspensions or poor attendance.
  const homeTarget = Math.max(MIN_HARD_CASES, Math.round(HOME_EDUCATION_SHARE * schoolAge));
  const homeWeight = (f: PupilFacts): number =>
    1 + (f.rate < 0.9 ? 4 : 0) + (f.rate < 0.5 ? 6 : 0) + (f.prone ? 3 : 0) + (f.known ? 1 : 0);
  const goHome = (f: PupilFacts): boolean => {
    const e = current(f) as EnrolmentPlan;
    const end = randomSchoolDay(
      world.calendar,
      rng,
      Math.max(earliestEnd(f, e), world.asOfDay - 540),
      world.asOfDay - 14,
    );
    if (end === null) return false;
    leave(f, end);
    const start = end + 1;
    const stopped = rng.chance(0.15) ? start + rng.int(60, 300) : null;
    // Ended only when the family moved away: they are on no roll of ours afterwards either.
    home.push({ f, start, end: stopped !== null && stopped <= world.asOfDay ? stopped : null });
    return true;
  };
  const homeNeeded = Math.max(0, homeTarget - home.length);
  for (const f of weightedSample(rng, facts.filter(eligible), homeWeight, homeNeeded)) goHome(f);
  const matchableSet = new Set(world.matchableChildren('education'));
  const matchable = (f: PupilFacts): boolean => matchableSet.has(f.person);
  let count = home.filter((h) => matchable(h.f)).length;
  for (const f of rng.shuffle(facts.filter((x) => eligible(x) && matchable(x)))) {
    if (count >= MIN_HARD_CASES) break;
    if (goHome(f)) count++;
  }

  // Missing education: removed from roll after unexplained absence; some since traced.
  const missingTarget = Math.max(
    MIN_HARD_CASES,
    Math.round(MISSING_EDUCATION_SHARE * facts.length),
  );
  const missingWeight = (f: PupilFacts): number =>
    1 + (f.rate < 0.9 ? 2 : 0) + (f.rate < 0.5 ? 6 : 0) + (f.known ? 2 : 0);
  const goMissing = (f: PupilFacts): boolean => {
    const e = current(f) as EnrolmentPlan;
    const reported = randomSchoolDay(
      world.calendar,
      rng,
      Math.max(earliestEnd(f, e), world.asOfDay - 400),
      world.asOfDay - 3,
    );
    if (reported === null) return false;
    leave(f, reported);
    const resolved = rng.chance(0.6) ? reported + rng.int(10, 150) : null;
    missing.push({
      f,
      reported,
      resolved: resolved !== null && resolved <= world.asOfDay ? resolved : null,
      reason: rng.chance(0.6)
        ? MISSING_EDUCATION_REASONS.GENERAL[0]
        : rng.pick(MISSING_EDUCATION_REASONS.GENERAL),
    });
    return true;
  };
  const missingNeeded = Math.max(0, missingTarget - missing.length);
  for (const f of weightedSample(rng, facts.filter(eligible), missingWeight, missingNeeded)) {
    goMissing(f);
  }
  count = missing.filter((m) => matchable(m.f)).length;
  for (const f of rng.shuffle(facts.filter((x) => eligible(x) && matchable(x)))) {
    if (count >= MIN_HARD_CASES) break;
    if (goMissing(f)) count++;
  }
  // Some are traced, some are not, at any scale.
  missing.sort((a, b) => a.reported - b.reported);
  if (missing.length >= 2 && missing.every((m) => m.resolved !== null)) {
    missing[missing.length - 1].resolved = null;
  }
  const firstOpen = missing.find((m) => m.resolved === null && m.reported + 10 <= world.asOfDay);
  if (missing.length >= 2 && missing.every((m) => m.resolved === null) && firstOpen) {
    firstOpen.resolved = firstOpen.reported + 10;
  }

  trimEnded(world, facts, education, rowOf);
  return {
    homeEducation: home
      .sort((a, b) => a.start - b.start || a.f.person.index - b.f.person.index)
      .map((h): EducationHomeEducation => ({
        pupilId: h.f.person.educationId as string,
        startDate: dateText(h.start),
        endDate: h.end !== null ? dateText(h.end) : null,
      })),
    missingEducation: missing.map((m, i): EducationMissingEducation => ({
      id: `CME${pad(i + 1, 5)}`,
      pupilId: m.f.person.educationId as string,
      reportedOn: dateText(m.reported),
      resolvedOn: m.resolved !== null ? dateText(m.resolved) : null,
      reason: m.reason,
    })),
  };
}

/** Ends the rows of enrolments ended above, and cuts their attendance to the days on roll. */
function trimEnded(
  world: BuiltWorld,
  facts: PupilFacts[],
  education: Pick<EducationData, 'enrolments' | 'attendance'>,
  rowOf: ReadonlyMap<EnrolmentPlan, EducationEnrolment>,
): void {
  const ended = new Map<string, EnrolmentPlan>();
  for (const f of facts) {
    if (f.leftRollOn === null) continue;
    const e = f.plan.enrolments[f.plan.enrolments.length - 1];
    const row = rowOf.get(e) as EducationEnrolment;
    row.endDate = dateText(e.end as number);
    ended.set(row.id, e);
  }
  if (ended.size === 0) return;
  const terms = new Map<string, SchoolTerm>();
  for (const t of [
    ...academicYearTerms(world.schoolAy - 1),
    ...academicYearTerms(world.schoolAy),
  ]) {
    terms.set(`${t.academicYear}/${t.term}`, t);
  }
  education.attendance = education.attendance.filter((a) => {
    const e = ended.get(a.enrolmentId);
    if (!e) return true;
    const term = terms.get(`${a.academicYear}/${a.term}`) as SchoolTerm;
    const from = Math.max(term.start, e.start);
    const to = Math.min(term.end, e.end as number, world.asOfDay - 1);
    const possible = 2 * world.calendar.schoolDays(from, to);
    if (possible <= 0) return false;
    if (possible < a.possibleSessions) {
      const ratio = possible / a.possibleSessions;
      const attended = Math.min(possible, Math.round(a.attendedSessions * ratio));
      const unauthorised = Math.min(
        possible - attended,
        Math.round(a.unauthorisedAbsences * ratio),
      );
      a.possibleSessions = possible;
      a.attendedSessions = attended;
      a.unauthorisedAbsences = unauthorised;
      a.authorisedAbsences = possible - attended - unauthorised;
    }
    return true;
  });
}

// ------------------------------------------------------------ exclusions

function buildExclusions(world: BuiltWorld, facts: PupilFacts[]): EducationExclusion[] {
  const rng = world.rng('education-exclusions');
  const drafts: {
    seq: number;
    f: PupilFacts;
    e: EnrolmentPlan;
    kind: ExclusionKind;
    day: number;
    sessions: number;
  }[] = [];
  const days = new Map<Person, Set<number>>();
  const suspend = (f: PupilFacts, e: EnrolmentPlan, day: number): void => {
    const own = days.get(f.person) ?? new Set<number>();
    if (own.has(day)) return;
    own.add(day);
    days.set(f.person, own);
    drafts.push({
      seq: drafts.length,
      f,
      e,
      kind: 'SUSPENSION',
      day,
      sessions: rng.pick(SUSPENSION_SESSIONS),
    });
  };
  /** The part of an enrolment inside the window, up to the day before asOf. */
  const span = (e: EnrolmentPlan): [number, number] => [
    Math.max(e.start, world.windowStartDay),
    Math.min(e.end ?? world.asOfDay - 1, world.asOfDay - 1),
  ];
  const permanent = (f: PupilFacts, e: EnrolmentPlan): boolean => {
    const end = e.end as number;
    // Decided some school days before it took effect (the pupil came off roll on `end`).
    const day = randomSchoolDay(world.calendar, rng, Math.max(e.start, end - 25), end - 3);
    if (day === null || day < world.windowStartDay) return false;
    drafts.push({
      seq: drafts.length,
      f,
      e,
      kind: 'PERMANENT_EXCLUSION',
      day,
      sessions: Math.max(1, 2 * world.calendar.schoolDays(day, end)),
    });
    // Most permanent exclusions follow suspensions at the same school.
    const before = rng.int(1, 3);
    for (let k = 0; k < before; k++) {
      const at = randomSchoolDay(
        world.calendar,
        rng,
        Math.max(e.start, day - 200, world.windowStartDay),
        day - 5,
      );
      if (at !== null) suspend(f, e, at);
    }
    return true;
  };

  // Pupils who moved from a secondary school to alternative provision were permanently excluded.
  for (const f of facts) {
    const list = f.plan.enrolments;
    for (let i = 0; i + 1 < list.length; i++) {
      if (
        list[i].school.phase === 'SECONDARY' &&
        list[i + 1].school.phase === 'ALTERNATIVE_PROVISION'
      ) {
        permanent(f, list[i]);
      }
    }
  }
  // At any scale, a few; the others moved school after a permanent exclusion (a managed move).
  let permanents = drafts.filter((d) => d.kind === 'PERMANENT_EXCLUSION').length;
  const moved = rng.shuffle(
    facts.flatMap((f) =>
      f.plan.enrolments
        .slice(0, -1)
        .filter(
          (e) =>
            e.end !== null && e.end >= world.windowStartDay + 30 && e.school.phase === 'SECONDARY',
        )
        .map((e) => [f, e] as const),
    ),
  );
  for (const [f, e] of moved) {
    if (permanents >= MIN_HARD_CASES) break;
    if (permanent(f, e)) permanents++;
  }

  for (const f of facts) {
    if (!f.prone) continue;
    const perYear = SUSPENSIONS_PER_YEAR[f.age >= 11 ? 'SECONDARY' : 'PRIMARY'];
    let made = 0;
    for (const e of f.plan.enrolments) {
      const [from, to] = span(e);
      if (to < from) continue;
      const n = rng.poisson((perYear * (to - from + 1)) / 365);
      for (let k = 0; k < n; k++) {
        const day = randomSchoolDay(world.calendar, rng, from, to);
        if (day !== null) {
          suspend(f, e, day);
          made++;
        }
      }
    }
    if (made === 0) {
      const e = f.plan.enrolments[f.plan.enrolments.length - 1];
      const [from, to] = span(e);
      const day = randomSchoolDay(world.calendar, rng, from, to);
      if (day !== null) suspend(f, e, day);
    }
  }
  // At any scale, a few matchable pupils have been suspended.
  const matchable = facts.filter(
    (f) => f.age >= 11 && world.matchableChild(f.person, 'education') && !days.has(f.person),
  );
  let count = facts.filter(
    (f) => days.has(f.person) && world.matchableChild(f.person, 'education'),
  ).length;
  for (const f of rng.shuffle(matchable)) {
    if (count >= MIN_HARD_CASES) break;
    const e = f.plan.enrolments[f.plan.enrolments.length - 1];
    const [from, to] = span(e);
    const day = randomSchoolDay(world.calendar, rng, from, to);
    if (day === null) continue;
    suspend(f, e, day);
    count++;
  }

  drafts.sort((a, b) => a.day - b.day || a.seq - b.seq);
  return drafts.map((d, i) => ({
    id: `EX${pad(i + 1, 6)}`,
    pupilId: d.f.person.educationId as string,
    schoolUrn: d.e.school.urn,
    kind: d.kind,
    startDate: dateText(d.day),
    sessions: d.sessions,
    reasonCode: rng.weighted(
      d.kind === 'PERMANENT_EXCLUSION' ? PERMANENT_REASONS : SUSPENSION_REASONS,
    ),
  }));
}

// ------------------------------------------------------------ SEN

function buildSen(world: BuiltWorld, facts: PupilFacts[]): EducationSenProvision[] {
  const rng = world.rng('education-sen');
  const rows: EducationSenProvision[] = [];
  const need = (table: Record<string, number>, f: PupilFacts): string =>
    // Children social care knows are likelier to have social, emotional and mental health needs.
    rng.weighted(f.known && table.SEMH ? { ...table, SEMH: table.SEMH * 1.8 } : table);
  const add = (
    f: PupilFacts,
    provision: EducationSenProvision['provision'],
    primaryNeed: string,
    start: number,
    end: number | null,
  ): void => {
    rows.push({
      pupilId: f.person.educationId as string,
      provision,
      primaryNeed,
      startDate: dateText(start),
      endDate: end !== null ? dateText(end) : null,
    });
  };
  const supportEnd = (f: PupilFacts): number | null => f.leftRollOn;
  const plans: PupilFacts[] = [];
  const supported: PupilFacts[] = [];
  for (const f of facts) {
    const first = f.plan.enrolments[0].start;
    const latest = Math.max(first, Math.min(world.asOfDay - 7, f.leftRollOn ?? Infinity));
    const special = f.plan.enrolments.find((e) => e.school.phase === 'SPECIAL');
    if (special) {
      // A special school place follows an EHC plan.
      const dob = f.person.dob as number;
      add(
        f,
        'EHC_PLAN',
        need(SPECIAL_SCHOOL_NEEDS, f),
        Math.max(dob + 730, special.start - rng.int(30, 300)),
        null,
      );
      plans.push(f);
      continue;
    }
    const male = f.person.sex === 'MALE';
    const ehc = EHC_PLAN_SHARE * (f.known ? 1.8 : 1) * (male ? 1.3 : 0.7);
    const support = SEN_SUPPORT_SHARE * (f.known ? 1.5 : 1) * (male ? 1.25 : 0.75);
    const r = rng.next();
    if (r < ehc) {
      const start = rng.int(Math.min(latest, first + 180), latest);
      const code = need(EHC_PLAN_NEEDS, f);
      // Most plans follow a period of SEN support in school.
      if (start - first > 60 && rng.chance(0.75)) {
        add(
          f,
          'SEN_SUPPORT',
          rng.chance(0.7) ? code : need(SEN_SUPPORT_NEEDS, f),
          rng.int(first, start - 30),
          start - 1,
        );
      }
      add(f, 'EHC_PLAN', code, start, null);
      plans.push(f);
    } else if (r < ehc + support) {
      add(f, 'SEN_SUPPORT', need(SEN_SUPPORT_NEEDS, f), rng.int(first, latest), supportEnd(f));
      supported.push(f);
    } else if (rng.chance(0.04) && latest - first > 120) {
      // Support that ended when the need was met.
      const start = rng.int(first, latest - 90);
      add(f, 'SEN_SUPPORT', need(SEN_SUPPORT_NEEDS, f), start, rng.int(start + 60, latest));
    }
  }
  // At any scale, a few matchable pupils have each kind of provision.
  for (const [provision, have] of [
    ['SEN_SUPPORT', supported],
    ['EHC_PLAN', plans],
  ] as const) {
    let count = have.filter((f) => world.matchableChild(f.person, 'education')).length;
    const provided = new Set([...plans, ...supported]);
    const extra = rng.shuffle(
      facts.filter((f) => !provided.has(f) && world.matchableChild(f.person, 'education')),
    );
    while (count < MIN_HARD_CASES && extra.length > 0) {
      const f = extra.pop() as PupilFacts;
      const first = f.plan.enrolments[0].start;
      const latest = Math.max(first, Math.min(world.asOfDay - 7, f.leftRollOn ?? Infinity));
      const table = provision === 'EHC_PLAN' ? EHC_PLAN_NEEDS : SEN_SUPPORT_NEEDS;
      add(
        f,
        provision,
        need(table, f),
        rng.int(first, latest),
        provision === 'SEN_SUPPORT' ? supportEnd(f) : null,
      );
      (provision === 'EHC_PLAN' ? plans : supported).push(f);
      count++;
    }
  }
  const order = new Map(facts.map((f, i) => [f.person.educationId, i]));
  return rows
    .map((row, seq) => ({ row, seq }))
    .sort(
      (a, b) =>
        (order.get(a.row.pupilId) as number) - (order.get(b.row.pupilId) as number) ||
        (a.row.startDate < b.row.startDate ? -1 : a.row.startDate > b.row.startDate ? 1 : 0) ||
        a.seq - b.seq,
    )
    .map((x) => x.row);
}

// ------------------------------------------------------------ free school meals

function buildFreeMeals(world: BuiltWorld, facts: PupilFacts[]): EducationFreeMeals[] {
  const rng = world.rng('education-fsm');
  const rows: EducationFreeMeals[] = [];
  const add = (f: PupilFacts, start: number, end: number | null): void => {
    rows.push({
      pupilId: f.person.educationId as string,
      startDate: dateText(start),
      endDate: end !== null ? dateText(end) : null,
    });
  };
  for (const f of facts) {
    const first = f.plan.enrolments[0].start;
    // Eligibility is recorded while on roll: it ends when the pupil leaves every roll.
    const last = Math.min(world.asOfDay - 7, f.leftRollOn ?? Infinity);
    if (last < first) continue;
    const chance = Math.min(0.85, FREE_MEALS_SHARE * (f.concerned ? 1.9 : 1) * (f.known ? 1.3 : 1));
    if (rng.chance(chance)) {
      const start = rng.chance(0.5) ? first : rng.int(first, last);
      // Some were eligible before, lost it when income rose, and are eligible again.
      if (start - first > 240 && rng.chance(0.3)) {
        const earlier = rng.int(first, start - 180);
        add(f, earlier, rng.int(earlier + 60, start - 30));
      }
      add(f, start, f.leftRollOn);
    } else if (rng.chance(0.07) && last - first > 120) {
      const start = rng.int(first, last - 90);
      add(f, start, rng.int(start + 60, last));
    }
  }
  return rows;
}
