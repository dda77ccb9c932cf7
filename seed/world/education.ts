/**
 * Education: which children are on a school roll and where (siblings mostly at one school, twins
 * always; moves, a few special schools, alternative provision after an exclusion), their UPNs
 * (permanent, temporary, former, from another local authority, or none with a reason); and, once
 * ids are given out, education's schools, pupils, enrolments and termly attendance.
 */
import { academicYearOf, academicYearTerms, dayOf, type SchoolTerm } from '../calendar';
import {
  MIN_HARD_CASES,
  ageOn,
  dateText,
  pad,
  type EnrolmentPlan,
  type Household,
  type PartnerView,
  type Person,
  type Phase,
  type PupilPlan,
  type School,
} from '../model';
import { HOME_LA_NUMBER } from '../names';
import type { Rng, WeightedTable } from '../random';
import { newUpn, otherLaUpn } from './identifiers';
import { stream, type WorldState } from './state';
import type {
  EducationAttendance,
  EducationData,
  EducationEnrolment,
  EducationFormerUpn,
  EducationPupil,
  EducationSchool,
} from './types';

/** Plans each school-age child's roll history and identifiers (`Person.pupil`). */
export function planEducation(state: WorldState): void {
  const rng = stream(state, 'education');
  const y = state.schoolAy;
  const aug31 = dayOf(y, 8, 31);
  // Siblings mostly share a school, twins always (when in the same phase).
  const familySchools = new Map<Household, Map<Phase, School>>();
  for (const child of state.persons) {
    if (child.kind !== 'CHILD' || child.dob === null || child.uasc) continue;
    const ncYear = ageOn(child.dob, aug31) - 4;
    if (ncYear < 0 || ncYear > 11) continue;
    if (!rng.chance(0.9)) continue;
    const entryAy = y - ncYear;
    const { segments, movedIn } = schoolHistory(state, rng, child, ncYear, familySchools);
    child.pupil = pupilPlan(state, rng, segments, ncYear, entryAy, movedIn);
  }
  ensureUpnCases(state, rng);
}

/**
 * The schools a child has been on roll at, from reception (or from moving into the borough:
 * `movedIn`) to now: primary then secondary, a move now and then, alternative provision after a
 * rare permanent exclusion.
 */
function schoolHistory(
  state: WorldState,
  rng: Rng,
  child: Person,
  ncYear: number,
  familySchools: Map<Household, Map<Phase, School>>,
): { segments: EnrolmentPlan[]; movedIn: boolean } {
  const entryAy = state.schoolAy - ncYear;
  const receptionStart = academicYearTerms(entryAy)[0].start;
  let segments: EnrolmentPlan[] = [];
  const household = child.household;
  const schoolOf = (phase: Phase, not?: School): School => {
    const table = state.schoolTables.get(phase) as WeightedTable<School>;
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
    if (rng.chance(0.09) && state.asOfDay - current.start > 90) {
      const move = rng.int(current.start + 60, state.asOfDay - 20);
      const restart = move + rng.int(1, 15);
      if (restart <= state.asOfDay) {
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
      const from = Math.max(last.start + 30, state.asOfDay - 540);
      if (from < state.asOfDay - 25) {
        const excluded = rng.int(from, state.asOfDay - 25);
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
  if (rng.chance(0.08) && state.asOfDay - 20 > receptionStart + 30) {
    const moveIn = rng.int(receptionStart + 30, state.asOfDay - 20);
    segments = segments.filter((s) => s.end === null || s.end >= moveIn);
    segments[0] = { ...segments[0], start: Math.max(segments[0].start, moveIn) };
    movedIn = true;
  }
  return { segments, movedIn };
}

/** The UPNs education holds for a pupil with that roll history. */
function pupilPlan(
  state: WorldState,
  rng: Rng,
  segments: EnrolmentPlan[],
  ncYear: number,
  entryAy: number,
  movedIn: boolean,
): PupilPlan {
  const first = segments[0];
  const plan: PupilPlan = {
    upn: null,
    unknownReason: null,
    formerUpn: null,
    enrolments: segments,
  };
  const ids = state.ids;
  const roll = rng.next();
  if (roll < 0.01) {
    const reasons = ncYear === 0 ? ['UN1', 'UN2', 'UN5'] : ['UN2', 'UN4', 'UN5'];
    plan.unknownReason = rng.pick(reasons);
  } else if (roll < 0.015) {
    plan.upn = newUpn(
      ids,
      rng,
      HOME_LA_NUMBER,
      first.school.estab,
      academicYearOf(first.start),
      true,
    );
  } else if (movedIn) {
    if (rng.chance(0.45)) {
      plan.formerUpn = otherLaUpn(ids, rng, entryAy);
      plan.upn = newUpn(
        ids,
        rng,
        HOME_LA_NUMBER,
        first.school.estab,
        academicYearOf(first.start),
        false,
      );
    } else {
      plan.upn = otherLaUpn(ids, rng, entryAy);
    }
  } else if (roll < 0.025) {
    // Arrived without one, got a temporary UPN, later replaced by a permanent one.
    plan.formerUpn = newUpn(ids, rng, HOME_LA_NUMBER, first.school.estab, entryAy, true);
    plan.upn = newUpn(ids, rng, HOME_LA_NUMBER, first.school.estab, entryAy, false);
  } else {
    plan.upn = newUpn(ids, rng, HOME_LA_NUMBER, first.school.estab, entryAy, false);
  }
  return plan;
}

/** At any scale, a few pupils have a temporary UPN and a few none (with a reason). */
function ensureUpnCases(state: WorldState, rng: Rng): void {
  const plain = (p: Person): boolean =>
    p.pupil !== null && p.pupil.upn !== null && p.pupil.formerUpn === null;
  const pupils = state.persons.filter((p) => p.pupil !== null);
  let temporary = pupils.filter((p) => p.pupil?.upn && /[A-Z]$/.test(p.pupil.upn)).length;
  let none = pupils.filter((p) => p.pupil && !p.pupil.upn).length;
  const candidates = rng.shuffle(pupils.filter(plain));
  while (temporary < MIN_HARD_CASES && candidates.length > 0) {
    const plan = (candidates.pop() as Person).pupil as PupilPlan;
    const first = plan.enrolments[0];
    const year = academicYearOf(first.start);
    plan.upn = newUpn(state.ids, rng, HOME_LA_NUMBER, first.school.estab, year, true);
    temporary++;
  }
  while (none < MIN_HARD_CASES && candidates.length > 0) {
    const plan = (candidates.pop() as Person).pupil as PupilPlan;
    plan.upn = null;
    plan.unknownReason = rng.pick(['UN2', 'UN4', 'UN5']);
    none++;
  }
}

/** The child's place on roll on that day, if any. */
export function enrolmentOn(child: Person, day: number): EnrolmentPlan | null {
  if (!child.pupil) return null;
  for (const e of child.pupil.enrolments) {
    if (e.start <= day && (e.end === null || e.end >= day)) return e;
  }
  return null;
}

/**
 * Education's schools, pupils (numbered in person order), enrolments and attendance for every
 * term started by asOf in this school year and the last; `rowOf` receives each planned
 * enrolment's row, for the records that later change it. Draws from `rng`, the assembly stream.
 */
export function assembleEducation(
  state: WorldState,
  rng: Rng,
  inSocialcare: Set<Person>,
  rowOf: Map<EnrolmentPlan, EducationEnrolment>,
): Pick<EducationData, 'schools' | 'pupils' | 'formerUpns' | 'enrolments' | 'attendance'> {
  const schools: EducationSchool[] = state.schools.map((s) => ({
    urn: s.urn,
    name: s.name,
    phase: s.phase,
  }));
  const pupils: EducationPupil[] = [];
  const formerUpns: EducationFormerUpn[] = [];
  const enrolments: EducationEnrolment[] = [];
  const attendance: EducationAttendance[] = [];
  const terms = [
    ...academicYearTerms(state.schoolAy - 1),
    ...academicYearTerms(state.schoolAy),
  ].filter((t) => t.start <= state.asOfDay);
  for (const p of state.persons) {
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
    assembleEnrolments(state, rng, p, inSocialcare.has(p), terms, {
      enrolments,
      attendance,
      rowOf,
    });
  }
  return { schools, pupils, formerUpns, enrolments, attendance };
}

/** One pupil's enrolment rows and their attendance in each term, from an attendance propensity. */
function assembleEnrolments(
  state: WorldState,
  rng: Rng,
  p: Person,
  known: boolean,
  terms: readonly SchoolTerm[],
  out: {
    enrolments: EducationEnrolment[];
    attendance: EducationAttendance[];
    rowOf: Map<EnrolmentPlan, EducationEnrolment>;
  },
): void {
  // Attendance propensity: most pupils attend well; children known to socialcare less so.
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

  for (const e of (p.pupil as PupilPlan).enrolments) {
    const enrolmentId = `EN${pad(out.enrolments.length + 1, 6)}`;
    const row: EducationEnrolment = {
      id: enrolmentId,
      pupilId: p.educationId as string,
      schoolUrn: e.school.urn,
      startDate: dateText(e.start),
      endDate: e.end !== null ? dateText(e.end) : null,
    };
    out.enrolments.push(row);
    out.rowOf.set(e, row);
    for (const term of terms) {
      const from = Math.max(term.start, e.start);
      const to = Math.min(term.end, e.end ?? Infinity, state.asOfDay - 1);
      const possible = 2 * state.calendar.schoolDays(from, to);
      if (possible <= 0) continue;
      const termRate = Math.min(1, Math.max(0, rate + 0.02 * rng.normal()));
      const attended = Math.round(possible * termRate);
      const absent = possible - attended;
      const unauthorised = Math.round(absent * unauthorisedShare);
      out.attendance.push({
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
