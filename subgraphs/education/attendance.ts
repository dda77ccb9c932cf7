/**
 * Attendance arithmetic and the school calendar conventions education's summary and chronology
 * share. Pure functions, no I/O. Sessions are half days.
 */

/** A school term. */
export type Term = 'AUTUMN' | 'SPRING' | 'SUMMER';

/** Sessions in one term: of one enrolment, or of the pupil across every school that term. */
export interface TermSessions {
  /** e.g. '2025/26' */
  academicYear: string;
  term: string;
  possibleSessions: number;
  attendedSessions: number;
  authorisedAbsences: number;
  unauthorisedAbsences: number;
}

const TERM_ORDER: Record<string, number> = { AUTUMN: 0, SPRING: 1, SUMMER: 2 };

/**
 * Attended sessions as a percentage of possible sessions, one decimal place. A term with no
 * possible sessions counts as full attendance: nothing was missed.
 */
export function attendancePercent(attended: number, possible: number): number {
  return possible === 0 ? 100 : Math.round((attended / possible) * 1000) / 10;
}

/**
 * DfE: persistently absent means missing 10% or more of possible sessions, so exactly 90%
 * attendance is persistent absence. Integer arithmetic, so 180 of 200 is never lost to rounding.
 */
export function persistentlyAbsent(attended: number, possible: number): boolean {
  return possible > 0 && (possible - attended) * 10 >= possible;
}

/** DfE: severely absent means missing 50% or more of possible sessions. */
export function severelyAbsent(attended: number, possible: number): boolean {
  return possible > 0 && (possible - attended) * 2 >= possible;
}

/** The academic year (1 September to 31 August) a local date falls in, e.g. '2025/26'. */
export function academicYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const first = Number(date.slice(5, 7)) >= 9 ? year : year - 1;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}

/**
 * The conventional first day of a term: 1 September, 1 January, and for the summer term 15 April
 * (it starts after Easter, which moves; schools' own dates vary by a week or two either way).
 */
export function termStart(academicYear: string, term: string): string {
  const first = Number(academicYear.slice(0, 4));
  if (term === 'AUTUMN') return `${first}-09-01`;
  return term === 'SPRING' ? `${first + 1}-01-01` : `${first + 1}-04-15`;
}

/** Sorts terms most recent first: by academic year, then summer, spring, autumn. */
export function newestTermFirst<T extends { academicYear: string; term: string }>(
  a: T,
  b: T,
): number {
  if (a.academicYear !== b.academicYear) return a.academicYear < b.academicYear ? 1 : -1;
  return (TERM_ORDER[b.term] ?? 0) - (TERM_ORDER[a.term] ?? 0);
}

/**
 * The pupil's sessions by term across every school they were on roll at that term (a pupil who
 * moved mid-term has a record at each school), most recent first.
 */
export function combineByTerm(records: readonly TermSessions[]): TermSessions[] {
  const byTerm = new Map<string, TermSessions>();
  for (const r of records) {
    const key = `${r.academicYear} ${r.term}`;
    const sum = byTerm.get(key);
    if (!sum) {
      byTerm.set(key, {
        academicYear: r.academicYear,
        term: r.term,
        possibleSessions: r.possibleSessions,
        attendedSessions: r.attendedSessions,
        authorisedAbsences: r.authorisedAbsences,
        unauthorisedAbsences: r.unauthorisedAbsences,
      });
    } else {
      sum.possibleSessions += r.possibleSessions;
      sum.attendedSessions += r.attendedSessions;
      sum.authorisedAbsences += r.authorisedAbsences;
      sum.unauthorisedAbsences += r.unauthorisedAbsences;
    }
  }
  return [...byTerm.values()].sort(newestTermFirst);
}
