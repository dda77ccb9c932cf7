/**
 * Health: who is registered (and with which GP practice), unscheduled care attendances (behind
 * A&E contacts, by age and setting, maternity), the sensitive ones every scale must have; and,
 * once ids are given out, health's patients and attendances.
 */
import { MINUTE_MS, dayOf, londonDay, londonToUtc } from '../calendar';
import {
  MIN_HARD_CASES,
  ageOn,
  cachedParts,
  dateText,
  iso,
  pad,
  roughAge,
  type AttendanceDraft,
  type PartnerView,
  type Person,
} from '../model';
import { CARE_SITES } from '../names';
import type { Rng } from '../random';
import { ALTERNATIVE_REASONS, PRESENTING_REASONS, SENSITIVE_REASONS } from '../texts/health';
import { matchableChild } from './discrepancies';
import { newNhsNumber } from './identifiers';
import { stream, type WorldState } from './state';
import type { CareSetting, HealthAttendance, HealthPatient, SensitiveCategory } from './types';

/** Chance that a 13-17-year-old's unscheduled care attendance is about sexual health. */
const SEXUAL_HEALTH_SHARE: Record<CareSetting, number> = {
  WALK_IN: 0.2,
  OUT_OF_HOURS: 0.12,
  EMERGENCY_DEPARTMENT: 0.03,
  MATERNITY: 0,
};
/** Share of attendances whose reason has an alternative (ALTERNATIVE_REASONS) that read it. */
const ALTERNATIVE_REASON_SHARE = 0.35;

/** Records an attendance, unless it falls outside the window or before the person was born. */
type AddAttendance = (
  person: Person,
  arrivedMs: number,
  setting: CareSetting,
  reason: string,
  site?: string,
) => void;

/** The sensitive category a presenting reason implies, if any. */
export function sensitiveCategoryOf(reason: string): SensitiveCategory | null {
  return Object.hasOwn(SENSITIVE_REASONS, reason) ? SENSITIVE_REASONS[reason] : null;
}

/** Who health holds (twins always), who has an NHS number, and each patient's GP practice. */
export function planHealth(state: WorldState): void {
  const rng = stream(state, 'health');
  for (const person of state.persons) {
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
      person.nhs = newNhsNumber(state.ids, rng);
    }
    if (person.inHealth) {
      const own = person.household?.gp ?? null;
      person.gp =
        own && rng.chance(0.95) ? own : rng.chance(0.9) ? state.practiceTable.draw(rng) : null;
    }
  }
}

/** Unscheduled care attendances in the window (`state.attendances`), in order of arrival. */
export function buildAttendances(state: WorldState): void {
  const rng = stream(state, 'attendances');
  const drafts: AttendanceDraft[] = [];
  const add: AddAttendance = (person, arrivedMs, setting, reason, site) => {
    if (arrivedMs > state.asOfMs || arrivedMs < state.windowStartMs) return;
    if (person.dob === null || londonDay(arrivedMs) < person.dob) return;
    drafts.push({
      seq: drafts.length,
      person,
      arrivedMs,
      setting,
      reason,
      site:
        site ??
        (setting === 'EMERGENCY_DEPARTMENT'
          ? state.edTable.draw(rng)
          : rng.pick(CARE_SITES[setting])),
    });
  };
  contactAttendances(state, rng, add);
  routineAttendances(state, rng, add);
  maternityAttendances(state, rng, add);
  drafts.sort((a, b) => a.arrivedMs - b.arrivedMs || a.seq - b.seq);
  state.attendances = drafts;
}

/** A&E contacts follow an attendance: the child must be known to health. */
function contactAttendances(state: WorldState, rng: Rng, add: AddAttendance): void {
  for (const c of state.contacts) {
    if (c.source !== '3E' || !c.reason) continue;
    const child = c.children[0];
    child.inHealth = true;
    if (!child.nhs) child.nhs = newNhsNumber(state.ids, rng);
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
}

/** Emergency, walk-in and out-of-hours attendances at rates by age, for everyone health holds. */
function routineAttendances(state: WorldState, rng: Rng, add: AddAttendance): void {
  const years = (state.asOfDay - state.windowStartDay) / 365.25;
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
  const reasons = stream(state, 'attendance-reasons');
  for (const p of state.persons) {
    if (!p.inHealth || p.dob === null) continue;
    const age = ageOn(p.dob, state.asOfDay);
    const ed = age < 5 ? 0.35 : age < 12 ? 0.18 : age < 18 ? 0.24 : 0.22;
    const walkIn = age < 18 ? 0.08 : 0.07;
    const ooh = age < 5 ? 0.08 : 0.03;
    const first = Math.max(state.windowStartDay, p.dob);
    const spanDays = state.asOfDay - first;
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
          refineReason(reasons, rng.pick(reasonFor(atAge)), ageOn(p.dob, day), setting),
        );
      }
    }
  }
}

/** Maternity: mothers of babies born in the window, and mothers expecting an unborn child. */
function maternityAttendances(state: WorldState, rng: Rng, add: AddAttendance): void {
  for (const h of state.households) {
    const mother = h.adults.find((a) => a.relationship === 'MOTHER');
    if (!mother || !mother.inHealth) continue;
    for (const child of h.children) {
      const due = child.dob ?? child.edd;
      if (
        due === null ||
        due < state.windowStartDay ||
        (child.twinGroup && child !== h.children.find((c) => c.twinGroup === child.twinGroup))
      )
        continue;
      const visits = rng.int(0, 2);
      for (let k = 0; k < visits; k++) {
        const day = due - rng.int(7, 150);
        if (day > state.asOfDay) continue;
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
}

/** A drawn presenting reason, or what it reads instead: sexual health (13-17), an alternative. */
function refineReason(rng: Rng, reason: string, age: number, setting: CareSetting): string {
  if (age >= 13 && age < 18 && rng.chance(SEXUAL_HEALTH_SHARE[setting])) {
    return rng.pick(PRESENTING_REASONS.SEXUAL_HEALTH);
  }
  const alternative = ALTERNATIVE_REASONS[reason];
  return alternative !== undefined && rng.chance(ALTERNATIVE_REASON_SHARE) ? alternative : reason;
}

/**
 * At any scale, at least MIN_HARD_CASES matchable children socialcare holds have an attendance in
 * each sensitive category (at 13 or over, as sexual health needs).
 */
export function ensureSensitiveAttendances(state: WorldState): void {
  const rng = stream(state, 'sensitive-attendances');
  const cases: [SensitiveCategory, CareSetting, readonly string[]][] = [
    ['MENTAL_HEALTH', 'EMERGENCY_DEPARTMENT', ['Self-harm', 'Overdose', 'Mental health crisis']],
    ['SUBSTANCE_MISUSE', 'EMERGENCY_DEPARTMENT', ['Alcohol intoxication', 'Drug intoxication']],
    ['SEXUAL_HEALTH', 'WALK_IN', PRESENTING_REASONS.SEXUAL_HEALTH],
  ];
  const candidates = state.persons.filter(
    (p) =>
      p.inHealth &&
      p.dob !== null &&
      ageOn(p.dob, state.asOfDay) >= 14 &&
      matchableChild(p, 'health'),
  );
  let seq = state.attendances.length;
  for (const [category, setting, reasons] of cases) {
    const having = new Set(
      state.attendances
        .filter((a) => sensitiveCategoryOf(a.reason) === category)
        .map((a) => a.person),
    );
    let count = candidates.filter((p) => having.has(p)).length;
    const extra = rng.shuffle(candidates.filter((p) => !having.has(p)));
    while (count < MIN_HARD_CASES && extra.length > 0) {
      const p = extra.pop() as Person;
      const { year, month, day } = cachedParts(p.dob as number);
      const from = Math.max(state.windowStartDay, dayOf(year + 13, month, day));
      const arrivedDay = rng.int(from, state.asOfDay - 1);
      state.attendances.push({
        seq: seq++,
        person: p,
        arrivedMs: londonToUtc(arrivedDay, rng.int(480, 1260)) + rng.int(0, 59) * 1000,
        setting,
        reason: rng.pick(reasons),
        site:
          setting === 'EMERGENCY_DEPARTMENT'
            ? state.edTable.draw(rng)
            : rng.pick(CARE_SITES[setting]),
      });
      count++;
    }
  }
  state.attendances.sort((a, b) => a.arrivedMs - b.arrivedMs || a.seq - b.seq);
}

/** Health's patients (numbered in person order) and attendances (numbered in arrival order). */
export function assembleHealth(state: WorldState): {
  patients: HealthPatient[];
  attendances: HealthAttendance[];
} {
  const patients: HealthPatient[] = [];
  for (const p of state.persons) {
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
  const attendances: HealthAttendance[] = state.attendances.map((a, i) => ({
    id: `UC${pad(i + 1, 6)}`,
    patientId: a.person.healthId as string,
    arrivedAt: iso(a.arrivedMs),
    setting: a.setting,
    presentingReason: a.reason,
    site: a.site,
    sensitiveCategory: sensitiveCategoryOf(a.reason),
  }));
  return { patients, attendances };
}
