import type { DataSource } from 'typeorm';
import type { Relationship } from '../../shared/access';
import { prepared, runPrepared } from '../../shared/database';
import type { Adult, Child, Household, MatchDecision } from './entities';

/** What makes a disclosure about a child legitimate (shared/access.ts `Relationship`). */
export interface ChildRelationship extends Relationship {
  childId: string;
}

/** The relationship facts of a household: those of its children, taken together. */
export interface HouseholdRelationship extends Relationship {
  householdId: string;
  /** Every team holding the case of one of the household's children (its latest referral's). */
  caseTeams: string[];
  /** The household's children, by id: whose break-glass opens its adults' checks. */
  childIds: string[];
}

/**
 * The select-list columns of a child's relationship facts (`hasOpenContact`, `caseTeam`: the team
 * of the contact behind its latest referral), for the child row aliased `k`.
 */
export const CHILD_FACTS_COLUMNS = `
  EXISTS (SELECT 1 FROM contact_children cc
           WHERE cc.child_id = k.id AND cc.decided_at IS NULL) AS "hasOpenContact",
  (SELECT c.team FROM referrals r JOIN contacts c ON c.id = r.contact_id
    WHERE r.child_id = k.id
    ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS "caseTeam"`;

/**
 * The select-list columns of a household's relationship facts, for the household row aliased `h`.
 * An adult is checked for the sake of the household's children: a contact open on any of them, or
 * a case on any of them (each child's latest referral's team), is the relationship.
 */
export const HOUSEHOLD_FACTS_COLUMNS = `
  EXISTS (SELECT 1 FROM contact_children cc JOIN children hk ON hk.id = cc.child_id
           WHERE hk.household_id = h.id AND cc.decided_at IS NULL) AS "hasOpenContact",
  (SELECT c.team FROM referrals r
     JOIN children hk ON hk.id = r.child_id
     JOIN contacts c ON c.id = r.contact_id
    WHERE hk.household_id = h.id
    ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS "caseTeam",
  ARRAY(SELECT DISTINCT latest.team FROM children hk
          CROSS JOIN LATERAL (
            SELECT c.team FROM referrals r JOIN contacts c ON c.id = r.contact_id
             WHERE r.child_id = hk.id
             ORDER BY r.created_at DESC, r.id DESC LIMIT 1) latest
         WHERE hk.household_id = h.id) AS "caseTeams",
  ARRAY(SELECT hk.id FROM children hk WHERE hk.household_id = h.id) AS "childIds"`;

/**
 * The parts of a child's record a read takes beyond what it always takes (the child's row, its
 * relationship facts and its household's row): each is read only when the request shows it.
 */
export interface ChildParts {
  /** The household's adults (by id) and its relationship facts: `household` is shown. */
  household: boolean;
  /** The current match decisions: `matchDecisions` or `matchLinks` is shown. */
  matchDecisions: boolean;
  /** What socialcare's own chronology events are made of: `chronology` is shown. */
  events: boolean;
}

/** A contact about the child as its chronology tells it: received, then decided for the child. */
export interface ContactEvent {
  receivedAt: Date;
  sourceCode: string;
  rag: string | null;
  decidedAt: Date | null;
  level: number | null;
  outcome: string | null;
}

/** A referral of the child as its chronology tells it: made, then accepted. */
export interface ReferralEvent {
  createdAt: Date;
  completedAt: Date | null;
}

/**
 * What socialcare's chronology events for a child are made of: its contacts in the order of its
 * contact rows (contact id, newest first) and its referrals, newest first.
 */
export interface SocialcareEvents {
  childId: string;
  contacts: ContactEvent[];
  referrals: ReferralEvent[];
}

/** A child's record as one read answers it; a part not read is absent. */
export interface ChildRecord {
  child: Child;
  relationship: ChildRelationship;
  /** The household's row; null when the child has none. */
  household: Household | null;
  /** With `household`, for a child in a household: its adults, by id. */
  adults?: Adult[];
  /** With `household`, for a child in a household. */
  householdRelationship?: HouseholdRelationship;
  /** With `matchDecisions`: the current ones, by agency then oldest first. */
  matchDecisions?: MatchDecision[];
  /** With `events`. */
  events?: SocialcareEvents;
}

/** Instants inside JSON arrive as ISO 8601 text; the rows elsewhere hold them as Dates. */
type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

interface ChildRecordRow extends Child {
  hasOpenContact: boolean;
  caseTeam: string | null;
  household: Household | null;
  householdParts: {
    adults: Adult[];
    hasOpenContact: boolean;
    caseTeam: string | null;
    caseTeams: string[];
    childIds: string[];
  } | null;
  matchDecisions: Json<MatchDecision>[] | null;
  events: { contacts: Json<ContactEvent>[]; referrals: Json<ReferralEvent>[] } | null;
}

// One statement per batch of children: each list a json_agg in the order its per-list read had
// (adults by id; match decisions by agency, oldest first; contacts by contact id, newest first;
// referrals newest first). A part not asked is a CASE whose subqueries PostgreSQL never runs.
const CHILD_RECORDS = prepared(
  'socialcare-child-records',
  `SELECT k.id, k.given_name AS "givenName", k.family_name AS "familyName",
          k.date_of_birth AS "dateOfBirth", k.expected_date_of_birth AS "expectedDateOfBirth",
          k.sex, k.ethnicity, k.disability, k.nhs_number AS "nhsNumber", k.upn,
          k.upn_unknown_reason AS "upnUnknownReason", k.household_id AS "householdId",
          k.created_at AS "createdAt",
          ${CHILD_FACTS_COLUMNS},
          CASE WHEN h.id IS NOT NULL THEN
            json_build_object('id', h.id, 'addressLine', h.address_line, 'postcode', h.postcode)
          END AS household,
          CASE WHEN $2::boolean AND h.id IS NOT NULL THEN (
            SELECT row_to_json(p) FROM (
              SELECT coalesce((
                       SELECT json_agg(json_build_object(
                                'id', a.id, 'householdId', a.household_id,
                                'givenName', a.given_name, 'familyName', a.family_name,
                                'dateOfBirth', a.date_of_birth, 'sex', a.sex,
                                'relationship', a.relationship) ORDER BY a.id)
                         FROM adults a WHERE a.household_id = h.id), '[]'::json) AS adults,
                     ${HOUSEHOLD_FACTS_COLUMNS}) p)
          END AS "householdParts",
          CASE WHEN $3::boolean THEN coalesce((
            SELECT json_agg(json_build_object(
                     'id', m.id, 'childId', m.child_id, 'agency', m.agency,
                     'agencyReference', m.agency_reference, 'decision', m.decision,
                     'reason', m.reason, 'decidedBy', m.decided_by,
                     'decidedByAgency', m.decided_by_agency, 'decidedAt', m.decided_at,
                     'supersededAt', m.superseded_at) ORDER BY m.agency, m.decided_at, m.id)
              FROM match_decisions m
             WHERE m.child_id = k.id AND m.superseded_at IS NULL), '[]'::json)
          END AS "matchDecisions",
          CASE WHEN $4::boolean THEN json_build_object(
            'contacts', coalesce((
              SELECT json_agg(json_build_object(
                       'receivedAt', c.received_at, 'sourceCode', c.source_code, 'rag', c.rag,
                       'decidedAt', cc.decided_at, 'level', cc.level, 'outcome', cc.outcome)
                       ORDER BY cc.contact_id DESC)
                FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
               WHERE cc.child_id = k.id), '[]'::json),
            'referrals', coalesce((
              SELECT json_agg(json_build_object(
                       'createdAt', r.created_at, 'completedAt', r.completed_at)
                       ORDER BY r.created_at DESC)
                FROM referrals r WHERE r.child_id = k.id), '[]'::json))
          END AS events
     FROM children k
     LEFT JOIN households h ON h.id = k.household_id
    WHERE k.id = ANY($1::text[])`,
);

const instant = (text: string): Date => new Date(text);
const instantOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));

/** A record from its row: the child as its entity holds it, each part in its entity's shape. */
function toRecord(row: ChildRecordRow): ChildRecord {
  const { hasOpenContact, caseTeam, household, householdParts, matchDecisions, events } = row;
  const record: ChildRecord = {
    child: {
      id: row.id,
      givenName: row.givenName,
      familyName: row.familyName,
      dateOfBirth: row.dateOfBirth,
      expectedDateOfBirth: row.expectedDateOfBirth,
      sex: row.sex,
      ethnicity: row.ethnicity,
      disability: row.disability,
      nhsNumber: row.nhsNumber,
      upn: row.upn,
      upnUnknownReason: row.upnUnknownReason,
      householdId: row.householdId,
      createdAt: row.createdAt,
    },
    relationship: { childId: row.id, hasOpenContact, caseTeam },
    household,
  };
  if (householdParts && household) {
    const { adults, ...facts } = householdParts;
    record.adults = adults;
    record.householdRelationship = { householdId: household.id, ...facts };
  }
  if (matchDecisions) {
    record.matchDecisions = matchDecisions.map((d) => ({
      ...d,
      decidedAt: instant(d.decidedAt),
      supersededAt: instantOrNull(d.supersededAt),
    }));
  }
  if (events) {
    record.events = {
      childId: row.id,
      contacts: events.contacts.map((c) => ({
        ...c,
        receivedAt: instant(c.receivedAt),
        decidedAt: instantOrNull(c.decidedAt),
      })),
      referrals: events.referrals.map((r) => ({
        createdAt: instant(r.createdAt),
        completedAt: instantOrNull(r.completedAt),
      })),
    };
  }
  return record;
}

/**
 * The records of the children `ids` with `parts`, in one prepared statement whatever their number;
 * children not found are left out, the rest come in no particular order.
 */
export async function readChildRecords(
  dataSource: DataSource,
  ids: readonly string[],
  parts: ChildParts,
): Promise<ChildRecord[]> {
  const rows = await runPrepared<ChildRecordRow>(dataSource, CHILD_RECORDS, [
    [...ids],
    parts.household,
    parts.matchDecisions,
    parts.events,
  ]);
  return rows.map(toRecord);
}

/**
 * The parts of the record a selection under a child shows (`selectedFields` paths, relative to the
 * child): a read for those fields then answers them all.
 */
export function childParts(fields: readonly string[]): ChildParts {
  const shows = (name: string) => fields.some((f) => f === name || f.startsWith(`${name}.`));
  return {
    household: shows('household'),
    matchDecisions: shows('matchDecisions') || shows('matchLinks'),
    events: shows('chronology'),
  };
}

/**
 * The fields of a child its own row answers: a selection of nothing else (a search listing names)
 * needs no record read.
 */
const ROW_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'givenName',
  'familyName',
  'dateOfBirth',
  'expectedDateOfBirth',
  'unborn',
  'ageInYears',
  'sex',
  'ethnicity',
  'nhsNumber',
  'upn',
  'upnUnknownReason',
]);

/** True when a selection under a child shows more than the child's own row answers. */
export function showsMoreThanRow(fields: readonly string[]): boolean {
  return fields.some((f) => !ROW_FIELDS.has(f.split('.')[0]));
}
