/**
 * The world as output: each agency's rows with its ids given out (social care, police, health,
 * education, in that order, all drawing from the 'assemble' stream), then the partners' own
 * records built from everything so far (`../police-records.ts`, `../education-records.ts`,
 * `../health-records.ts`), and the ground truth linking every agency's record to one person.
 */
import { buildEducationRecords } from '../education-records';
import { buildHealthRecords } from '../health-records';
import {
  cachedParts,
  pad,
  type BuiltWorld,
  type ContactDraft,
  type Decision,
  type EnrolmentPlan,
  type Household,
  type PartnerAgency,
  type Person,
} from '../model';
import { buildPoliceRecords } from '../police-records';
import { matchableChild, withoutDiscrepancy } from './discrepancies';
import { assembleEducation } from './education';
import { assembleHealth, sensitiveCategoryOf } from './health';
import { addPolicePerson, assemblePolice } from './police';
import { assembleSocialcare } from './socialcare';
import { scaled, stream, type WorldState } from './state';
import type { EducationEnrolment, PolicePerson, TruthPerson, World } from './types';

/** Numbers everything drawn so far into each agency's rows, adds the partners' own records. */
export function assemble(state: WorldState): World {
  const rng = stream(state, 'assemble');
  const { socialcare, decisions, scChildren } = assembleSocialcare(state, rng);
  // Police: person index ids in order of first appearance.
  const policePersons: PolicePerson[] = [];
  const { occurrences, occurrencePersons, intelligenceItems } = assemblePolice(
    state,
    rng,
    policePersons,
  );
  // Health: patients in person order; attendances in arrival order.
  const { patients, attendances } = assembleHealth(state);
  const enrolmentRows = new Map<EnrolmentPlan, EducationEnrolment>();
  const education = assembleEducation(state, rng, new Set(scChildren), enrolmentRows);

  // The partners' own records, each from its own streams. Police go first (they may add
  // person-index records, after every existing one); education before health, because children
  // education takes off roll (home education, missing education) no longer see a school nurse.
  const built = builtWorld(
    state,
    decisions,
    new Set(socialcare.adults.filter((a) => a.dateOfBirth !== null).map((a) => a.id)),
  );
  const asOfCentury = cachedParts(state.asOfDay).year % 100;
  const { maracConferences, ...policeRecords } = buildPoliceRecords(built, {
    idOf: (idStream, p, firstMs) => addPolicePerson(state, idStream, p, firstMs, policePersons),
    pncYear: (p) => {
      const pnc = p.policeId ? policePersons[Number(p.policeId.slice(2)) - 1].pncId : null;
      if (!pnc) return null;
      const yy = Number(pnc.slice(0, 2));
      return yy + (yy <= asOfCentury ? 2000 : 1900);
    },
  });
  const educationRecords = buildEducationRecords(built, education, enrolmentRows);
  const healthRecords = buildHealthRecords(built, maracConferences);
  const truth = assembleTruth(state);

  return {
    socialcare,
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
    probation: {
      offenders: [],
      offences: [],
      riskAssessments: [],
      conditions: [],
      knownChildren: [],
      knownChildLinks: [],
    },
    truth,
  };
}

/** The world so far as the partner-record builders read it. */
function builtWorld(
  state: WorldState,
  decisions: ReadonlyMap<Person, readonly Decision[]>,
  scAdultsWithDob: ReadonlySet<string>,
): BuiltWorld {
  const concerned = new Set<Household>();
  for (const [child, list] of decisions) {
    if (child.household && list.some((d) => d.level >= 3)) concerned.add(child.household);
  }
  for (const o of state.occurrences) {
    if (o.category !== 'DOMESTIC_ABUSE') continue;
    for (const { person, role } of o.persons) {
      if (person.household && (role === 'VICTIM' || role === 'PERPETRATOR')) {
        concerned.add(person.household);
      }
    }
  }
  const bySource = new Map<string, ContactDraft[]>();
  for (const c of state.contacts) {
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
    if (!list) listed.set(key, (list = state.persons.filter(accept)));
    return list;
  };
  return {
    scale: state.scale,
    asOfMs: state.asOfMs,
    asOfDay: state.asOfDay,
    windowStartDay: state.windowStartDay,
    windowStartMs: state.windowStartMs,
    schoolAy: state.schoolAy,
    calendar: state.calendar,
    persons: state.persons,
    households: state.households,
    contacts: state.contacts,
    occurrences: state.occurrences,
    attendances: state.attendances,
    sensitiveAttendances: state.attendances.filter((a) => sensitiveCategoryOf(a.reason) !== null),
    contactsFrom: (source) => bySource.get(source) ?? [],
    practices: state.practices,
    decisions,
    concerned,
    rng: (name) => stream(state, name),
    scaled: (perScale, floor) => scaled(state, perScale, floor),
    matchableChild,
    matchableAdult,
    matchableChildren: (agency) => listOnce(`CHILD/${agency}`, (p) => matchableChild(p, agency)),
    matchableAdults: (agency) => listOnce(`ADULT/${agency}`, (p) => matchableAdult(p, agency)),
  };
}

/** Everyone some agency holds, in person order, with their ids and each record's discrepancies. */
function assembleTruth(state: WorldState): World['truth'] {
  const people: TruthPerson[] = [];
  for (const p of state.persons) {
    if (!p.scId && !p.policeId && !p.healthId && !p.educationId) continue;
    // Each record this phase drew and its id; probation's phase adds its own afterwards.
    const heldAs = {
      socialcare: p.scId,
      police: p.policeId,
      health: p.healthId,
      education: p.educationId,
    };
    const discrepancies: TruthPerson['discrepancies'] = {};
    for (const [agency, held] of Object.entries(heldAs) as [keyof typeof heldAs, unknown][]) {
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
      probationId: null,
      discrepancies,
    });
  }
  return {
    seed: state.seed,
    scale: state.scale,
    asOf: new Date(state.asOfMs).toISOString(),
    people,
  };
}
