/**
 * What every phase of the generator reads and adds to: the setting fixed by the options (dates,
 * window, school year, calendar, the seeded Faker), the places of the borough, the identifiers
 * issued so far, the people and households, and the drafts of records built so far. Phases are
 * functions of this state; `generate.ts` runs them in order.
 */
import { Faker, en, en_GB } from '@faker-js/faker';
import {
  SchoolCalendar,
  academicYearOf,
  academicYearTerms,
  dayOf,
  londonDay,
  londonToUtc,
} from '../calendar';
import {
  cachedParts,
  type AttendanceDraft,
  type ContactDraft,
  type GpPractice,
  type Household,
  type IntelligenceDraft,
  type OccurrenceDraft,
  type Person,
  type Phase,
  type School,
  type Street,
} from '../model';
import { Rng, type WeightedTable } from '../random';
import type { IssuedIdentifiers } from './identifiers';
import type { GenerateOptions } from './types';

/** Children known to at least one agency, per unit of scale: what places and people scale by. */
export const CHILDREN_PER_SCALE = 25_000;

/** What the options fix before anything is drawn. */
export interface Setting {
  readonly seed: number;
  readonly scale: number;
  readonly months: number;
  readonly asOfMs: number;
  readonly asOfDay: number;
  readonly windowStartDay: number;
  readonly windowStartMs: number;
  /** The academic year whose autumn term has begun by asOf (its starting calendar year). */
  readonly schoolAy: number;
  readonly calendar: SchoolCalendar;
  /** Seeded once; every phase that uses it draws in a fixed order, so it stays deterministic. */
  readonly faker: Faker;
}

/** The borough's streets, schools, GP practices and emergency departments. */
export interface Places {
  readonly streets: Street[];
  readonly streetTable: WeightedTable<Street>;
  readonly schools: School[];
  readonly schoolTables: Map<Phase, WeightedTable<School>>;
  readonly practices: GpPractice[];
  readonly practiceTable: WeightedTable<GpPractice>;
  readonly edTable: WeightedTable<string>;
}

/** Everything generated so far; each draft list is replaced whole by the phase that builds it. */
export interface WorldState extends Setting, Places {
  readonly ids: IssuedIdentifiers;
  /** Everyone, in order of creation (`Person.index`). */
  readonly persons: Person[];
  readonly households: Household[];
  /** Adults with no child in the borough's households. */
  readonly unrelated: Person[];
  /** Twin groups numbered so far ('TW00001', ...). */
  twinGroups: number;
  /** In order of receipt. */
  contacts: ContactDraft[];
  /** In order of occurrence. */
  occurrences: OccurrenceDraft[];
  /** In order of arrival. */
  attendances: AttendanceDraft[];
  /** In order of recording. */
  intelligence: IntelligenceDraft[];
}

/**
 * Checks the options and works out the setting: the history window of `months` before asOf, and
 * the school year that stands at asOf. Throws RangeError on a seed, scale, months or asOf that
 * cannot make a world.
 */
export function createSetting(options: GenerateOptions): Setting {
  const months = options.months ?? 24;
  if (!Number.isFinite(options.seed)) throw new RangeError('seed must be a finite number');
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) {
    throw new RangeError('scale must be a positive number');
  }
  if (!Number.isInteger(months) || months < 24) {
    throw new RangeError('months must be an integer of at least 24');
  }
  if (!(options.asOf instanceof Date) || Number.isNaN(options.asOf.getTime())) {
    throw new RangeError('asOf must be a valid Date');
  }
  const asOfMs = options.asOf.getTime();
  const asOfDay = londonDay(asOfMs);
  const today = cachedParts(asOfDay);
  const windowStartDay = dayOf(today.year, today.month - months, today.day);
  // Before the autumn term starts, last year's classes and terms still stand.
  const ay = academicYearOf(asOfDay);
  const schoolAy = academicYearTerms(ay)[0].start <= asOfDay ? ay : ay - 1;
  const calendarStart = Math.min(windowStartDay, academicYearTerms(schoolAy - 1)[0].start);
  const faker = new Faker({ locale: [en_GB, en] });
  faker.seed(Math.floor(Math.abs(options.seed)) % 2147483647);
  return {
    seed: options.seed,
    scale: options.scale,
    months,
    asOfMs,
    asOfDay,
    windowStartDay,
    windowStartMs: londonToUtc(windowStartDay, 0),
    schoolAy,
    calendar: new SchoolCalendar(calendarStart - 7, asOfDay + 400),
    faker,
  };
}

/** The seeded stream of random numbers of that name: the same name always gives the same draws. */
export function stream(setting: Pick<Setting, 'seed'>, name: string): Rng {
  return new Rng(setting.seed, name);
}

/** A count that scales linearly, never below a floor. */
export function scaled(setting: Pick<Setting, 'scale'>, perScale: number, floor: number): number {
  return Math.max(floor, Math.round(perScale * setting.scale));
}
