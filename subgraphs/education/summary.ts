import type { MatchLevel } from '../../shared/partner/matching';
import { addDays } from '../../shared/time';
import {
  academicYearOf,
  attendancePercent,
  persistentlyAbsent,
  severelyAbsent,
  type TermSessions,
} from './attendance';
import { isCurrent, isMissingOn, type EducationFacts } from './facts';
import { plural } from '../../shared/partner/summary';

// GOV.UK style abbreviations: 'Sept', 'June' and 'July' are written so.
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'June',
  'July',
  'Aug',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
];

/** 'Sept 2024' for '2024-09-04'. */
export function monthYear(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** '4 Sept 2024' for '2024-09-04'. */
export function dayMonthYear(date: string): string {
  return `${Number(date.slice(8, 10))} ${monthYear(date)}`;
}

function sentence(text: string): string {
  return `${text.replace(/[.\s]+$/, '')}.`;
}

function roll(facts: EducationFacts, elsewhere: boolean): string | null {
  const { today } = facts;
  const current = facts.enrolments.filter((e) => isCurrent(e, today));
  if (current.length > 0) {
    const schools = current.map((e) => `${e.schoolName} (since ${monthYear(e.startDate)})`);
    return `On roll at ${schools.join(' and ')}`;
  }
  // Home educated or missing education already says the child is on no roll.
  if (elsewhere) return null;
  const left = facts.enrolments
    .filter((e) => e.endDate !== null && e.endDate < today)
    .sort((a, b) => ((a.endDate as string) < (b.endDate as string) ? 1 : -1))[0];
  return left
    ? `Not on roll at any school (left ${left.schoolName} in ${monthYear(left.endDate as string)})`
    : 'Not on roll at any school';
}

function attendance(facts: EducationFacts, onRoll: boolean): string | null {
  const thisYear = academicYearOf(facts.today);
  const year = facts.attendance.find((t) => t.possibleSessions > 0)?.academicYear;
  if (!year) return onRoll ? 'No attendance recorded' : null;
  const terms = facts.attendance.filter((t: TermSessions) => t.academicYear === year);
  const possible = terms.reduce((n, t) => n + t.possibleSessions, 0);
  const attended = terms.reduce((n, t) => n + t.attendedSessions, 0);
  // A child who has left every roll this year was absent from school only while on one.
  const when =
    year !== thisYear ? `in ${year}` : onRoll ? 'this year' : 'this year before leaving the roll';
  const flag = severelyAbsent(attended, possible)
    ? ': severely absent'
    : persistentlyAbsent(attended, possible)
      ? ': persistently absent'
      : '';
  return `Attendance ${attendancePercent(attended, possible)}% ${when}${flag}`;
}

function exclusions(facts: EducationFacts): string[] {
  const parts: string[] = [];
  const permanent = facts.exclusions.find(
    (x) => x.kind === 'PERMANENT_EXCLUSION' && x.startDate <= facts.today,
  );
  if (permanent) {
    parts.push(
      `Permanently excluded from ${permanent.schoolName} (${monthYear(permanent.startDate)})`,
    );
  }
  const yearAgo = addDays(facts.today, -365);
  const suspensions = facts.exclusions.filter(
    (x) => x.kind === 'SUSPENSION' && x.startDate > yearAgo && x.startDate <= facts.today,
  );
  if (suspensions.length > 0) {
    const sessions = suspensions.reduce((n, x) => n + x.sessions, 0);
    parts.push(
      `${plural(suspensions.length, 'suspension')} in the last 12 months (${plural(sessions, 'session')})`,
    );
  }
  return parts;
}

function sen(facts: EducationFacts): string | null {
  const current = facts.senProvisions.filter((s) => isCurrent(s, facts.today));
  const plan = current.find((s) => s.provision === 'EHC_PLAN');
  if (plan) return `EHC plan (${plan.primaryNeed})`;
  const support = current.find((s) => s.provision === 'SEN_SUPPORT');
  return support ? `SEN support (${support.primaryNeed})` : null;
}

/**
 * The one line the MASH screen shows for education. Unless the match is CONFIRMED or PROBABLE it
 * says only what the match was. Otherwise, in order: missing education or elective home
 * education first (a child on no roll is the headline), then the roll, this year's attendance
 * with the DfE persistent and severe absence flags, a permanent exclusion, suspensions in the last
 * 12 months, current SEN provision and free school meals eligibility. For example: "On roll at
 * Park School (since Sept 2024). Attendance 84.2% this year: persistently absent. 2 suspensions
 * in the last 12 months (6 sessions). EHC plan (SEMH). Eligible for free school meals."
 */
export function summariseEducation(level: MatchLevel, facts: EducationFacts | null): string {
  if (level === 'NONE') return 'No record in the pupil index';
  if (!facts || (level !== 'CONFIRMED' && level !== 'PROBABLE')) {
    return 'Possible match in the pupil index; confirm before disclosure';
  }
  const { today } = facts;
  const parts: string[] = [];
  const missing = facts.missingEducation.find((m) => isMissingOn(m, today));
  if (missing) {
    parts.push(`Missing education since ${dayMonthYear(missing.reportedOn)}: ${missing.reason}`);
  }
  const home = facts.homeEducation.find((h) => isCurrent(h, today));
  if (home) parts.push(`Electively home educated since ${monthYear(home.startDate)}`);
  const onRoll = facts.enrolments.some((e) => isCurrent(e, today));
  const rollLine = roll(facts, Boolean(missing || home));
  if (rollLine) parts.push(rollLine);
  const attendanceLine = attendance(facts, onRoll);
  if (attendanceLine) parts.push(attendanceLine);
  parts.push(...exclusions(facts));
  const senLine = sen(facts);
  if (senLine) parts.push(senLine);
  if (facts.freeMeals.some((f) => isCurrent(f, today))) {
    parts.push('Eligible for free school meals');
  }
  return parts.map(sentence).join(' ');
}
