import type {
  ChronologyEvent as SharedChronologyEvent,
  EventSeverity,
} from '../../shared/partner/chronology';
import { localMidnight } from '../../shared/time';
import { attendancePercent, persistentlyAbsent, severelyAbsent } from './attendance';
import { describeCode, EXCLUSION_REASONS, PRIMARY_NEEDS } from './codes';
import type { EducationFacts } from './facts';

/** One of education's events in the shared chronology shape. */
export type ChronologyEvent = SharedChronologyEvent<'EDUCATION'>;

function termName(academicYear: string, term: string): string {
  return `the ${term.toLowerCase()} term of ${academicYear}`;
}

/**
 * The pupil's education events, oldest first: enrolments starting and ending, suspensions and
 * permanent exclusions, SEN support and EHC plans starting, elective home education starting and
 * ending, children-missing-education reports and resolutions, and each term the pupil was
 * persistently (or severely) absent. Events after today (a leaving date entered in advance) are
 * not events yet. Nothing education holds is sensitive under the current rules, so nothing is
 * left out for the reader.
 */
export function educationEvents(facts: EducationFacts): ChronologyEvent[] {
  const dated: { date: string; kind: string; summary: string; severity: EventSeverity }[] = [];
  const add = (date: string, kind: string, summary: string, severity: EventSeverity) =>
    dated.push({ date, kind, summary, severity });

  for (const e of facts.enrolments) {
    add(e.startDate, 'ENROLMENT_STARTED', `Joined the roll of ${e.schoolName}`, 'LOW');
    if (e.endDate === null) continue;
    const end = e.endDate;
    // Leaving one school for another is routine; leaving the roll for no school is not.
    const followed = facts.enrolments.some(
      (o) => o !== e && o.startDate >= e.startDate && (o.endDate === null || o.endDate > end),
    );
    if (followed) add(end, 'ENROLMENT_ENDED', `Left the roll of ${e.schoolName}`, 'LOW');
    else {
      add(
        end,
        'ENROLMENT_ENDED',
        `Left the roll of ${e.schoolName}; on no school roll since`,
        'MEDIUM',
      );
    }
  }
  for (const x of facts.exclusions) {
    const reason = describeCode(EXCLUSION_REASONS, x.reasonCode);
    if (x.kind === 'PERMANENT_EXCLUSION') {
      add(
        x.startDate,
        'PERMANENT_EXCLUSION',
        `Permanently excluded from ${x.schoolName}: ${reason}`,
        'HIGH',
      );
    } else {
      const sessions = `${x.sessions} session${x.sessions === 1 ? '' : 's'}`;
      add(
        x.startDate,
        'SUSPENSION',
        `Suspended from ${x.schoolName} for ${sessions}: ${reason}`,
        'MEDIUM',
      );
    }
  }
  for (const s of facts.senProvisions) {
    const need = describeCode(PRIMARY_NEEDS, s.primaryNeed);
    if (s.provision === 'EHC_PLAN') {
      add(s.startDate, 'EHC_PLAN_STARTED', `EHC plan began; primary need: ${need}`, 'MEDIUM');
    } else {
      add(s.startDate, 'SEN_SUPPORT_STARTED', `SEN support began; primary need: ${need}`, 'LOW');
    }
  }
  for (const h of facts.homeEducation) {
    add(h.startDate, 'EHE_STARTED', 'Elective home education began', 'MEDIUM');
    if (h.endDate !== null) add(h.endDate, 'EHE_ENDED', 'Elective home education ended', 'LOW');
  }
  for (const m of facts.missingEducation) {
    add(m.reportedOn, 'CME_REPORTED', `Reported missing education: ${m.reason}`, 'HIGH');
    if (m.resolvedOn !== null) {
      add(m.resolvedOn, 'CME_RESOLVED', 'No longer missing education', 'LOW');
    }
  }
  for (const t of facts.attendance) {
    const { attendedSessions: attended, possibleSessions: possible } = t;
    const percent = `attended ${attendancePercent(attended, possible)}% of sessions`;
    if (severelyAbsent(attended, possible)) {
      add(
        t.firstDay,
        'SEVERE_ABSENCE',
        `Severely absent in ${termName(t.academicYear, t.term)}: ${percent}`,
        'HIGH',
      );
    } else if (persistentlyAbsent(attended, possible)) {
      add(
        t.firstDay,
        'PERSISTENT_ABSENCE',
        `Persistently absent in ${termName(t.academicYear, t.term)}: ${percent}`,
        'MEDIUM',
      );
    }
  }
  // A stable sort on the date keeps same-day events in the order above: roll changes first.
  return dated
    .filter((d) => d.date <= facts.today)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d) => ({
      at: localMidnight(d.date),
      agency: 'EDUCATION' as const,
      kind: d.kind,
      summary: d.summary,
      severity: d.severity,
    }));
}
