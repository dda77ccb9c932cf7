/**
 * Police: the occurrences behind police contacts to the MASH (who was victim, perpetrator, child
 * present, missing) and the rest of the borough's police work the MASH never hears of; and, once
 * ids are given out, police's person index (with PNC IDs), occurrences and intelligence items.
 */
import { MINUTE_MS, londonDay } from '../calendar';
import {
  ageOn,
  cachedParts,
  dateText,
  iso,
  pad,
  type ContactDraft,
  type OccurrenceDraft,
  type PartnerView,
  type Person,
} from '../model';
import type { Rng } from '../random';
import { DASH_LEVELS, OCCURRENCE_SUMMARIES } from '../texts/police';
import { decideView } from './discrepancies';
import { newPncId } from './identifiers';
import { absentParentOf } from './people';
import { stream, type WorldState } from './state';
import type {
  OccurrenceCategory,
  OccurrenceRole,
  PoliceIntelligenceItem,
  PoliceOccurrence,
  PoliceOccurrencePerson,
  PolicePerson,
} from './types';

/** Police occurrences a year not arising from a MASH contact, per unit of scale. */
const OTHER_OCCURRENCES_PER_YEAR = 1_500;
/** Share of police contacts behind which the generator creates an occurrence. */
const POLICE_CONTACT_OCCURRENCE_SHARE = 0.5;

/** An occurrence summary of the category, stating `dash` (or a drawn DASH level) where it asks. */
type Summarise = (category: OccurrenceCategory, dash?: string) => string;

/** The occurrences of the window (`state.occurrences`); marks who police hold and who offended. */
export function buildPoliceOccurrences(state: WorldState): void {
  const rng = stream(state, 'police');
  const drafts: OccurrenceDraft[] = [];
  const summary: Summarise = (category, dash) =>
    rng.pick(OCCURRENCE_SUMMARIES[category]).replace('{dash}', dash ?? rng.pick(DASH_LEVELS));

  for (const c of state.contacts) {
    if (c.source !== '6' || !c.category || !rng.chance(POLICE_CONTACT_OCCURRENCE_SHARE)) continue;
    const occurredMs = c.receivedMs - rng.int(30, 30 * 60) * MINUTE_MS;
    const { persons, text } = occurrenceBehind(state, rng, c, occurredMs, summary);
    if (persons.length > 0) {
      drafts.push({
        seq: drafts.length,
        occurredMs,
        category: c.category,
        summary: text,
        persons,
        contact: c,
      });
    }
  }
  addOtherOccurrences(state, rng, drafts, summary);
  drafts.sort((a, b) => a.occurredMs - b.occurredMs || a.seq - b.seq);
  state.occurrences = drafts;

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

/** Who was involved in the occurrence behind a police contact, and its summary. */
function occurrenceBehind(
  state: WorldState,
  rng: Rng,
  c: ContactDraft,
  occurredMs: number,
  summary: Summarise,
): { persons: OccurrenceDraft['persons']; text: string } {
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
        const absent = absentParentOf(state, rng, household);
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
        add(rng.pick(state.unrelated), c.concern.includes('arrested') ? 'VICTIM' : 'PERPETRATOR');
      }
      text = summary('VIOLENCE');
      break;
    case 'DRUGS':
      add(
        male ?? adults[0] ?? (household ? absentParentOf(state, rng, household) : undefined),
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
  return { persons, text };
}

/** Occurrences the MASH never hears about: the rest of the borough's police work. */
function addOtherOccurrences(
  state: WorldState,
  rng: Rng,
  drafts: OccurrenceDraft[],
  summary: Summarise,
): void {
  const count = Math.round(OTHER_OCCURRENCES_PER_YEAR * state.scale * (state.months / 12));
  const teens = state.persons.filter(
    (p) => p.kind === 'CHILD' && p.dob !== null && !p.uasc && ageOn(p.dob, state.asOfDay) >= 11,
  );
  const householdAdults = state.persons.filter((p) => p.kind === 'ADULT' && p.household);
  const span = state.asOfMs - state.windowStartMs;
  const person = (teenShare: number, householdShare: number): Person => {
    const r = rng.next();
    if (r < teenShare && teens.length > 0) return rng.pick(teens);
    if (r < teenShare + householdShare && householdAdults.length > 0) {
      return rng.pick(householdAdults);
    }
    return rng.pick(state.unrelated);
  };
  const unrelatedWomen = state.unrelated.filter((p) => p.sex === 'FEMALE');
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
    const occurredMs = state.windowStartMs + Math.floor((rng.next() * span) / 1000) * 1000;
    const persons: OccurrenceDraft['persons'] = [];
    const add = (p: Person, role: OccurrenceRole): void => {
      const born = p.dob !== null && p.dob <= londonDay(occurredMs);
      if (born && !persons.some((x) => x.person === p)) persons.push({ person: p, role });
    };
    switch (category) {
      case 'THEFT':
        add(person(0.35, 0.1), 'SUBJECT');
        if (rng.chance(0.6)) add(rng.pick(state.unrelated), 'VICTIM');
        break;
      case 'VIOLENCE':
        add(person(0.3, 0.2), 'PERPETRATOR');
        add(person(0.3, 0.1), 'VICTIM');
        if (rng.chance(0.3)) add(rng.pick(state.unrelated), 'WITNESS');
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
        const teen = teens.length > 0 ? rng.pick(teens) : rng.pick(state.unrelated);
        add(teen, 'MISSING_PERSON');
        const parent = teen.household?.adults[0];
        if (parent && rng.chance(0.5)) add(parent, 'WITNESS');
        break;
      }
      case 'CONCERN_FOR_WELFARE':
        add(rng.pick(state.unrelated), 'SUBJECT');
        break;
      default: {
        const victim = rng.pick(unrelatedWomen.length > 0 ? unrelatedWomen : state.unrelated);
        add(victim, 'VICTIM');
        add(rng.pick(state.unrelated), 'PERPETRATOR');
      }
    }
    if (persons.length === 0) continue;
    drafts.push({
      seq: drafts.length,
      occurredMs,
      category,
      summary: summary(category),
      persons,
      contact: null,
    });
  }
}

/**
 * Gives a person a police person-index record, first noticed at `firstMs`: a PNC ID for most
 * adults with a police record and some older children. A person police did not hold before gets
 * police's view of them (and its discrepancies) first. Returns their police id.
 */
export function addPolicePerson(
  state: WorldState,
  rng: Rng,
  p: Person,
  firstMs: number,
  policePersons: PolicePerson[],
): string {
  if (p.policeId) return p.policeId;
  if (!p.views.police) {
    p.inPolice = true;
    decideView(state, rng, p, 'police');
  }
  p.policeId = `PP${pad(policePersons.length + 1, 6)}`;
  const view = p.views.police as PartnerView;
  const dob = p.dob as number;
  const age = ageOn(dob, state.asOfDay);
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
    pncId = newPncId(state.ids, rng, firstYear, lastYear);
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
 * Police's occurrences (numbered in order, with a reference per year), the people in them (person
 * index ids in order of first appearance, into `policePersons`) and the intelligence items.
 */
export function assemblePolice(
  state: WorldState,
  rng: Rng,
  policePersons: PolicePerson[],
): {
  occurrences: PoliceOccurrence[];
  occurrencePersons: PoliceOccurrencePerson[];
  intelligenceItems: PoliceIntelligenceItem[];
} {
  const occurrences: PoliceOccurrence[] = [];
  const occurrencePersons: PoliceOccurrencePerson[] = [];
  const yearCounters = new Map<number, number>();
  for (const o of state.occurrences) {
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
      if (!p.policeId) addPolicePerson(state, rng, p, o.occurredMs, policePersons);
      occurrencePersons.push({ occurrenceId: id, personId: p.policeId as string, role });
    }
  }
  // Everyone intelligence is held on is linked to an occurrence, so already has a police id.
  const intelligenceItems: PoliceIntelligenceItem[] = state.intelligence.map((d, i) => ({
    id: `INT${pad(i + 1, 6)}`,
    personId: d.person.policeId as string,
    recordedAt: iso(d.recordedMs),
    sourceGrade: d.sourceGrade,
    informationGrade: d.informationGrade,
    handlingCode: d.handlingCode,
    handlingConditions: d.handlingConditions,
    content: d.content,
  }));
  return { occurrences, occurrencePersons, intelligenceItems };
}
