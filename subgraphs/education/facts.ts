import { localDate } from '../../shared/time';
import { combineByTerm, termStart, type TermSessions } from './attendance';
import type { EducationContext } from './context';
import type {
  Enrolment,
  Exclusion,
  FreeMeals,
  HomeEducation,
  MissingEducation,
  School,
  SenProvision,
  TermAttendance,
} from './entities';
import type { PupilRecords } from './loaders';

/** A period with a start and an optional end, both local dates, the end inclusive. */
export interface Period {
  startDate: string;
  endDate: string | null;
}

/** True when `today` falls in the period: started, and not yet ended (the end day counts). */
export function isCurrent(p: Period, today: string): boolean {
  return p.startDate <= today && (p.endDate === null || p.endDate >= today);
}

/** True when a child-missing-education episode is open today (resolved on a day: not missing from it). */
export function isMissingOn(
  m: { reportedOn: string; resolvedOn: string | null },
  today: string,
): boolean {
  return m.reportedOn <= today && (m.resolvedOn === null || m.resolvedOn > today);
}

/** A pupil's term across every school, with the day it began for them. */
export interface TermFact extends TermSessions {
  /** The later of the term's conventional start and the pupil's first day on roll that term. */
  firstDay: string;
}

/**
 * Everything education holds about one matched pupil, as the summary and chronology read it.
 * Lists come newest first, as the records loader returns them.
 */
export interface EducationFacts {
  /** The request's local date (Europe/London). */
  today: string;
  enrolments: (Enrolment & { schoolName: string })[];
  /** By term across every school, newest first. */
  attendance: TermFact[];
  exclusions: (Exclusion & { schoolName: string })[];
  senProvisions: SenProvision[];
  homeEducation: HomeEducation[];
  missingEducation: MissingEducation[];
  freeMeals: FreeMeals[];
}

/**
 * One pupil's records through the request's loader: every pupil asked about in a request shares
 * its one statement, so a page of children costs what one child does. The statement answers a
 * row for every id it is given, so a missing row is a defect, not an empty record.
 */
export async function recordsOf(ctx: EducationContext, pupilId: string): Promise<PupilRecords> {
  const records = await ctx.loaders.recordsByPupilId.load(pupilId);
  if (!records) throw new Error(`education-records answered no row for pupil ${pupilId}`);
  return records;
}

/** Gathers one pupil's facts, as the summary and chronology read them, on the request's date. */
export async function loadFacts(ctx: EducationContext, pupilId: string): Promise<EducationFacts> {
  const records = await recordsOf(ctx, pupilId);
  const { enrolments } = records;
  const nameOf = (school: School | null, urn: string) => school?.name ?? `School ${urn}`;
  const terms: (TermAttendance & { from: string })[] = enrolments.flatMap((e) =>
    e.attendance.map((t) => ({ ...t, from: e.startDate })),
  );
  const attendance = combineByTerm(terms).map((t) => {
    const starts = terms
      .filter((r) => r.academicYear === t.academicYear && r.term === t.term)
      .map((r) => r.from)
      .sort();
    const conventional = termStart(t.academicYear, t.term);
    return { ...t, firstDay: starts[0] > conventional ? starts[0] : conventional };
  });
  return {
    today: localDate(ctx.now),
    enrolments: enrolments.map((e) => ({ ...e, schoolName: nameOf(e.school, e.schoolUrn) })),
    attendance,
    exclusions: records.exclusions.map((x) => ({
      ...x,
      schoolName: nameOf(x.school, x.schoolUrn),
    })),
    senProvisions: records.senProvisions,
    homeEducation: records.homeEducation,
    missingEducation: records.missingEducation,
    freeMeals: records.freeMeals,
  };
}
