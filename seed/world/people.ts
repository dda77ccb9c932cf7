/**
 * Creating people: a person with nothing known of them yet, given names that avoid a sibling's or
 * a parent's, ethnicity from origins, and the parent who does not live in a household, created
 * the first time a record needs them.
 */
import type { Household, Person } from '../model';
import { ORIGINS, type Origin } from '../names';
import type { Rng } from '../random';
import { newNhsNumber } from './identifiers';
import { otherPostcode } from './places';
import type { WorldState } from './state';
import type { Sex } from './types';

/** Who a new person is; what agencies know of them is filled in by later phases. */
export interface PersonInit {
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
}

/** A new person, appended to `state.persons` (their index is their place there). */
export function newPerson(state: Pick<WorldState, 'persons'>, init: PersonInit): Person {
  const person: Person = {
    index: state.persons.length,
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
  state.persons.push(person);
  return person;
}

/** A given name of the origin and sex that no one in `avoid` has (an English one, failing that). */
export function givenName(rng: Rng, origin: Origin, sex: Sex, avoid: readonly string[]): string {
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

/** A DfE ethnicity code drawn from the origin's mix. */
export function ethnicityOf(rng: Rng, origin: Origin): string {
  return rng.weighted(origin.ethnicity);
}

/** The ethnicity siblings share: one parent's when both have the same origin, else a mixed code. */
export function childEthnicity(rng: Rng, mother: Origin, father: Origin): string {
  if (mother.key === father.key) return ethnicityOf(rng, mother);
  const groups = [mother.group, father.group];
  const white = groups.find((g) => g === 'WHITE_BRITISH' || g === 'WHITE_OTHER');
  const other = groups.find((g) => g !== 'WHITE_BRITISH' && g !== 'WHITE_OTHER');
  if (!other) return ethnicityOf(rng, mother);
  if (!white) return 'MOTH';
  if (other === 'BLACK_CARIBBEAN') return 'MWBC';
  if (other === 'BLACK_AFRICAN') return 'MWBA';
  if (other === 'ASIAN') return 'MWAS';
  return 'MOTH';
}

/** The parent who does not live in the household (ex-partner), created when first needed. */
export function absentParentOf(state: WorldState, rng: Rng, household: Household): Person {
  if (household.absentParent) return household.absentParent;
  const hasMother = household.adults.some((a) => a.sex === 'FEMALE' && a.relationship === 'MOTHER');
  const sex: Sex =
    hasMother || household.adults.every((a) => a.sex === 'FEMALE') ? 'MALE' : 'FEMALE';
  const eldest = household.children.find((c) => c.dob !== null)?.dob ?? state.asOfDay - 3650;
  const parent = newPerson(state, {
    kind: 'ADULT',
    given: givenName(rng, household.absentOrigin, sex, []),
    family: household.absentFamily,
    sex,
    dob: eldest - rng.int(19 * 365, 42 * 365),
    origin: household.absentOrigin,
    ethnicity: ethnicityOf(rng, household.absentOrigin),
    household: null,
    relationship: null,
    postcode: otherPostcode(state, rng, household.postcode),
  });
  parent.inHealth = rng.chance(0.85);
  if (parent.inHealth) parent.gp = state.practiceTable.draw(rng);
  parent.nhs = newNhsNumber(state.ids, rng);
  household.absentParent = parent;
  return parent;
}
