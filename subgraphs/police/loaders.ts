import { In, type DataSource } from 'typeorm';
import { createGroupLoader, createRowsByLoader } from '../../shared/loaders';
import {
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
  Arrest,
  CourtOrder,
  DaNotification,
  IntelligenceClearance,
  IntelligenceItem,
  MaracReferral,
  MissingEpisode,
  Occurrence,
  OccurrencePerson,
  Person,
} from './entities';

/** An occurrence with the part one person played in it. */
export interface PersonOccurrence {
  personId: string;
  role: string;
  occurrence: Occurrence;
}

/** Someone else linked to a domestic abuse incident: their part, never who they are. */
export interface OtherParty {
  role: string;
  /** Under 18 on the day of the incident; null when police hold no date of birth. */
  under18: boolean | null;
}

/** A domestic abuse notification as one person is linked to it. */
export interface PersonDaNotification extends DaNotification {
  personId: string;
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

/** A court order as it concerns one person. */
export interface PersonCourtOrder extends CourtOrder {
  personId: string;
  party: CourtOrderParty;
}

/** A clearance with the person its item is about, so clearances load by person. */
export interface PersonClearance {
  personId: string;
  itemId: string;
  agency: string;
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

/** One row per person and notification, keeping the most significant role; order kept. */
function oneRolePerNotification(rows: PersonDaNotification[]): PersonDaNotification[] {
  const kept = new Map<string, PersonDaNotification>();
  for (const row of rows) {
    const key = `${row.personId}\u0000${row.id}`;
    const seen = kept.get(key);
    if (!seen || rolePriority(row.role) < rolePriority(seen.role)) kept.set(key, row);
  }
  return rows.filter((r) => kept.get(`${r.personId}\u0000${r.id}`) === r);
}

function toCandidate(p: Person): Candidate<Person> {
  return { ...p, identifiers: [], record: p };
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
  });
  return {
    /** Police hold no child identifier the local authority has, so they match on demographics. */
    personByChild: createPersonMatchLoader(candidates, thresholds, localDate(now)),
    intelligenceByPersonId: createRowsByLoader(
      dataSource.getRepository(IntelligenceItem),
      'personId',
      { recordedAt: 'DESC', id: 'DESC' },
    ),
    clearancesByItemId: createGroupLoader<string, IntelligenceClearance>(
      (ids) =>
        dataSource
          .getRepository(IntelligenceClearance)
          .find({ where: { itemId: In([...ids]) }, order: { agency: 'ASC' } }),
      (c) => c.itemId,
    ),
    occurrencesByPersonId: createGroupLoader<string, PersonOccurrence>(
      async (ids) => {
        const rows = await dataSource
          .getRepository(OccurrencePerson)
          .createQueryBuilder('op')
          .innerJoinAndMapOne('op.occurrence', Occurrence, 'o', 'o.id = op.occurrence_id')
          .where('op.person_id IN (:...ids)', { ids: [...ids] })
          .orderBy('o.occurred_at', 'DESC')
          .addOrderBy('o.id', 'DESC')
          .getMany();
        return rows as unknown as PersonOccurrence[];
      },
      (r) => r.personId,
    ),
    /** Household adults, matched against the same person index by the same matcher as children. */
    personByAdult: createPersonMatchLoader(candidates, thresholds, null),
    /**
     * Domestic abuse notifications of the incidents each person is linked to, newest first, with
     * the other people's parts in one aggregate, so the batch stays one statement.
     */
    daNotificationsByPersonId: createGroupLoader<string, PersonDaNotification>(
      async (ids) => {
        const rows = (await dataSource.query(
          `SELECT op.person_id AS "personId", op.role AS "role", d.id AS "id",
                  d.occurrence_id AS "occurrenceId", d.assessed_at AS "assessedAt",
                  d.dash_risk AS "dashRisk", d.children_present AS "childrenPresent",
                  d.previous_incidents AS "previousIncidents",
                  o.reference AS "occurrenceReference", o.occurred_at AS "occurredAt",
                  coalesce((
                    SELECT json_agg(json_build_object(
                             'role', other.role,
                             'under18', CASE WHEN p.date_of_birth IS NULL THEN NULL
                               ELSE p.date_of_birth >
                                 ((o.occurred_at AT TIME ZONE 'Europe/London')::date
                                   - interval '18 years')::date
                             END)
                             ORDER BY other.role, other.person_id)
                      FROM occurrence_persons other
                      JOIN persons p ON p.id = other.person_id
                     WHERE other.occurrence_id = d.occurrence_id
                       AND other.person_id <> op.person_id
                  ), '[]'::json) AS "otherParties"
             FROM occurrence_persons op
             JOIN da_notifications d ON d.occurrence_id = op.occurrence_id
             JOIN occurrences o ON o.id = d.occurrence_id
            WHERE op.person_id = ANY($1::text[])
            ORDER BY o.occurred_at DESC, d.id DESC`,
          [[...ids]],
        )) as PersonDaNotification[];
        return oneRolePerNotification(rows);
      },
      (r) => r.personId,
    ),
    /** Missing episodes per person, newest first, with the opening occurrence's reference. */
    missingEpisodesByPersonId: createGroupLoader<string, MissingEpisodeWithReference>(
      async (ids) => {
        const rows = await dataSource
          .getRepository(MissingEpisode)
          .createQueryBuilder('m')
          .leftJoinAndMapOne('m.occurrence', Occurrence, 'o', 'o.id = m.occurrence_id')
          .where('m.person_id IN (:...ids)', { ids: [...ids] })
          .orderBy('m.started_at', 'DESC')
          .addOrderBy('m.id', 'DESC')
          .getMany();
        return (rows as (MissingEpisode & { occurrence?: Occurrence | null })[]).map(
          ({ occurrence, ...m }) => ({ ...m, occurrenceReference: occurrence?.reference ?? null }),
        );
      },
      (m) => m.personId,
    ),
    /** Arrests per person, newest first. */
    arrestsByPersonId: createRowsByLoader(dataSource.getRepository(Arrest), 'personId', {
      arrestedAt: 'DESC',
      id: 'DESC',
    }),
    /** MARAC referrals per person referred (the victim), newest first. */
    maracReferralsByPersonId: createRowsByLoader(
      dataSource.getRepository(MaracReferral),
      'personId',
      { referredAt: 'DESC', id: 'DESC' },
    ),
    /**
     * Court orders per person, as respondent or as the person protected, newest first: one
     * statement for both parts, so an order naming two people of one batch comes back for each.
     */
    courtOrdersByPersonId: createGroupLoader<string, PersonCourtOrder>(
      (ids) =>
        dataSource.query(
          `SELECT c.id AS "id", c.kind AS "kind",
                  c.respondent_person_id AS "respondentPersonId",
                  c.protected_person_id AS "protectedPersonId",
                  c.made_on AS "madeOn", c.expires_on AS "expiresOn",
                  parties.person_id AS "personId", parties.party AS "party"
             FROM court_orders c
            CROSS JOIN LATERAL (VALUES (c.respondent_person_id, 'RESPONDENT'),
                                       (c.protected_person_id, 'PROTECTED'))
                  AS parties (person_id, party)
            WHERE (c.respondent_person_id = ANY($1::text[])
                   OR c.protected_person_id = ANY($1::text[]))
              AND parties.person_id = ANY($1::text[])
            ORDER BY c.made_on DESC, c.id DESC`,
          [[...ids]],
        ) as Promise<PersonCourtOrder[]>,
      (c) => c.personId,
    ),
    /**
     * Every clearance of every intelligence item about each person. The summary and the
     * chronology need them for every item; loading them by person keeps the statements per
     * request the same whether or not the page holds a C-coded item.
     */
    clearancesByPersonId: createGroupLoader<string, PersonClearance>(
      (ids) =>
        dataSource.query(
          `SELECT i.person_id AS "personId", c.item_id AS "itemId", c.agency AS "agency"
             FROM intelligence_clearances c
             JOIN intelligence_items i ON i.id = c.item_id
            WHERE i.person_id = ANY($1::text[])
            ORDER BY c.item_id, c.agency`,
          [[...ids]],
        ) as Promise<PersonClearance[]>,
      (c) => c.personId,
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
