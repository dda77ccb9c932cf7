import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { prepared, runPrepared } from '../../shared/database';
import { createPreparedRowLoader } from '../../shared/loaders';
import {
  candidateOf,
  createCandidateSource,
  createMatchLoader,
  type Demographics,
  type IndexTable,
  type MatchThresholds,
} from '../../shared/partner/matching';
import { createViewDisclosuresLoader } from '../../shared/partner/view-disclosures';
import { localDate } from '../../shared/time';
import type { Condition, KnownChild, Offence, Offender, RiskAssessment } from './entities';

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

/** A person's lists on their case, each latest first (ties: id, descending). */
interface CaseListFields {
  /** By conviction date. */
  offences: Offence[];
  /** By assessment date: the first is the current rating. */
  risks: RiskAssessment[];
  /** By start date. */
  conditions: Condition[];
}

/** One person's case lists, as `caseListsByOffenderId` answers them. */
export interface CaseLists extends CaseListFields, Record<string, unknown> {
  offenderId: string;
}

/**
 * The SQL of each case list of the person whose id is `offenderId` (an SQL expression), each a
 * `json_agg` in the order its loader always had. Inside JSON, dates stay 'YYYY-MM-DD' strings,
 * as the entities read them.
 */
function caseListsJson(offenderId: string): Record<keyof CaseListFields, string> {
  return {
    offences: `coalesce((SELECT json_agg(json_build_object(
        'id', f.id, 'offenderId', f.offender_id, 'category', f.category,
        'description', f.description, 'convictedOn', f.convicted_on)
      ORDER BY f.convicted_on DESC, f.id DESC)
      FROM offences f WHERE f.offender_id = ${offenderId}), '[]'::json)`,
    risks: `coalesce((SELECT json_agg(json_build_object(
        'id', r.id, 'offenderId', r.offender_id, 'assessedOn', r.assessed_on,
        'riskToChildren', r.risk_to_children, 'riskToKnownAdult', r.risk_to_known_adult,
        'riskToPublic', r.risk_to_public)
      ORDER BY r.assessed_on DESC, r.id DESC)
      FROM risk_assessments r WHERE r.offender_id = ${offenderId}), '[]'::json)`,
    conditions: `coalesce((SELECT json_agg(json_build_object(
        'id', c.id, 'offenderId', c.offender_id, 'kind', c.kind, 'imposedBy', c.imposed_by,
        'detail', c.detail, 'startsOn', c.starts_on, 'endsOn', c.ends_on)
      ORDER BY c.starts_on DESC, c.id DESC)
      FROM conditions c WHERE c.offender_id = ${offenderId}), '[]'::json)`,
  };
}

const byPerson = caseListsJson('k.id');
/** Each person's case lists, one row per id of the batch (`$1`). */
const CASE_LISTS = prepared(
  'probation-case-lists',
  `SELECT k.id AS "offenderId", ${byPerson.offences} AS offences, ${byPerson.risks} AS risks,
          ${byPerson.conditions} AS conditions
     FROM unnest($1::text[]) AS k(id)`,
);

const byLink = caseListsJson('l.offender_id');
/**
 * Each known child's links (`$1`: the batch's child ids), earliest recorded first (ties: the
 * person's id), each with the person linked and their case lists: a child's whole section in one
 * row, so a batch of children is one statement.
 */
const LINKED_CASES = prepared(
  'probation-linked-cases',
  `SELECT k.id AS "childId",
     coalesce((SELECT json_agg(json_build_object(
         'childId', l.child_id, 'relationship', l.relationship,
         'sameHousehold', l.same_household, 'recordedOn', l.recorded_on,
         'offender', row_to_json(x), 'offences', ${byLink.offences},
         'risks', ${byLink.risks}, 'conditions', ${byLink.conditions})
       ORDER BY l.recorded_on, l.offender_id)
       FROM known_child_links l
       JOIN LATERAL (SELECT ${OFFENDER_COLUMNS} FROM offenders o
                      WHERE o.id = l.offender_id) x ON true
      WHERE l.child_id = k.id), '[]'::json) AS links
     FROM unnest($1::text[]) AS k(id)`,
);

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
    toCandidate: (r) => candidateOf(r),
    thresholds,
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
 * The people each known child is linked to, in one statement per batch of children. The
 * statement brings each linked person's case lists too, and they are primed into `caseLists`,
 * so the linked cases' records cost no statement of their own.
 */
function createLinkedOffendersLoader(
  dataSource: DataSource,
  caseLists: DataLoader<string, CaseLists | null>,
): DataLoader<string, LinkedOffender[]> {
  return new DataLoader<string, LinkedOffender[]>(async (childIds) => {
    const rows = await runPrepared<{ childId: string; links: (LinkedOffender & CaseListFields)[] }>(
      dataSource,
      LINKED_CASES,
      [[...childIds]],
    );
    const byChild = new Map<string, LinkedOffender[]>();
    for (const row of rows) {
      byChild.set(
        row.childId,
        row.links.map(({ offences, risks, conditions, ...link }) => {
          caseLists.prime(link.offender.id, {
            offenderId: link.offender.id,
            offences,
            risks,
            conditions,
          });
          return link;
        }),
      );
    }
    return childIds.map((id) => byChild.get(id) ?? []);
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
  /**
   * Each person's offences, risk assessments and conditions, latest first: one statement per
   * batch, and none for the people a child's links brought in with theirs.
   */
  const caseListsByOffenderId = createPreparedRowLoader<CaseLists>(
    dataSource,
    CASE_LISTS,
    'offenderId',
  );
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
    linkedOffendersByChildId: createLinkedOffendersLoader(dataSource, caseListsByOffenderId),
    caseListsByOffenderId,
    /** Probation's own audit rows for each of a decision-maker's views of a child. */
    viewDisclosuresByKey: createViewDisclosuresLoader(dataSource, 'PROBATION'),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
