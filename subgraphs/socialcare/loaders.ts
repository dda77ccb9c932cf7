import { In, IsNull, type DataSource } from 'typeorm';
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

/** One DataLoader per access path, built fresh for every request. */
export function createLoaders(dataSource: DataSource) {
  const children = dataSource.getRepository(Child);
  const households = dataSource.getRepository(Household);
  const adults = dataSource.getRepository(Adult);
  const contacts = dataSource.getRepository(Contact);
  const contactChildren = dataSource.getRepository(ContactChild);
  const referrals = dataSource.getRepository(Referral);
  return {
    childById: createRowLoader(
      (ids: readonly string[]) => children.findBy({ id: In([...ids]) }),
      (c) => c.id,
    ),
    householdById: createRowLoader(
      (ids: readonly string[]) => households.findBy({ id: In([...ids]) }),
      (h) => h.id,
    ),
    adultById: createRowLoader(
      (ids: readonly string[]) => adults.findBy({ id: In([...ids]) }),
      (a) => a.id,
    ),
    adultsByHouseholdId: createGroupLoader(
      (ids: readonly string[]) =>
        adults.find({ where: { householdId: In([...ids]) }, order: { id: 'ASC' } }),
      (a) => a.householdId,
    ),
    childrenByHouseholdId: createGroupLoader(
      (ids: readonly string[]) =>
        children.find({
          where: { householdId: In([...ids]) },
          order: { dateOfBirth: 'ASC', id: 'ASC' },
        }),
      (c) => c.householdId as string,
    ),
    contactById: createRowLoader(
      (ids: readonly string[]) => contacts.findBy({ id: In([...ids]) }),
      (c) => c.id,
    ),
    decisionsByContactId: createGroupLoader(
      (ids: readonly string[]) =>
        contactChildren.find({ where: { contactId: In([...ids]) }, order: { childId: 'ASC' } }),
      (d) => d.contactId,
    ),
    decisionsByChildId: createGroupLoader(
      (ids: readonly string[]) =>
        contactChildren.find({ where: { childId: In([...ids]) }, order: { contactId: 'DESC' } }),
      (d) => d.childId,
    ),
    relationshipByChildId: createRowLoader(
      (ids: readonly string[]) =>
        dataSource.query(
          `SELECT k.id AS "childId",
                  EXISTS (SELECT 1 FROM contact_children cc
                           WHERE cc.child_id = k.id AND cc.decided_at IS NULL) AS "hasOpenContact",
                  (SELECT c.team FROM referrals r JOIN contacts c ON c.id = r.contact_id
                    WHERE r.child_id = k.id
                    ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS "caseTeam"
             FROM unnest($1::text[]) AS k(id)`,
          [[...ids]],
        ) as Promise<ChildRelationship[]>,
      (r) => r.childId,
    ),
    // An adult is checked for the sake of the household's children: a contact open on any of them,
    // or a case on any of them (each child's latest referral's team), is the relationship.
    relationshipByHouseholdId: createRowLoader(
      (ids: readonly string[]) =>
        dataSource.query(
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
      (r) => r.householdId,
    ),
    /** Current (not superseded) match decisions, by agency then oldest first. */
    matchDecisionsByChildId: createGroupLoader(
      (ids: readonly string[]) =>
        dataSource.getRepository(MatchDecision).find({
          where: { childId: In([...ids]), supersededAt: IsNull() },
          order: { agency: 'ASC', decidedAt: 'ASC', id: 'ASC' },
        }),
      (d) => d.childId,
    ),
    /** A contact's ratings, oldest first. */
    ratingsByContactId: createGroupLoader(
      (ids: readonly string[]) =>
        dataSource.getRepository(ContactRating).find({
          where: { contactId: In([...ids]) },
          order: { ratedAt: 'ASC', id: 'ASC' },
        }),
      (r) => r.contactId,
    ),
    checksByContactId: createGroupLoader(
      (ids: readonly string[]) =>
        dataSource.getRepository(PartnerCheck).find({
          where: { contactId: In([...ids]) },
          order: { agency: 'ASC' },
        }),
      (c) => c.contactId,
    ),
    referralsByContactId: createGroupLoader(
      (ids: readonly string[]) =>
        referrals.find({ where: { contactId: In([...ids]) }, order: { id: 'ASC' } }),
      (r) => r.contactId,
    ),
    /** The decision-makers' views of the children on a contact, oldest first. */
    decisionViewsByContactId: createGroupLoader(
      (ids: readonly string[]) =>
        dataSource.getRepository(DecisionView).find({
          where: { contactId: In([...ids]) },
          order: { viewedAt: 'ASC', requestId: 'ASC' },
        }),
      (v) => v.contactId,
    ),
    referralsByChildId: createGroupLoader(
      (ids: readonly string[]) =>
        referrals.find({ where: { childId: In([...ids]) }, order: { createdAt: 'DESC' } }),
      (r) => r.childId,
    ),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
