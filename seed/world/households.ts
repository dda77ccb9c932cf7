/**
 * Families: one household at a time, with its carers (parents, step-parents, partners,
 * grandparents, aunts) and its children, twins among them; and, at small scales, enough twin
 * pairs. Drawn from the 'population' stream.
 */
import { dayOf } from '../calendar';
import {
  MIN_HARD_CASES,
  cachedParts,
  pad,
  type GpPractice,
  type Household,
  type Person,
} from '../model';
import { ORIGINS, type Origin } from '../names';
import type { Rng, WeightedTable } from '../random';
import { childEthnicity, ethnicityOf, givenName, newPerson } from './people';
import { newAddress } from './places';
import type { WorldState } from './state';
import type { Sex } from './types';

/** Who brings the children up. */
type Composition =
  | 'BOTH_PARENTS'
  | 'MOTHER_ONLY'
  | 'MOTHER_STEPFATHER'
  | 'MOTHER_PARTNER'
  | 'FATHER_ONLY'
  | 'GRANDMOTHER'
  | 'AUNT'
  | 'MOTHER_GRANDMOTHER';

const COMPOSITION_WEIGHTS: Record<Composition, number> = {
  BOTH_PARENTS: 44,
  MOTHER_ONLY: 30,
  MOTHER_STEPFATHER: 7,
  MOTHER_PARTNER: 7,
  FATHER_ONLY: 4,
  GRANDMOTHER: 3,
  AUNT: 2,
  MOTHER_GRANDMOTHER: 3,
};

/** A family as drawn before anyone in it exists. */
interface FamilyShape {
  /** The mother's (or main carer's) origin. */
  origin: Origin;
  /** The father's origin: another one for a mixed family, else the same. */
  otherOrigin: Origin;
  mixed: boolean;
  composition: Composition;
  /** The children's dates of birth, eldest first; twins share one. */
  dobs: number[];
  /** Which of `dobs` is a pair of twins; -1 for none. */
  twinIndex: number;
}

/** A household at a new address with no one in it yet, appended to `state.households`. */
export function newHousehold(
  state: WorldState,
  rng: Rng,
  absentOrigin: Origin,
  drawGp: () => GpPractice | null,
): Household {
  const address = newAddress(state, rng);
  const household: Household = {
    ...address,
    outward: address.street.outward,
    adults: [],
    children: [],
    gp: drawGp(),
    contactWeight: 0,
    absentOrigin,
    absentFamily: rng.pick(absentOrigin.family),
    absentParent: null,
    scId: null,
    firstContactMs: Infinity,
  };
  state.households.push(household);
  return household;
}

/** One family: a household with its carers and children. Returns how many children it has. */
export function addFamily(state: WorldState, rng: Rng, originTable: WeightedTable<Origin>): number {
  const shape = drawFamilyShape(state, rng, originTable);
  const household = newHousehold(state, rng, shape.otherOrigin, () =>
    rng.chance(0.97) ? state.practiceTable.draw(rng) : null,
  );
  const childFamily = addCarers(state, rng, household, shape, originTable);
  addChildren(state, rng, household, shape, childFamily);
  return household.children.length;
}

function drawFamilyShape(
  state: WorldState,
  rng: Rng,
  originTable: WeightedTable<Origin>,
): FamilyShape {
  const english = ORIGINS[0];
  const today = cachedParts(state.asOfDay);
  const oldestDob = dayOf(today.year - 18, today.month, today.day) + 1;
  const maxAgeDays = state.asOfDay - oldestDob;
  const origin = originTable.draw(rng);
  const mixed = rng.chance(0.13);
  const otherOrigin = mixed
    ? origin.key === 'ENGLISH'
      ? originTable.draw(rng)
      : rng.chance(0.5)
        ? english
        : originTable.draw(rng)
    : origin;
  const composition = rng.weighted(COMPOSITION_WEIGHTS);
  let births = rng.weightedIndex([36, 34, 18, 8, 4]) + 1;
  const twins = rng.chance(0.035);
  if (twins && births > 4) births = 4;

  // Birth dates: half the households grow forward from the eldest, half back from the
  // youngest, which keeps ages roughly even across 0-17.
  const dobs: number[] = [];
  if (rng.chance(0.5)) {
    let d = state.asOfDay - rng.int(0, maxAgeDays);
    while (dobs.length < births && d <= state.asOfDay) {
      dobs.push(d);
      d += rng.int(420, 2200);
    }
  } else {
    let d = state.asOfDay - rng.int(0, maxAgeDays);
    while (dobs.length < births && d >= oldestDob) {
      dobs.unshift(d);
      d -= rng.int(420, 2200);
    }
  }
  const twinIndex = twins ? rng.int(0, dobs.length - 1) : -1;
  return { origin, otherOrigin, mixed, composition, dobs, twinIndex };
}

/** An adult of the household, named unlike the adults already in it. */
function addAdult(
  state: WorldState,
  rng: Rng,
  household: Household,
  init: { sex: Sex; relationship: string; origin: Origin; family: string; dob: number },
): Person {
  const person = newPerson(state, {
    kind: 'ADULT',
    given: givenName(
      rng,
      init.origin,
      init.sex,
      household.adults.map((a) => a.given),
    ),
    family: init.family,
    sex: init.sex,
    dob: init.dob,
    origin: init.origin,
    ethnicity: ethnicityOf(rng, init.origin),
    household,
    relationship: init.relationship,
    postcode: household.postcode,
  });
  household.adults.push(person);
  return person;
}

/** A woman's own family name: often one only women carry (e.g. Begum), where the origin has any. */
function ownFamily(rng: Rng, o: Origin): string {
  return o.femaleFamily && rng.chance(0.6) ? rng.pick(o.femaleFamily) : rng.pick(o.family);
}

/**
 * The household's adults, by its composition; sets who is absent where a parent is. Returns the
 * children's family name (the father's, the mother's, or both hyphenated).
 */
function addCarers(
  state: WorldState,
  rng: Rng,
  household: Household,
  shape: FamilyShape,
  originTable: WeightedTable<Origin>,
): string {
  const { origin, otherOrigin, composition } = shape;
  const eldest = shape.dobs[0];
  const motherAgeAtFirst = Math.round(Math.min(44, Math.max(17, 29 + 6 * rng.normal())) * 365.25);
  const motherDob = eldest - motherAgeAtFirst - rng.int(0, 364);
  const adult = (
    sex: Sex,
    relationship: string,
    adultOrigin: Origin,
    family: string,
    dob: number,
  ): Person =>
    addAdult(state, rng, household, { sex, relationship, origin: adultOrigin, family, dob });
  const fatherFamily = rng.pick(otherOrigin.family);
  const partnerDob = (): number => motherDob + Math.round((-2.5 + 4 * rng.normal()) * 365.25);

  let childFamily: string;
  switch (composition) {
    case 'BOTH_PARENTS': {
      const motherFamily = rng.chance(0.55) ? fatherFamily : ownFamily(rng, origin);
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
      household.absentFamily = ownFamily(rng, origin);
      break;
    }
    case 'GRANDMOTHER':
    case 'AUNT': {
      const relative = composition === 'GRANDMOTHER' ? 'GRANDMOTHER' : 'AUNT';
      const years = relative === 'GRANDMOTHER' ? rng.int(38, 62) : rng.int(22, 45);
      childFamily = fatherFamily;
      const carerFamily = rng.chance(0.5) ? childFamily : ownFamily(rng, origin);
      adult('FEMALE', relative, origin, carerFamily, eldest - years * 365 - rng.int(0, 364));
      if (relative === 'GRANDMOTHER' && rng.chance(0.3)) {
        adult('MALE', 'GRANDFATHER', origin, carerFamily, eldest - (years + rng.int(0, 6)) * 365);
      }
      break;
    }
    default: {
      const motherFamily = ownFamily(rng, origin);
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
          ownFamily(rng, origin),
          motherDob - rng.int(18, 30) * 365,
        );
      }
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
  return childFamily;
}

/** The household's children, in birth order; twins share a date of birth and a twin group. */
function addChildren(
  state: WorldState,
  rng: Rng,
  household: Household,
  shape: FamilyShape,
  childFamily: string,
): void {
  const { origin, otherOrigin, mixed } = shape;
  const mother = household.adults.find((a) => a.relationship === 'MOTHER');
  const childOrigins = mixed ? [origin, otherOrigin] : [origin];
  const motherOrigin = mother?.origin ?? origin;
  const siblingEthnicity = childEthnicity(rng, motherOrigin, otherOrigin);
  const taken: string[] = household.adults.map((a) => a.given);
  const addChild = (dob: number, sex: Sex, group: string | null): Person => {
    const nameOrigin = rng.pick(childOrigins);
    const child = newPerson(state, {
      kind: 'CHILD',
      given: givenName(rng, nameOrigin, sex, taken),
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
    return child;
  };
  shape.dobs.forEach((dob, i) => {
    const sex: Sex = rng.chance(0.51) ? 'MALE' : 'FEMALE';
    if (i === shape.twinIndex) {
      const group = `TW${pad(++state.twinGroups, 5)}`;
      addChild(dob, sex, group);
      addChild(dob, rng.chance(0.6) ? sex : sex === 'MALE' ? 'FEMALE' : 'MALE', group);
    } else {
      addChild(dob, sex, null);
    }
  });
}

/** At small scales chance alone may leave too few twin pairs; give some households one more. */
export function ensureTwins(state: WorldState, rng: Rng): void {
  const candidates = rng.shuffle(
    state.households.filter(
      (h) => h.children.length > 0 && h.children.length < 5 && !h.children.some((c) => c.twinGroup),
    ),
  );
  while (state.twinGroups < MIN_HARD_CASES && candidates.length > 0) {
    const household = candidates.pop() as Household;
    const first = household.children[household.children.length - 1];
    const group = `TW${pad(++state.twinGroups, 5)}`;
    first.twinGroup = group;
    const twin = newPerson(state, {
      kind: 'CHILD',
      given: givenName(
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
