/**
 * The borough's people: families until the children number the scale's share; then unborn
 * children (most to mothers already here), unaccompanied asylum-seeking children, and adults
 * with no child here. All drawn from the 'population' stream, in that order.
 */
import { MIN_HARD_CASES, ageOn, type Household, type Person } from '../model';
import { ORIGINS, UASC_ORIGINS, type Origin } from '../names';
import { WeightedTable, type Rng } from '../random';
import { addFamily, ensureTwins, newHousehold } from './households';
import { ethnicityOf, givenName, newPerson } from './people';
import { otherPostcode } from './places';
import { CHILDREN_PER_SCALE, scaled, stream, type WorldState } from './state';
import type { Sex } from './types';

/** Adults with no child in the borough's households, per unit of scale (health and police). */
const UNRELATED_ADULTS_PER_SCALE = 9_000;
/** Unborn children with a pre-birth contact, per unit of scale. */
const UNBORN_PER_SCALE = 160;
/** Unaccompanied asylum-seeking children, per unit of scale. */
const UASC_PER_SCALE = 40;

/** Fills `state.persons` and `state.households`. */
export function buildPopulation(state: WorldState): void {
  const rng = stream(state, 'population');
  const originTable = new WeightedTable(
    ORIGINS,
    ORIGINS.map((o) => o.weight),
  );
  const targetChildren = scaled(state, CHILDREN_PER_SCALE, 60);
  let childCount = 0;
  while (childCount < targetChildren) childCount += addFamily(state, rng, originTable);

  ensureTwins(state, rng);
  addUnborn(state, rng, originTable);
  addUasc(state, rng);
  addUnrelatedAdults(state, rng, originTable);
}

/**
 * Unborn children due within six months: most to a mother of a household already here, the rest
 * to a new household of a mother (and sometimes her partner).
 */
function addUnborn(state: WorldState, rng: Rng, originTable: WeightedTable<Origin>): void {
  const target = scaled(state, UNBORN_PER_SCALE, MIN_HARD_CASES);
  const mothers = rng.shuffle(
    state.households.filter((h) => {
      const mother = h.adults.find((a) => a.relationship === 'MOTHER');
      if (!mother || mother.dob === null) return false;
      const age = ageOn(mother.dob, state.asOfDay);
      const youngest = Math.max(...h.children.map((c) => c.dob ?? 0));
      return age >= 17 && age <= 43 && state.asOfDay - youngest > 270 && h.children.length < 5;
    }),
  );
  for (let i = 0; i < target; i++) {
    const household =
      i < target * 0.7 && mothers.length > 0
        ? (mothers.pop() as Household)
        : newExpectantHousehold(state, rng, originTable);
    const mother = household.adults.find((a) => a.relationship === 'MOTHER') as Person;
    const sibling = household.children[0];
    const unborn = newPerson(state, {
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
    unborn.edd = state.asOfDay + rng.int(7, 180);
    household.children.push(unborn);
  }
}

/** A new household of an expectant mother, with her partner in about half. */
function newExpectantHousehold(
  state: WorldState,
  rng: Rng,
  originTable: WeightedTable<Origin>,
): Household {
  const origin = originTable.draw(rng);
  const household = newHousehold(state, rng, origin, () => state.practiceTable.draw(rng));
  const motherDob = state.asOfDay - rng.int(16 * 365 + 100, 36 * 365);
  const mother = newPerson(state, {
    kind: 'ADULT',
    given: givenName(rng, origin, 'FEMALE', []),
    family: rng.pick(origin.family),
    sex: 'FEMALE',
    dob: motherDob,
    origin,
    ethnicity: ethnicityOf(rng, origin),
    household,
    relationship: 'MOTHER',
    postcode: household.postcode,
  });
  household.adults.push(mother);
  if (rng.chance(0.45)) {
    const partner = newPerson(state, {
      kind: 'ADULT',
      given: givenName(rng, origin, 'MALE', []),
      family: household.absentFamily,
      sex: 'MALE',
      dob: motherDob - rng.int(-3 * 365, 8 * 365),
      origin,
      ethnicity: ethnicityOf(rng, origin),
      household,
      relationship: 'MOTHERS_PARTNER',
      postcode: household.postcode,
    });
    household.adults.push(partner);
  }
  return household;
}

/** Unaccompanied asylum-seeking children aged 14-17: no household, mostly boys. */
function addUasc(state: WorldState, rng: Rng): void {
  const count = scaled(state, UASC_PER_SCALE, 2);
  const table = new WeightedTable(
    UASC_ORIGINS,
    UASC_ORIGINS.map((o) => o.weight),
  );
  for (let i = 0; i < count; i++) {
    const origin = table.draw(rng);
    const sex: Sex = rng.chance(0.88) ? 'MALE' : 'FEMALE';
    const person = newPerson(state, {
      kind: 'CHILD',
      given: givenName(rng, origin, sex, []),
      family: rng.pick(origin.family),
      sex,
      dob: state.asOfDay - rng.int(14 * 365 + 30, 17 * 365 + 300),
      origin,
      ethnicity: ethnicityOf(rng, origin),
      household: null,
      relationship: null,
      postcode: rng.pick(state.streetTable.draw(rng).postcodes),
    });
    person.uasc = true;
  }
}

/** Adults aged 18-77 with no child here, most living in the borough. */
function addUnrelatedAdults(state: WorldState, rng: Rng, originTable: WeightedTable<Origin>): void {
  const count = scaled(state, UNRELATED_ADULTS_PER_SCALE, 30);
  for (let i = 0; i < count; i++) {
    const origin = originTable.draw(rng);
    const sex: Sex = rng.chance(0.52) ? 'MALE' : 'FEMALE';
    // A share of English names come from Faker's en_GB lists, for more variety than ours.
    const fromFaker = origin.key === 'ENGLISH' && rng.chance(0.5);
    const given = fromFaker
      ? state.faker.person.firstName(sex === 'MALE' ? 'male' : 'female')
      : givenName(rng, origin, sex, []);
    const family = fromFaker ? state.faker.person.lastName() : rng.pick(origin.family);
    const postcode = rng.chance(0.8)
      ? rng.pick(state.streetTable.draw(rng).postcodes)
      : otherPostcode(state, rng, '');
    state.unrelated.push(
      newPerson(state, {
        kind: 'ADULT',
        given,
        family,
        sex,
        dob: state.asOfDay - rng.int(18 * 365 + 10, 78 * 365),
        origin,
        ethnicity: ethnicityOf(rng, origin),
        household: null,
        relationship: null,
        postcode,
      }),
    );
  }
}
