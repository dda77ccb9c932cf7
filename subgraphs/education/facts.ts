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
 * Lists come newest first, as the loaders return them.
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

async function loadAll<K, V>(
  loader: { loadMany(keys: readonly K[]): Promise<(V | Error)[]> },
  keys: readonly K[],
): Promise<V[]> {
  const values = await loader.loadMany(keys);
  for (const v of values) if (v instanceof Error) throw v;
  return values as V[];
}

/**
 * Every school a pupil's enrolments and exclusions name, by URN. Each reader of a school goes
 * through here, so all of a request's school look-ups ask for the same keys at the same moment
 * (once enrolments and exclusions are in) and share one statement, however resolvers interleave.
 */
export async function schoolsOfPupil(
  ctx: EducationContext,
  pupilId: string,
): Promise<Map<string, School>> {
  const { loaders } = ctx;
  const [enrolments, exclusions] = await Promise.all([
    loaders.enrolmentsByPupilId.load(pupilId),
    loaders.exclusionsByPupilId.load(pupilId),
  ]);
  const urns = [...new Set([...enrolments, ...exclusions].map((r) => r.schoolUrn))];
  const schools = await loaders.schoolByUrn.loadMany(urns);
  const byUrn = new Map<string, School>();
  schools.forEach((school) => {
    if (school instanceof Error) throw school;
    if (school) byUrn.set(school.urn, school);
  });
  return byUrn;
}

/**
 * Gathers one pupil's facts through the request's loaders: every pupil asked about in a request
 * shares each query, so a page of children costs what one child does.
 */
export async function loadFacts(ctx: EducationContext, pupilId: string): Promise<EducationFacts> {
  const { loaders } = ctx;
  const [enrolments, exclusions, senProvisions, homeEducation, missingEducation, freeMeals] =
    await Promise.all([
      loaders.enrolmentsByPupilId.load(pupilId),
      loaders.exclusionsByPupilId.load(pupilId),
      loaders.senProvisionsByPupilId.load(pupilId),
      loaders.homeEducationByPupilId.load(pupilId),
      loaders.missingEducationByPupilId.load(pupilId),
      loaders.freeMealsByPupilId.load(pupilId),
    ]);
  const [schools, terms] = await Promise.all([
    schoolsOfPupil(ctx, pupilId),
    loadAll(
      loaders.attendanceByEnrolmentId,
      enrolments.map((e) => e.id),
    ),
  ]);
  const nameOf = (urn: string) => schools.get(urn)?.name ?? `School ${urn}`;
  const records: (TermAttendance & { from: string })[] = terms.flatMap((list, i) =>
    list.map((t) => ({ ...t, from: enrolments[i].startDate })),
  );
  const attendance = combineByTerm(records).map((t) => {
    const starts = records
      .filter((r) => r.academicYear === t.academicYear && r.term === t.term)
      .map((r) => r.from)
      .sort();
    const conventional = termStart(t.academicYear, t.term);
    return { ...t, firstDay: starts[0] > conventional ? starts[0] : conventional };
  });
  return {
    today: localDate(ctx.now),
    enrolments: enrolments.map((e) => ({ ...e, schoolName: nameOf(e.schoolUrn) })),
    attendance,
    exclusions: exclusions.map((x) => ({ ...x, schoolName: nameOf(x.schoolUrn) })),
    senProvisions,
    homeEducation,
    missingEducation,
    freeMeals,
  };
}
