import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { prepared, runPrepared } from '../../shared/database';
import { createGroupLoader } from '../../shared/loaders';
import {
  candidateOf,
  createCandidateSource,
  createMatchLoader,
  type Candidate,
  type CandidateSource,
  type IndexTable,
  type MatchThresholds,
} from '../../shared/partner/matching';
import { createViewDisclosuresLoader } from '../../shared/partner/view-disclosures';
import { localDate } from '../../shared/time';
import {
  IntelligenceClearance,
  type Arrest,
  type CourtOrder,
  type DaNotification,
  type IntelligenceItem,
  type MaracReferral,
  type MissingEpisode,
  type Occurrence,
  type Person,
} from './entities';

/** An occurrence with the part the person asked about played in it. */
export interface PersonOccurrence {
  role: string;
  occurrence: Occurrence;
}

/** Someone else linked to a domestic abuse incident: their part, never who they are. */
export interface OtherParty {
  role: string;
  /** Under 18 on the day of the incident; null when police hold no date of birth. */
  under18: boolean | null;
}

/** A domestic abuse notification as the person asked about is linked to it. */
export interface PersonDaNotification extends DaNotification {
  /** The person's part in the incident (the most significant, should police record several). */
  role: string;
  occurrenceReference: string;
  occurredAt: Date;
  otherParties: OtherParty[];
}

/** A missing episode with the reference of the occurrence that opened it. */
export interface MissingEpisodeWithReference extends MissingEpisode {
  occurrenceReference: string | null;
}

/** Whether a person is the one a court order protects or the one it is against. */
export type CourtOrderParty = 'PROTECTED' | 'RESPONDENT';

/** A court order as it concerns the person asked about. */
export interface PersonCourtOrder extends CourtOrder {
  party: CourtOrderParty;
}

/** A clearance of one of the person's intelligence items: the item, and the agency cleared. */
export interface PersonClearance {
  itemId: string;
  agency: string;
}

/** Everything police hold about one person in the index, each list in its reading order. */
export interface PersonRecords {
  /** Every part the person played in an occurrence, newest occurrence first. */
  occurrences: PersonOccurrence[];
  /** Newest first, one row per notification in the person's most significant part. */
  domesticAbuse: PersonDaNotification[];
  /** Newest first. */
  missing: MissingEpisodeWithReference[];
  /** Newest first. */
  arrests: Arrest[];
  /** Referrals of the person as the victim, newest first. */
  marac: MaracReferral[];
  /** Orders naming the person as respondent or as the one protected (once per part), newest first. */
  courtOrders: PersonCourtOrder[];
  /** Newest first. */
  intelligence: IntelligenceItem[];
  /** Every clearance of every item in `intelligence`, by item then agency. */
  clearances: PersonClearance[];
}

// When police record a person in several parts of one incident, the part shown is the first here.
const ROLE_PRIORITY = [
  'VICTIM',
  'PERPETRATOR',
  'MISSING_PERSON',
  'SUBJECT',
  'CHILD_PRESENT',
  'WITNESS',
];

/** Orders roles most significant first (VICTIM before WITNESS). */
export function rolePriority(role: string): number {
  const at = ROLE_PRIORITY.indexOf(role);
  return at < 0 ? ROLE_PRIORITY.length : at;
}

/** One row per notification of one person's, keeping their most significant part; order kept. */
function oneRolePerNotification(rows: PersonDaNotification[]): PersonDaNotification[] {
  const kept = new Map<string, PersonDaNotification>();
  for (const row of rows) {
    const seen = kept.get(row.id);
    if (!seen || rolePriority(row.role) < rolePriority(seen.role)) kept.set(row.id, row);
  }
  return rows.filter((r) => kept.get(r.id) === r);
}

/**
 * Everything police hold about each person of a batch (`$1`, their ids): one row per person in
 * the index, a column per list of `PersonRecords`, each a `json_agg` in the order the sections
 * read it: newest first, the id breaking ties (clearances by item, then agency). A person in two
 * parts of one occurrence or incident, or party to one order both ways, comes back once per part,
 * the part breaking the tie; `toPersonRecords` keeps one part per notification.
 */
const PERSON_RECORDS = prepared(
  'police-records',
  `SELECT p.id AS "personId",
          coalesce((
            SELECT json_agg(json_build_object(
                     'role', op.role,
                     'occurrence', json_build_object(
                       'id', o.id, 'reference', o.reference, 'occurredAt', o.occurred_at,
                       'category', o.category, 'summary', o.summary))
                     ORDER BY o.occurred_at DESC, o.id DESC, op.role)
              FROM occurrence_persons op
              JOIN occurrences o ON o.id = op.occurrence_id
             WHERE op.person_id = p.id
          ), '[]'::json) AS "occurrences",
          coalesce((
            SELECT json_agg(json_build_object(
                     'role', op.role, 'id', d.id, 'occurrenceId', d.occurrence_id,
                     'assessedAt', d.assessed_at, 'dashRisk', d.dash_risk,
                     'childrenPresent', d.children_present,
                     'previousIncidents', d.previous_incidents,
                     'occurrenceReference', o.reference, 'occurredAt', o.occurred_at,
                     'otherParties', coalesce((
                       SELECT json_agg(json_build_object(
                                'role', other.role,
                                'under18', CASE WHEN other_person.date_of_birth IS NULL THEN NULL
                                  ELSE other_person.date_of_birth >
                                    ((o.occurred_at AT TIME ZONE 'Europe/London')::date
                                      - interval '18 years')::date
                                END)
                                ORDER BY other.role, other.person_id)
                         FROM occurrence_persons other
                         JOIN persons other_person ON other_person.id = other.person_id
                        WHERE other.occurrence_id = d.occurrence_id
                          AND other.person_id <> op.person_id
                     ), '[]'::json))
                     ORDER BY o.occurred_at DESC, d.id DESC, op.role)
              FROM occurrence_persons op
              JOIN da_notifications d ON d.occurrence_id = op.occurrence_id
              JOIN occurrences o ON o.id = d.occurrence_id
             WHERE op.person_id = p.id
          ), '[]'::json) AS "domesticAbuse",
          coalesce((
            SELECT json_agg(json_build_object(
                     'id', m.id, 'personId', m.person_id, 'occurrenceId', m.occurrence_id,
                     'startedAt', m.started_at, 'endedAt', m.ended_at,
                     'returnInterviewOffered', m.return_interview_offered,
                     'returnInterviewDone', m.return_interview_done,
                     'occurrenceReference', o.reference)
                     ORDER BY m.started_at DESC, m.id DESC)
              FROM missing_episodes m
              LEFT JOIN occurrences o ON o.id = m.occurrence_id
             WHERE m.person_id = p.id
          ), '[]'::json) AS "missing",
          coalesce((
            SELECT json_agg(json_build_object(
                     'id', a.id, 'personId', a.person_id, 'arrestedAt', a.arrested_at,
                     'offenceCategory', a.offence_category, 'offence', a.offence,
                     'outcome', a.outcome)
                     ORDER BY a.arrested_at DESC, a.id DESC)
              FROM arrests a
             WHERE a.person_id = p.id
          ), '[]'::json) AS "arrests",
          coalesce((
            SELECT json_agg(json_build_object(
                     'id', r.id, 'personId', r.person_id,
                     'daNotificationId', r.da_notification_id, 'referredAt', r.referred_at,
                     'conferenceDate', r.conference_date)
                     ORDER BY r.referred_at DESC, r.id DESC)
              FROM marac_referrals r
             WHERE r.person_id = p.id
          ), '[]'::json) AS "marac",
          coalesce((
            SELECT json_agg(json_build_object(
                     'id', c.id, 'kind', c.kind, 'respondentPersonId', c.respondent_person_id,
                     'protectedPersonId', c.protected_person_id, 'madeOn', c.made_on,
                     'expiresOn', c.expires_on, 'party', parties.party)
                     ORDER BY c.made_on DESC, c.id DESC, parties.party DESC)
              FROM court_orders c
             CROSS JOIN LATERAL (VALUES (c.respondent_person_id, 'RESPONDENT'),
                                        (c.protected_person_id, 'PROTECTED'))
                   AS parties (person_id, party)
             WHERE (c.respondent_person_id = p.id OR c.protected_person_id = p.id)
               AND parties.person_id = p.id
          ), '[]'::json) AS "courtOrders",
          coalesce((
            SELECT json_agg(json_build_object(
                     'id', i.id, 'personId', i.person_id, 'recordedAt', i.recorded_at,
                     'sourceGrade', i.source_grade, 'informationGrade', i.information_grade,
                     'handlingCode', i.handling_code,
                     'handlingConditions', i.handling_conditions, 'content', i.content)
                     ORDER BY i.recorded_at DESC, i.id DESC)
              FROM intelligence_items i
             WHERE i.person_id = p.id
          ), '[]'::json) AS "intelligence",
          coalesce((
            SELECT json_agg(json_build_object('itemId', c.item_id, 'agency', c.agency)
                     ORDER BY c.item_id, c.agency)
              FROM intelligence_clearances c
              JOIN intelligence_items i ON i.id = c.item_id
             WHERE i.person_id = p.id
          ), '[]'::json) AS "clearances"
     FROM persons p
    WHERE p.id = ANY($1::text[])`,
);

/** A record as JSON carries it: each timestamp an ISO string (a date stays 'YYYY-MM-DD'). */
type Wire<T> = {
  [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends Date | null
      ? string | null
      : T[K] extends object
        ? Wire<T[K]>
        : T[K];
};

/** One row of `PERSON_RECORDS` as pg hands it over. */
type PersonRecordsRow = { personId: string } & Wire<PersonRecords>;

const at = (iso: string): Date => new Date(iso);
const atOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** A person's records with their timestamps as Dates, as TypeORM's entities had them. */
function toPersonRecords(row: PersonRecordsRow): PersonRecords {
  return {
    occurrences: row.occurrences.map(({ role, occurrence }) => ({
      role,
      occurrence: { ...occurrence, occurredAt: at(occurrence.occurredAt) },
    })),
    domesticAbuse: oneRolePerNotification(
      row.domesticAbuse.map((d) => ({
        ...d,
        assessedAt: at(d.assessedAt),
        occurredAt: at(d.occurredAt),
      })),
    ),
    missing: row.missing.map((m) => ({
      ...m,
      startedAt: at(m.startedAt),
      endedAt: atOrNull(m.endedAt),
    })),
    arrests: row.arrests.map((a) => ({ ...a, arrestedAt: at(a.arrestedAt) })),
    marac: row.marac.map((r) => ({ ...r, referredAt: at(r.referredAt) })),
    courtOrders: row.courtOrders,
    intelligence: row.intelligence.map((i) => ({ ...i, recordedAt: at(i.recordedAt) })),
    clearances: row.clearances,
  };
}

/** What police hold about someone who is not (or no longer) in the person index: nothing. */
const NO_RECORDS: PersonRecords = {
  occurrences: [],
  domesticAbuse: [],
  missing: [],
  arrests: [],
  marac: [],
  courtOrders: [],
  intelligence: [],
  clearances: [],
};

function toCandidate(p: Person): Candidate<Person> {
  return candidateOf(p);
}

/** The police person index, as the matcher reads it. */
const PERSON_INDEX: IndexTable = {
  table: 'persons',
  select: `p.id, p.given_name AS "givenName", p.family_name AS "familyName",
           p.date_of_birth AS "dateOfBirth", p.sex, p.postcode, p.pnc_id AS "pncId"`,
};

/**
 * Matches children and adults against the person index on demographics (no shared identifier);
 * a child (`childrenOn` today's date) never to an adult's record.
 */
function createPersonMatchLoader(
  candidates: CandidateSource<Person>,
  thresholds: MatchThresholds | undefined,
  childrenOn: string | null,
) {
  return createMatchLoader<Person>({
    agency: 'POLICE',
    thresholds,
    childrenOn,
    fetchCandidates: (probes) => candidates(probes, childrenOn),
    identifier: () => ({ label: 'PNC id', value: null }),
  });
}

/**
 * One DataLoader per access path, built fresh for every request. `now` is the request's instant:
 * on its local date a child is never matched to a record of someone 18 or over.
 */
export function createLoaders(
  dataSource: DataSource,
  thresholds?: MatchThresholds,
  now: Date = new Date(),
) {
  // A view's child and its household adults are matched with one candidate statement.
  const candidates = createCandidateSource<Person, Person>({
    dataSource,
    agency: 'POLICE',
    index: PERSON_INDEX,
    label: 'police-candidates',
    toCandidate,
    thresholds,
  });
  return {
    /** Police hold no child identifier the local authority has, so they match on demographics. */
    personByChild: createPersonMatchLoader(candidates, thresholds, localDate(now)),
    /** Household adults, matched against the same person index by the same matcher as children. */
    personByAdult: createPersonMatchLoader(candidates, thresholds, null),
    /**
     * Everything police hold about each matched person (`PersonRecords`): a batch of any size, a
     * child and its household adults alike, is one prepared statement. A person not in the index
     * has no records.
     */
    recordsByPersonId: new DataLoader<string, PersonRecords>(async (ids) => {
      const rows = await runPrepared<PersonRecordsRow>(dataSource, PERSON_RECORDS, [[...ids]]);
      const byId = new Map(rows.map((row) => [row.personId, toPersonRecords(row)]));
      return ids.map((id) => byId.get(id) ?? NO_RECORDS);
    }),
    /**
     * The clearances of each intelligence item, by agency: what a clearance just recorded
     * (`recordHandlingConditionsMet`) answers with. A section's items carry their own, from
     * `recordsByPersonId`.
     */
    clearancesByItemId: createGroupLoader<string, IntelligenceClearance>(
      (ids) =>
        dataSource
          .getRepository(IntelligenceClearance)
          .find({ where: { itemId: In([...ids]) }, order: { agency: 'ASC' } }),
      (c) => c.itemId,
    ),
    /**
     * Police's own audit rows for each of a decision-maker's views of a child (by request id and
     * socialcare child id), for `ChildView.policeDisclosures`: one statement for every view asked.
     */
    viewDisclosuresByKey: createViewDisclosuresLoader(dataSource, 'POLICE'),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
