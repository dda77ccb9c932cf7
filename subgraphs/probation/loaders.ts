import type { DataSource } from 'typeorm';
import { createGroupLoader, createRowsByLoader } from '../../shared/loaders';
import {
  createCandidateSource,
  createMatchLoader,
  type Demographics,
  type IndexTable,
  type MatchThresholds,
} from '../../shared/partner/matching';
import { createViewDisclosuresLoader } from '../../shared/partner/view-disclosures';
import { localDate } from '../../shared/time';
import { Condition, Offence, RiskAssessment, type KnownChild, type Offender } from './entities';

/** A person on probation as a known child's record links them, with the link's facts. */
export interface LinkedOffender {
  childId: string;
  relationship: string;
  sameHousehold: boolean;
  recordedOn: string;
  offender: Offender;
}

const OFFENDER_COLUMNS = `o.id, o.crn, o.given_name AS "givenName", o.family_name AS "familyName",
  o.date_of_birth AS "dateOfBirth", o.sex, o.postcode, o.supervision,
  o.supervision_starts_on AS "supervisionStartsOn", o.supervision_ends_on AS "supervisionEndsOn",
  o.offender_manager AS "offenderManager", o.offender_manager_team AS "offenderManagerTeam",
  o.mappa_category AS "mappaCategory", o.mappa_level AS "mappaLevel",
  o.mappa_reviewed_on AS "mappaReviewedOn"`;

/** Probation's person index, as the matcher reads it. */
const OFFENDER_INDEX: IndexTable = {
  table: 'offenders',
  select: OFFENDER_COLUMNS.replace(/\bo\./g, 'p.'),
};

/** The children recorded on probation cases, as the matcher reads them. */
const KNOWN_CHILD_INDEX: IndexTable = {
  table: 'known_children',
  select: `p.id, p.given_name AS "givenName", p.family_name AS "familyName",
           p.date_of_birth AS "dateOfBirth", p.sex, p.postcode`,
};

/**
 * A demographic matcher over one of probation's indexes. Socialcare holds no CRN, so there is no
 * identifier to match on exactly: like police, probation matches on demographics alone. A child
 * (`childrenOn` today's date) is never matched to a record of someone 18 or over.
 */
function createIndexMatchLoader<R extends Demographics & { id: string }>(
  dataSource: DataSource,
  index: IndexTable,
  thresholds: MatchThresholds | undefined,
  childrenOn: string | null,
) {
  const candidates = createCandidateSource<R, R>({
    dataSource,
    agency: 'PROBATION',
    index,
    label: `probation-${index.table}`,
    toCandidate: (r) => ({ ...r, identifiers: [], record: r }),
  });
  return createMatchLoader<R>({
    agency: 'PROBATION',
    thresholds,
    childrenOn,
    fetchCandidates: (probes) => candidates(probes, childrenOn),
    identifier: () => ({ label: 'CRN', value: null }),
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
  return {
    /** Household adults, matched against the person index on demographics. */
    offenderByAdult: createIndexMatchLoader<Offender>(dataSource, OFFENDER_INDEX, thresholds, null),
    /** Children, matched against the children offender managers recorded on their cases. */
    knownChildByChild: createIndexMatchLoader<KnownChild>(
      dataSource,
      KNOWN_CHILD_INDEX,
      thresholds,
      localDate(now),
    ),
    /** The people on probation each known child is linked to, earliest recorded first. */
    linkedOffendersByChildId: createGroupLoader<string, LinkedOffender>(
      async (ids) => {
        const rows = (await dataSource.query(
          `SELECT l.child_id AS "childId", l.relationship, l.same_household AS "sameHousehold",
                  l.recorded_on AS "recordedOn", row_to_json(x) AS offender
             FROM known_child_links l
             JOIN LATERAL (SELECT ${OFFENDER_COLUMNS} FROM offenders o
                            WHERE o.id = l.offender_id) x ON true
            WHERE l.child_id = ANY($1::text[])
            ORDER BY l.recorded_on, l.offender_id`,
          [[...ids]],
        )) as LinkedOffender[];
        return rows;
      },
      (r) => r.childId,
    ),
    /** Offences per person, latest conviction first. */
    offencesByOffenderId: createRowsByLoader(dataSource.getRepository(Offence), 'offenderId', {
      convictedOn: 'DESC',
      id: 'DESC',
    }),
    /** Risk of serious harm assessments per person, latest first. */
    riskAssessmentsByOffenderId: createRowsByLoader(
      dataSource.getRepository(RiskAssessment),
      'offenderId',
      { assessedOn: 'DESC', id: 'DESC' },
    ),
    /** Licence and order conditions per person, latest first. */
    conditionsByOffenderId: createRowsByLoader(dataSource.getRepository(Condition), 'offenderId', {
      startsOn: 'DESC',
      id: 'DESC',
    }),
    /** Probation's own audit rows for each of a decision-maker's views of a child. */
    viewDisclosuresByKey: createViewDisclosuresLoader(dataSource, 'PROBATION'),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
