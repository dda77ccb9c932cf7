/**
 * What the generator's unit tests (`tests/unit/generate-*.unit.test.ts`) share: the world they
 * generate (seed, scale, asOf, months), the formats they expect, and helpers that read a world
 * the way a test asserts on it.
 */
import type { Discrepancy, TruthPerson, World } from '../../seed/world';

/** The scale of the world most generator tests run on. */
export const SCALE = 0.02;
/** Its seed. */
export const SEED = 20261120;
/** Its asOf: the instant the history ends. */
export const AS_OF = new Date('2026-11-20T12:00:00Z');
/** Its history window, in months before asOf. */
export const MONTHS = 24;

/** A local date, 'YYYY-MM-DD'. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An instant in UTC as `Date.prototype.toISOString` writes it. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** An hour in milliseconds. */
export const HOUR = 3_600_000;

/** An agency whose record of a person can depart from the truth. */
export type Agency = 'socialcare' | 'police' | 'health' | 'education';

/** The ids of a table's rows. */
export function ids<T extends { id: string }>(rows: readonly T[]): Set<string> {
  return new Set(rows.map((r) => r.id));
}

/** Expects no value twice; a failure names `what` and the first few duplicates. */
export function expectUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  const duplicates = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  expect({ what, duplicates: duplicates.slice(0, 5) }).toEqual({ what, duplicates: [] });
}

/** Expects every value among `known`; a failure names `what` and the first few missing. */
export function expectAllIn(values: readonly string[], known: Set<string>, what: string): void {
  const missing = values.filter((v) => !known.has(v));
  expect({ what, missing: missing.slice(0, 5) }).toEqual({ what, missing: [] });
}

/** Whether the truth says the agency's record of the person shows the discrepancy. */
export function has(p: TruthPerson, agency: Agency, d: Discrepancy): boolean {
  return p.discrepancies[agency]?.includes(d) ?? false;
}

/** The Europe/London calendar date of an instant, 'YYYY-MM-DD'. */
export function londonDate(instant: string): string {
  return new Date(instant).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

/** Whole years from one 'YYYY-MM-DD' date to another. */
export function yearsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

/** Presenting reasons that make an attendance sensitive; every other reason is not sensitive. */
export const SENSITIVE_BY_REASON: Record<string, string> = {
  'Self-harm': 'MENTAL_HEALTH',
  Overdose: 'MENTAL_HEALTH',
  'Mental health crisis': 'MENTAL_HEALTH',
  'Low mood': 'MENTAL_HEALTH',
  'Alcohol intoxication': 'SUBSTANCE_MISUSE',
  'Drug intoxication': 'SUBSTANCE_MISUSE',
  'Emergency contraception request': 'SEXUAL_HEALTH',
  'Suspected sexually transmitted infection': 'SEXUAL_HEALTH',
  'Pregnancy test request': 'SEXUAL_HEALTH',
  'Contraception advice': 'SEXUAL_HEALTH',
};

/**
 * Children socialcare holds that a partner finds by exact demographics: no discrepancy in any
 * agency's record, and the partner's record has a date of birth.
 */
export function matchedChildren(world: World, agency: 'police' | 'health'): TruthPerson[] {
  const records = new Map<string, { dateOfBirth: string | null }>(
    agency === 'police'
      ? world.police.persons.map((p) => [p.id, p])
      : world.health.patients.map((p) => [p.id, p]),
  );
  return world.truth.people.filter((p) => {
    const id = agency === 'police' ? p.policeId : p.healthId;
    return (
      p.kind === 'CHILD' &&
      p.socialcareId !== null &&
      id !== null &&
      records.get(id)?.dateOfBirth != null &&
      Object.values(p.discrepancies).every((d) => !d || d.length === 0)
    );
  });
}

/** Whole years from a 'YYYY-MM-DD' date of birth to an instant (by UTC date). */
export function ageOn(dob: string, at: Date): number {
  const [y, m, d] = dob.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age--;
  return age;
}

/** The local date the history window starts: 24 months before asOf. */
export const WINDOW_START = '2024-11-20';
/** The local date of asOf. */
export const AS_OF_DATE = '2026-11-20';
/** A day in milliseconds. */
export const DAY = 24 * HOUR;

/** Days from one 'YYYY-MM-DD' date to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY);
/** 0 = Sunday .. 6 = Saturday, of a 'YYYY-MM-DD' date. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Truth of each agency's person id. */
export const truthBy = (w: World, agency: 'police' | 'health' | 'education') =>
  new Map(
    w.truth.people.flatMap((p) => {
      const id =
        agency === 'police' ? p.policeId : agency === 'health' ? p.healthId : p.educationId;
      return id ? [[id, p] as const] : [];
    }),
  );
/** Whether the agency's date of birth for a person is the true one. */
export const trueDob = (p: TruthPerson | undefined, agency: 'police' | 'health' | 'education') =>
  p !== undefined && !has(p, agency, 'DOB_TYPO') && !has(p, agency, 'DOB_DAY_MONTH_SWAPPED');
