import type {
  ChronologyEvent as SharedChronologyEvent,
  EventSeverity,
} from '../../shared/partner/chronology';
import { localMidnight } from '../../shared/time';
import { SENSITIVE_HEALTH_SUMMARY } from './access';
import type {
  CamhsReferral,
  CommunityContact,
  MaternityEpisode,
  SafeguardingFlag,
  UnscheduledCareAttendance,
} from './entities';

/** One of health's events in the shared chronology shape. */
export type ChronologyEvent = SharedChronologyEvent<'HEALTH'>;

/**
 * An event as health sees it, with what a reader outside health sees instead when part of it is
 * withheld: `subject` names the record for the audit, `withheldFields` the event's fields that
 * differ.
 */
export interface EventDraft {
  event: ChronologyEvent;
  subject: string;
  outsideHealth: { event: ChronologyEvent; withheldFields: string[] } | null;
}

/** The records of one child that make up health's chronology. */
export interface ChildRecords {
  attendances: UnscheduledCareAttendance[];
  communityContacts: CommunityContact[];
  camhsReferrals: CamhsReferral[];
  safeguardingFlags: SafeguardingFlag[];
  /** The maternity episode the child was born of, if health links one. */
  birth: MaternityEpisode | null;
}

/**
 * Whether a flag is in force on `today` ('YYYY-MM-DD', local): started, and with no end date or
 * one still to come.
 */
export function isFlagActive(flag: Pick<SafeguardingFlag, 'startsOn' | 'endsOn'>, today: string) {
  return flag.startsOn <= today && (flag.endsOn === null || flag.endsOn > today);
}

/** What a sensitive event reads as outside health: that it exists and whom to ask, nothing more. */
function sensitiveStandIn(at: Date): { event: ChronologyEvent; withheldFields: string[] } {
  return {
    // One severity for every withheld event, so that the severity does not hint at the category.
    event: {
      at,
      agency: 'HEALTH',
      kind: 'SENSITIVE_HEALTH',
      summary: SENSITIVE_HEALTH_SUMMARY,
      severity: 'MEDIUM',
    },
    withheldFields: ['kind', 'summary', 'severity'],
  };
}

const SETTING_LABEL: Record<string, string> = {
  EMERGENCY_DEPARTMENT: 'A&E',
  WALK_IN: 'Walk-in centre',
  OUT_OF_HOURS: 'Out-of-hours GP',
  MATERNITY: 'Maternity',
};

const SERVICE_LABEL: Record<string, string> = {
  HEALTH_VISITING: 'health visiting',
  SCHOOL_NURSING: 'school nursing',
};

/** Human words for a flag code, for summaries. */
export const FLAG_LABEL: Record<string, string> = {
  CP_PLAN: 'child protection plan',
  LOOKED_AFTER: 'looked-after child',
  SAFEGUARDING_CONCERN: 'safeguarding concern',
};

/** 'SIX_TO_EIGHT_WEEK_REVIEW' -> 'six to eight week review'. */
export function words(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function attendanceDraft(a: UnscheduledCareAttendance): EventDraft {
  const severity: EventSeverity =
    a.sensitiveCategory === 'MENTAL_HEALTH' || a.sensitiveCategory === 'SUBSTANCE_MISUSE'
      ? 'HIGH'
      : a.sensitiveCategory === 'SEXUAL_HEALTH' || a.setting === 'EMERGENCY_DEPARTMENT'
        ? 'MEDIUM'
        : 'LOW';
  return {
    event: {
      at: a.arrivedAt,
      agency: 'HEALTH',
      kind: `${a.setting}_ATTENDANCE`,
      summary: `${SETTING_LABEL[a.setting] ?? words(a.setting)} attendance at ${a.site}: ${a.presentingReason}`,
      severity,
    },
    subject: `UnscheduledCareAttendance ${a.id}`,
    outsideHealth: a.sensitiveCategory ? sensitiveStandIn(a.arrivedAt) : null,
  };
}

function communityDraft(c: CommunityContact): EventDraft {
  const service = SERVICE_LABEL[c.service] ?? words(c.service);
  const safeguarding = c.kind === 'SAFEGUARDING_VISIT';
  // A child not brought to health appointments is an early sign of neglect.
  const severity: EventSeverity =
    c.wasNotBrought && safeguarding ? 'HIGH' : c.wasNotBrought || safeguarding ? 'MEDIUM' : 'LOW';
  return {
    event: {
      at: c.at,
      agency: 'HEALTH',
      kind: c.wasNotBrought ? 'WAS_NOT_BROUGHT' : c.service,
      summary: c.wasNotBrought
        ? `Not brought to ${service} ${words(c.kind)}`
        : `${capitalise(service)}: ${words(c.kind)}`,
      severity,
    },
    subject: `CommunityContact ${c.id}`,
    outsideHealth: null,
  };
}

function camhsDraft(r: CamhsReferral): EventDraft {
  const at = localMidnight(r.referredOn);
  return {
    event: {
      at,
      agency: 'HEALTH',
      kind: 'CAMHS_REFERRAL',
      summary: `Referred to CAMHS: ${r.reason} (${words(r.status)})`,
      severity: 'MEDIUM',
    },
    subject: `CamhsReferral ${r.id}`,
    // CAMHS is mental health: outside health even the kind of event would say too much.
    outsideHealth: sensitiveStandIn(at),
  };
}

function flagDrafts(f: SafeguardingFlag, today: string): EventDraft[] {
  const label = FLAG_LABEL[f.code] ?? words(f.code);
  const drafts: EventDraft[] = [
    {
      event: {
        at: localMidnight(f.startsOn),
        agency: 'HEALTH',
        kind: 'SAFEGUARDING_FLAG',
        summary: `Flag added: ${label}`,
        severity: f.code === 'CP_PLAN' ? 'HIGH' : 'MEDIUM',
      },
      subject: `SafeguardingFlag ${f.id}`,
      outsideHealth: null,
    },
  ];
  // An end date still to come has not happened yet.
  if (f.endsOn !== null && f.endsOn <= today) {
    drafts.push({
      event: {
        at: localMidnight(f.endsOn),
        agency: 'HEALTH',
        kind: 'SAFEGUARDING_FLAG_ENDED',
        summary: `Flag ended: ${label}`,
        severity: 'LOW',
      },
      subject: `SafeguardingFlag ${f.id}`,
      outsideHealth: null,
    });
  }
  return drafts;
}

function birthDrafts(e: MaternityEpisode): EventDraft[] {
  const booked = `Pregnancy booked with maternity services, expected delivery ${e.expectedDeliveryDate}`;
  const at = localMidnight(e.bookedOn);
  const drafts: EventDraft[] = [
    {
      event: {
        at,
        agency: 'HEALTH',
        kind: 'MATERNITY_BOOKING',
        summary: e.concerns ? `${booked}; concerns at booking: ${e.concerns}` : booked,
        severity: e.concerns ? 'MEDIUM' : 'LOW',
      },
      subject: `MaternityEpisode ${e.id}`,
      // Booking concerns are about the mother's own health: health roles only.
      outsideHealth: e.concerns
        ? {
            event: {
              at,
              agency: 'HEALTH',
              kind: 'MATERNITY_BOOKING',
              summary: `${booked}; concerns noted at booking, ask the health MASH practitioner`,
              severity: 'MEDIUM',
            },
            withheldFields: ['summary'],
          }
        : null,
    },
  ];
  if (e.deliveredOn !== null) {
    drafts.push({
      event: {
        at: localMidnight(e.deliveredOn),
        agency: 'HEALTH',
        kind: 'BIRTH',
        summary: 'Birth recorded by maternity services',
        severity: 'LOW',
      },
      subject: `MaternityEpisode ${e.id}`,
      outsideHealth: null,
    });
  }
  return drafts;
}

/**
 * Every event of a child's health records, oldest first (ties by record), as health sees them;
 * `today` is the local date, for flags whose end is still to come.
 */
export function childEventDrafts(records: ChildRecords, today: string): EventDraft[] {
  const drafts = [
    ...records.attendances.map(attendanceDraft),
    ...records.communityContacts.map(communityDraft),
    ...records.camhsReferrals.map(camhsDraft),
    ...records.safeguardingFlags.flatMap((f) => flagDrafts(f, today)),
    ...(records.birth ? birthDrafts(records.birth) : []),
  ];
  return drafts.sort(
    (a, b) => a.event.at.getTime() - b.event.at.getTime() || a.subject.localeCompare(b.subject),
  );
}
