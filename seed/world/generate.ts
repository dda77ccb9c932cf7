/**
 * Deterministic synthetic-data generator for one London borough's MASH: households, children and
 * adults; who each agency holds and how (with the typos, short forms, moved postcodes and missing
 * or former identifiers that real matching has to face); two years or more of contacts, decisions
 * and referrals; police occurrences and 3x5x2-graded intelligence; unscheduled care, some of it
 * sensitive; school rolls and attendance; each partner's own records (police DA notifications,
 * missing episodes, arrests, MARAC, court orders: `police-records.ts`; health GP registrations,
 * community contacts, CAMHS, maternity, flags, parental concerns: `health-records.ts`; education
 * exclusions, SEN, home education, missing education, free meals: `education-records.ts`); and the
 * ground truth linking every agency record to one person.
 *
 * Same seed, scale and asOf give byte-identical output. Randomness comes from seeded streams
 * (../random.ts), one per phase, and a seeded Faker (en_GB, en) for professionals' surnames and
 * extra street names; nothing reads the clock.
 */
import { assemble } from './assemble';
import { buildContacts } from './contacts';
import { decideRecordDiscrepancies } from './discrepancies';
import { planEducation } from './education';
import { buildAttendances, ensureSensitiveAttendances, planHealth } from './health';
import { createIssuedIdentifiers } from './identifiers';
import { buildIntelligence } from './intelligence';
import { buildPlaces } from './places';
import { buildPoliceOccurrences } from './police';
import { buildPopulation } from './population';
import { addProbation } from './probation';
import { createSetting, type WorldState } from './state';
import type { GenerateOptions, World } from './types';

/**
 * Generates one synthetic London borough's agency data and its ground truth. Deterministic: the
 * same seed, scale, asOf and months always give the same world (JSON.stringify-equal).
 * Scale 1 is ~25,000 children and ~2,000 contacts a month; every count scales linearly, and
 * every hard case appears at least a few times at any scale. Throws RangeError on options that
 * cannot make a world (a scale that is not positive, fewer than 24 months, an invalid date).
 */
export function generateWorld(options: GenerateOptions): World {
  const setting = createSetting(options);
  const state: WorldState = {
    ...setting,
    ...buildPlaces(setting),
    ids: createIssuedIdentifiers(),
    persons: [],
    households: [],
    unrelated: [],
    twinGroups: 0,
    contacts: [],
    occurrences: [],
    attendances: [],
    intelligence: [],
  };
  // The order is part of the output: later phases read what earlier ones decided, and some
  // draw from the same stream (Faker) or add to the same people.
  buildPopulation(state);
  planEducation(state);
  planHealth(state);
  buildContacts(state);
  buildPoliceOccurrences(state);
  buildAttendances(state);
  decideRecordDiscrepancies(state);
  ensureSensitiveAttendances(state);
  buildIntelligence(state);
  const world = assemble(state);
  // Last, and from its own streams, so the other agencies' data is what it was without it.
  addProbation(state, world);
  return world;
}
