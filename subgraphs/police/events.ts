import type {
  ChronologyEvent as SharedChronologyEvent,
  EventSeverity,
} from '../../shared/partner/chronology';
import { localMidnight } from '../../shared/time';
import type { Arrest, IntelligenceItem, MaracReferral } from './entities';
import {
  rolePriority,
  type MissingEpisodeWithReference,
  type PersonCourtOrder,
  type PersonDaNotification,
  type PersonOccurrence,
} from './loaders';
import { words } from '../../shared/partner/summary';

/** One of police's events in the shared chronology shape. */
export type ChronologyEvent = SharedChronologyEvent<'POLICE'>;

/** The child's police records a chronology is built from, already cut to what the reader may see. */
export interface PoliceEventRecords {
  domesticAbuse: PersonDaNotification[];
  missing: MissingEpisodeWithReference[];
  arrests: Arrest[];
  marac: MaracReferral[];
  courtOrders: PersonCourtOrder[];
  /** Every occurrence the child is linked to; those a notification or episode covers are dropped. */
  occurrences: PersonOccurrence[];
  /** Only the items the reader may see. */
  intelligence: IntelligenceItem[];
}

const HOUR_MS = 60 * 60 * 1000;

const DASH_SEVERITY: Record<string, EventSeverity> = {
  STANDARD: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
};

// An arrest of the child bears on their safety most where it points to exploitation or harm.
const ARREST_SEVERITY: Record<string, EventSeverity> = {
  WEAPONS: 'HIGH',
  SEXUAL: 'HIGH',
  DRUGS: 'MEDIUM',
  VIOLENCE: 'MEDIUM',
  DOMESTIC_ABUSE: 'MEDIUM',
  THEFT: 'LOW',
  PUBLIC_ORDER: 'LOW',
};

const OCCURRENCE_SEVERITY: Record<string, EventSeverity> = {
  DOMESTIC_ABUSE: 'MEDIUM',
  MISSING_PERSON: 'MEDIUM',
  VIOLENCE: 'MEDIUM',
  CONCERN_FOR_WELFARE: 'MEDIUM',
  DRUGS: 'MEDIUM',
  ANTISOCIAL_BEHAVIOUR: 'LOW',
  THEFT: 'LOW',
};

/** The child's part in an incident, as a phrase. */
const CHILD_ROLE: Record<string, string> = {
  VICTIM: 'child was the victim',
  PERPETRATOR: 'child was the perpetrator',
  WITNESS: 'child was a witness',
  CHILD_PRESENT: 'child was present',
  MISSING_PERSON: 'child was missing',
  SUBJECT: 'child was the subject',
};

const ORDER_NAME: Record<string, string> = {
  NON_MOLESTATION_ORDER: 'Non-molestation order',
  OCCUPATION_ORDER: 'Occupation order',
  RESTRAINING_ORDER: 'Restraining order',
  DOMESTIC_VIOLENCE_PROTECTION_ORDER: 'Domestic violence protection order',
  CHILD_ARRANGEMENTS_PROHIBITED_STEPS: 'Prohibited steps order',
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "14 hours", "3 days". */
function duration(ms: number): string {
  const hours = Math.round(ms / HOUR_MS);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.round(hours / 24)} days`;
}

function daEvent(d: PersonDaNotification): ChronologyEvent {
  const previous =
    d.previousIncidents === 0
      ? 'no previous incidents'
      : `${d.previousIncidents} previous incident${d.previousIncidents === 1 ? '' : 's'}`;
  return {
    at: d.occurredAt,
    agency: 'POLICE',
    kind: 'DA_NOTIFICATION',
    summary:
      `Domestic abuse incident ${d.occurrenceReference}: DASH ${words(d.dashRisk)} risk, ` +
      `${CHILD_ROLE[d.role] ?? words(d.role)}, ${previous}`,
    severity: DASH_SEVERITY[d.dashRisk] ?? 'MEDIUM',
  };
}

function missingEvent(m: MissingEpisodeWithReference): ChronologyEvent {
  const reported = m.occurrenceReference
    ? `Reported missing (${m.occurrenceReference})`
    : 'Reported missing';
  const found =
    m.endedAt === null
      ? 'not yet found'
      : `found after ${duration(m.endedAt.getTime() - m.startedAt.getTime())}`;
  const interview =
    m.endedAt === null
      ? null
      : m.returnInterviewDone
        ? 'return interview done'
        : m.returnInterviewOffered
          ? 'return interview offered, not done'
          : 'no return interview offered';
  const long = m.endedAt === null || m.endedAt.getTime() - m.startedAt.getTime() >= 24 * HOUR_MS;
  return {
    at: m.startedAt,
    agency: 'POLICE',
    kind: 'MISSING_EPISODE',
    summary: [reported, found, interview].filter(Boolean).join('; '),
    severity: long ? 'HIGH' : 'MEDIUM',
  };
}

function arrestEvent(a: Arrest): ChronologyEvent {
  return {
    at: a.arrestedAt,
    agency: 'POLICE',
    kind: 'ARREST',
    summary: `Arrested: ${a.offence} (${words(a.outcome)})`,
    severity: ARREST_SEVERITY[a.offenceCategory] ?? 'MEDIUM',
  };
}

function maracEvent(m: MaracReferral): ChronologyEvent {
  return {
    at: m.referredAt,
    agency: 'POLICE',
    kind: 'MARAC_REFERRAL',
    summary: m.conferenceDate
      ? `Referred to MARAC as a victim; conference ${m.conferenceDate}`
      : 'Referred to MARAC as a victim; conference not yet held',
    severity: 'HIGH',
  };
}

function courtOrderEvent(o: PersonCourtOrder): ChronologyEvent {
  const party = o.party === 'PROTECTED' ? 'protects the child' : 'made against the child';
  return {
    at: localMidnight(o.madeOn),
    agency: 'POLICE',
    kind: 'COURT_ORDER',
    summary:
      `${ORDER_NAME[o.kind] ?? capitalised(words(o.kind))} ${party}, ` +
      (o.expiresOn ? `until ${o.expiresOn}` : 'until further order'),
    severity: o.party === 'PROTECTED' ? 'HIGH' : 'MEDIUM',
  };
}

function occurrenceEvent(o: PersonOccurrence): ChronologyEvent {
  const { occurrence } = o;
  return {
    at: occurrence.occurredAt,
    agency: 'POLICE',
    kind: 'OCCURRENCE',
    summary:
      `${capitalised(words(occurrence.category))} ${occurrence.reference} ` +
      `(${CHILD_ROLE[o.role] ?? words(o.role)}): ${occurrence.summary}`,
    severity: OCCURRENCE_SEVERITY[occurrence.category] ?? 'LOW',
  };
}

function intelligenceEvent(i: IntelligenceItem): ChronologyEvent {
  const corroborated = i.sourceGrade <= 2 && ['A', 'B'].includes(i.informationGrade);
  return {
    at: i.recordedAt,
    agency: 'POLICE',
    kind: 'INTELLIGENCE',
    summary: `Intelligence graded ${i.sourceGrade}${i.informationGrade}${i.handlingCode}: ${i.content}`,
    severity: corroborated ? 'MEDIUM' : 'LOW',
  };
}

/**
 * Each occurrence once, in the person's most significant part, less those a domestic abuse
 * notification or a missing episode already stands for (so nothing is counted or shown twice).
 */
export function uncoveredOccurrences(
  occurrences: PersonOccurrence[],
  domesticAbuse: { occurrenceId: string }[],
  missing: { occurrenceId: string | null }[],
): PersonOccurrence[] {
  const covered = new Set<string>([
    ...domesticAbuse.map((d) => d.occurrenceId),
    ...missing.map((m) => m.occurrenceId).filter((id): id is string => id !== null),
  ]);
  const byId = new Map<string, PersonOccurrence>();
  for (const o of occurrences) {
    if (covered.has(o.occurrence.id)) continue;
    const seen = byId.get(o.occurrence.id);
    if (!seen || rolePriority(o.role) < rolePriority(seen.role)) byId.set(o.occurrence.id, o);
  }
  return [...byId.values()];
}

/**
 * The child's police chronology, oldest first: DA notifications, missing episodes, the child's
 * arrests, MARAC referrals, court orders, the occurrences no notification or episode covers, and
 * the intelligence the reader may see. Ties keep a stable order (by kind, then summary).
 */
export function buildPoliceEvents(r: PoliceEventRecords): ChronologyEvent[] {
  return [
    ...r.domesticAbuse.map(daEvent),
    ...r.missing.map(missingEvent),
    ...r.arrests.map(arrestEvent),
    ...r.marac.map(maracEvent),
    ...r.courtOrders.map(courtOrderEvent),
    ...uncoveredOccurrences(r.occurrences, r.domesticAbuse, r.missing).map(occurrenceEvent),
    ...r.intelligence.map(intelligenceEvent),
  ].sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.kind.localeCompare(b.kind) ||
      a.summary.localeCompare(b.summary),
  );
}
