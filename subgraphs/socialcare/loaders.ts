import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Relationship } from '../../shared/access';
import { createGroupLoader, createRowLoader } from '../../shared/loaders';
import {
  Adult,
  Child,
  Contact,
  ContactChild,
  ContactRating,
  DecisionView,
  Household,
  MatchDecision,
  PartnerCheck,
  Referral,
} from './entities';

/** What makes a disclosure about a child legitimate (shared/access.ts `Relationship`). */
export interface ChildRelationship extends Relationship {
  childId: string;
}

/** The relationship facts of a household: those of its children, taken together. */
export interface HouseholdRelationship extends Relationship {
  householdId: string;
  /** Every team holding the case of one of the household's children (its latest referral's). */
  caseTeams: string[];
}

/**
 * The statement behind each loader, over an entity manager: the data source's for the loaders, or
 * a transaction's when rows must come from one snapshot (frontdoor/snapshot.ts reads a queue page
 * with them, then primes the loaders). Each takes the distinct keys of one batch and returns the
 * rows found, in the order a group loader answers them.
 */
export function createReads(m: EntityManager) {
  return {
    childById: (ids: readonly string[]) => m.findBy(Child, { id: In([...ids]) }),
    householdById: (ids: readonly string[]) => m.findBy(Household, { id: In([...ids]) }),
    adultById: (ids: readonly string[]) => m.findBy(Adult, { id: In([...ids]) }),
    adultsByHouseholdId: (ids: readonly string[]) =>
      m.find(Adult, { where: { householdId: In([...ids]) }, order: { id: 'ASC' } }),
    childrenByHouseholdId: (ids: readonly string[]) =>
      m.find(Child, {
        where: { householdId: In([...ids]) },
        order: { dateOfBirth: 'ASC', id: 'ASC' },
      }),
    contactById: (ids: readonly string[]) => m.findBy(Contact, { id: In([...ids]) }),
    decisionsByContactId: (ids: readonly string[]) =>
      m.find(ContactChild, { where: { contactId: In([...ids]) }, order: { childId: 'ASC' } }),
    decisionsByChildId: (ids: readonly string[]) =>
      m.find(ContactChild, { where: { childId: In([...ids]) }, order: { contactId: 'DESC' } }),
    relationshipByChildId: (ids: readonly string[]) =>
      m.query(
        `SELECT k.id AS "childId",
                EXISTS (SELECT 1 FROM contact_children cc
                         WHERE cc.child_id = k.id AND cc.decided_at IS NULL) AS "hasOpenContact",
                (SELECT c.team FROM referrals r JOIN contacts c ON c.id = r.contact_id
                  WHERE r.child_id = k.id
                  ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS "caseTeam"
           FROM unnest($1::text[]) AS k(id)`,
        [[...ids]],
      ) as Promise<ChildRelationship[]>,
    // An adult is checked for the sake of the household's children: a contact open on any of them,
    // or a case on any of them (each child's latest referral's team), is the relationship.
    relationshipByHouseholdId: (ids: readonly string[]) =>
      m.query(
        `SELECT h.id AS "householdId",
                EXISTS (SELECT 1 FROM contact_children cc JOIN children k ON k.id = cc.child_id
                         WHERE k.household_id = h.id AND cc.decided_at IS NULL) AS "hasOpenContact",
                (SELECT c.team FROM referrals r
                   JOIN children k ON k.id = r.child_id
                   JOIN contacts c ON c.id = r.contact_id
                  WHERE k.household_id = h.id
                  ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS "caseTeam",
                ARRAY(SELECT DISTINCT latest.team FROM children k
                        CROSS JOIN LATERAL (
                          SELECT c.team FROM referrals r JOIN contacts c ON c.id = r.contact_id
                           WHERE r.child_id = k.id
                           ORDER BY r.created_at DESC, r.id DESC LIMIT 1) latest
                       WHERE k.household_id = h.id) AS "caseTeams"
           FROM unnest($1::text[]) AS h(id)`,
        [[...ids]],
      ) as Promise<HouseholdRelationship[]>,
    /** Current (not superseded) match decisions, by agency then oldest first. */
    matchDecisionsByChildId: (ids: readonly string[]) =>
      m.find(MatchDecision, {
        where: { childId: In([...ids]), supersededAt: IsNull() },
        order: { agency: 'ASC', decidedAt: 'ASC', id: 'ASC' },
      }),
    /** A contact's ratings, oldest first. */
    ratingsByContactId: (ids: readonly string[]) =>
      m.find(ContactRating, {
        where: { contactId: In([...ids]) },
        order: { ratedAt: 'ASC', id: 'ASC' },
      }),
    checksByContactId: (ids: readonly string[]) =>
      m.find(PartnerCheck, { where: { contactId: In([...ids]) }, order: { agency: 'ASC' } }),
    referralsByContactId: (ids: readonly string[]) =>
      m.find(Referral, { where: { contactId: In([...ids]) }, order: { id: 'ASC' } }),
    /** The decision-makers' views of the children on a contact, oldest first. */
    decisionViewsByContactId: (ids: readonly string[]) =>
      m.find(DecisionView, {
        where: { contactId: In([...ids]) },
        order: { viewedAt: 'ASC', requestId: 'ASC' },
      }),
    referralsByChildId: (ids: readonly string[]) =>
      m.find(Referral, { where: { childId: In([...ids]) }, order: { createdAt: 'DESC' } }),
  };
}

/** The reads of `createReads`. */
export type Reads = ReturnType<typeof createReads>;

/** One DataLoader per access path, built fresh for every request. */
export function createLoaders(dataSource: DataSource) {
  const read = createReads(dataSource.manager);
  return {
    childById: createRowLoader(read.childById, (c) => c.id),
    householdById: createRowLoader(read.householdById, (h) => h.id),
    adultById: createRowLoader(read.adultById, (a) => a.id),
    adultsByHouseholdId: createGroupLoader(read.adultsByHouseholdId, (a) => a.householdId),
    childrenByHouseholdId: createGroupLoader(
      read.childrenByHouseholdId,
      (c) => c.householdId as string,
    ),
    contactById: createRowLoader(read.contactById, (c) => c.id),
    decisionsByContactId: createGroupLoader(read.decisionsByContactId, (d) => d.contactId),
    decisionsByChildId: createGroupLoader(read.decisionsByChildId, (d) => d.childId),
    relationshipByChildId: createRowLoader(read.relationshipByChildId, (r) => r.childId),
    relationshipByHouseholdId: createRowLoader(
      read.relationshipByHouseholdId,
      (r) => r.householdId,
    ),
    matchDecisionsByChildId: createGroupLoader(read.matchDecisionsByChildId, (d) => d.childId),
    ratingsByContactId: createGroupLoader(read.ratingsByContactId, (r) => r.contactId),
    checksByContactId: createGroupLoader(read.checksByContactId, (c) => c.contactId),
    referralsByContactId: createGroupLoader(read.referralsByContactId, (r) => r.contactId),
    decisionViewsByContactId: createGroupLoader(read.decisionViewsByContactId, (v) => v.contactId),
    referralsByChildId: createGroupLoader(read.referralsByChildId, (r) => r.childId),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
