/**
 * Probation: who the borough's probation service knows (about 2-3% of the adults some agency
 * holds, most of them people police hold an offending record for), how its index records them and
 * the children offender managers record on their cases, with the discrepancies real matching
 * faces (typos, short forms, dropped accents, half a hyphenated name, swapped or mistyped or
 * missing dates of birth, old or missing postcodes); their case records (`../probation-records.ts`);
 * and their ids in the ground truth.
 *
 * It runs last, after the world is assembled, and draws only from its own streams ('probation',
 * 'probation-records'), so adding it changed nothing the other agencies hold.
 */
import { dayOf } from '../calendar';
import { MIN_HARD_CASES, cachedParts, dateText, pad, type Household, type Person } from '../model';
import { SHORT_FORMS } from '../names';
import {
  buildProbationCases,
  type ProbationSubject,
  type ProbationView,
} from '../probation-records';
import type { Rng } from '../random';
import { otherPostcode } from './places';
import { hasAccent, stripAccents, typo } from './spelling';
import { stream, type WorldState } from './state';
import type { Discrepancy, ProbationKnownChild, TruthPerson, World } from './types';

/** Chance an adult some agency holds is known to probation: with a police record, or without. */
const KNOWN_WITH_POLICE_RECORD = 0.11;
const KNOWN_WITHOUT_POLICE_RECORD = 0.009;
/** Chance an offender manager recorded a child of the person's household, or their own child. */
const CHILD_RECORDED = 0.8;

/** Probation's record of a person: the truth with probation's own slips. */
function viewOf(state: WorldState, rng: Rng, p: Person): ProbationView {
  const discrepancies: Discrepancy[] = [];
  let given = p.given;
  let family = p.family;
  if ((hasAccent(given) || hasAccent(family)) && rng.chance(0.6)) {
    given = stripAccents(given);
    family = stripAccents(family);
    discrepancies.push('ACCENT_DROPPED');
  } else if (family.includes('-') && rng.chance(0.35)) {
    const parts = family.split('-');
    family = rng.chance(0.5) ? parts[0] : parts[parts.length - 1];
    discrepancies.push('HYPHENATED_NAME');
  } else if (SHORT_FORMS[given] && rng.chance(0.25)) {
    given = rng.pick(SHORT_FORMS[given]);
    discrepancies.push('SHORT_FORM_NAME');
  } else if (rng.chance(0.03)) {
    const field = rng.chance(0.5) && family.length >= 4 ? 'family' : 'given';
    if (field === 'family') family = typo(rng, family);
    else given = typo(rng, given);
    if (given !== p.given || family !== p.family) discrepancies.push('NAME_TYPO');
  }
  let dob = p.dob;
  if (dob !== null && rng.chance(0.02)) {
    dob = null;
  } else if (dob !== null) {
    const { year, month, day } = cachedParts(dob);
    if (day <= 12 && day !== month && rng.chance(0.03)) {
      dob = dayOf(year, day, month);
      discrepancies.push('DOB_DAY_MONTH_SWAPPED');
    } else if (rng.chance(0.02)) {
      dob = dayOf(year, month, Math.min(28, day + rng.pick([-10, -1, 1, 10]) || 1));
      if (dob !== p.dob) discrepancies.push('DOB_TYPO');
    }
  }
  let postcode: string | null = p.postcode;
  if (rng.chance(0.05)) postcode = null;
  else if (rng.chance(0.12)) {
    postcode = p.formerPostcode ?? otherPostcode(state, rng, p.postcode);
    discrepancies.push('MOVED_POSTCODE');
  }
  return {
    givenName: given,
    familyName: family,
    dateOfBirth: dob === null ? null : dateText(dob),
    sex: p.sex,
    postcode,
    discrepancies,
  };
}

/** The children of a household an offender manager would record, as living with the person. */
function householdChildren(household: Household | null, asOfDay: number): Person[] {
  return (household?.children ?? []).filter((k) => k.dob !== null && k.dob <= asOfDay);
}

/** The relationship of an absent parent to their children, as probation record it. */
const parentWord = (p: Person) => (p.sex === 'FEMALE' ? 'MOTHER' : 'FATHER');

/**
 * Adds probation's part to an assembled world (`world.probation`) and its ids and discrepancies
 * to the ground truth. Deterministic, and drawing from probation's streams only.
 */
export function addProbation(state: WorldState, world: World): void {
  const rng = stream(state, 'probation');
  // The truth lists, in person order, everyone some agency held before probation.
  const truthOf = new Map<Person, TruthPerson>();
  let t = 0;
  for (const p of state.persons) {
    if (!p.scId && !p.policeId && !p.healthId && !p.educationId) continue;
    truthOf.set(p, world.truth.people[t++]);
  }
  const absentOf = new Map<Person, Household>();
  for (const h of state.households) if (h.absentParent) absentOf.set(h.absentParent, h);

  const subjects: ProbationSubject[] = [];
  const childViews = new Map<Person, ProbationView>();
  const chosen = new Set<Person>();
  for (const p of state.persons) {
    if (p.kind !== 'ADULT' || !truthOf.has(p)) continue;
    if (rng.chance(p.policeRecord ? KNOWN_WITH_POLICE_RECORD : KNOWN_WITHOUT_POLICE_RECORD)) {
      chosen.add(p);
    }
  }
  // At any scale, a few household adults with children are known, so tests reach them.
  let inHouseholds = [...chosen].filter(
    (p) => p.scId && householdChildren(p.household, state.asOfDay).length > 0,
  ).length;
  for (const p of state.persons) {
    if (inHouseholds >= 2 * MIN_HARD_CASES) break;
    if (p.kind !== 'ADULT' || !p.scId || chosen.has(p) || !truthOf.has(p)) continue;
    if (householdChildren(p.household, state.asOfDay).length === 0) continue;
    chosen.add(p);
    inHouseholds++;
  }
  for (const p of state.persons) {
    if (!chosen.has(p)) continue;
    const view = viewOf(state, rng, p);
    const children: ProbationSubject['children'] = [];
    for (const child of householdChildren(p.household, state.asOfDay)) {
      if (rng.chance(CHILD_RECORDED)) {
        children.push({
          child,
          relationship: p.relationship ?? 'HOUSEHOLD_MEMBER',
          sameHousehold: true,
        });
      }
    }
    const away = absentOf.get(p);
    for (const child of householdChildren(away ?? null, state.asOfDay)) {
      if (rng.chance(CHILD_RECORDED * 0.75)) {
        children.push({ child, relationship: parentWord(p), sameHousehold: false });
      }
    }
    for (const { child } of children) {
      if (!childViews.has(child)) childViews.set(child, viewOf(state, rng, child));
    }
    subjects.push({ person: p, view, children });
  }

  const cases = buildProbationCases(
    { rng: (name) => stream(state, name), asOfDay: state.asOfDay },
    subjects,
  );
  // Known children are numbered in the order they were first recorded.
  const knownChildren: ProbationKnownChild[] = [];
  const childId = new Map<Person, string>();
  for (const s of subjects) {
    for (const { child } of s.children) {
      if (childId.has(child)) continue;
      const v = childViews.get(child) as ProbationView;
      const id = `PK${pad(knownChildren.length + 1, 6)}`;
      childId.set(child, id);
      knownChildren.push({
        id,
        givenName: v.givenName,
        familyName: v.familyName,
        dateOfBirth: v.dateOfBirth,
        sex: v.sex,
        postcode: v.postcode,
      });
    }
  }
  world.probation = {
    ...cases.records,
    knownChildren,
    knownChildLinks: subjects.flatMap((s, i) =>
      s.children.map((c) => ({
        childId: childId.get(c.child) as string,
        offenderId: cases.records.offenders[i].id,
        relationship: c.relationship,
        sameHousehold: c.sameHousehold,
        recordedOn: cases.recordedOn[i],
      })),
    ),
  };
  subjects.forEach((s, i) => {
    const truth = truthOf.get(s.person) as TruthPerson;
    truth.probationId = cases.records.offenders[i].id;
    if (s.view.discrepancies.length > 0) truth.discrepancies.probation = s.view.discrepancies;
  });
  for (const [child, id] of childId) {
    const truth = truthOf.get(child);
    if (!truth) continue;
    truth.probationId = id;
    const d = (childViews.get(child) as ProbationView).discrepancies;
    if (d.length > 0) truth.discrepancies.probation = d;
  }
}
