import DataLoader from 'dataloader';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { createGroupLoader, createRowLoader } from '../../shared/loaders';
import {
  CHILD_FACTS_COLUMNS,
  HOUSEHOLD_FACTS_COLUMNS,
  readChildRecords,
  type ChildParts,
  type ChildRecord,
  type ChildRelationship,
  type HouseholdRelationship,
} from './childRecords';
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
      m.query(`SELECT k.id AS "childId", ${CHILD_FACTS_COLUMNS} FROM unnest($1::text[]) AS k(id)`, [
        [...ids],
      ]) as Promise<ChildRelationship[]>,
    relationshipByHouseholdId: (ids: readonly string[]) =>
      m.query(
        `SELECT h.id AS "householdId", ${HOUSEHOLD_FACTS_COLUMNS} FROM unnest($1::text[]) AS h(id)`,
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

/** The loaders of each access path but the child record's. */
function createPathLoaders(dataSource: DataSource) {
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
    /** What socialcare's chronology events of a child are made of (childRecords.ts). */
    socialcareEventsByChildId: createRowLoader(
      async (ids: readonly string[]) =>
        (await readChildRecords(dataSource, ids, EVENTS_ONLY)).flatMap((r) =>
          r.events ? [r.events] : [],
        ),
      (e) => e.childId,
    ),
  };
}

type PathLoaders = ReturnType<typeof createPathLoaders>;

/** One DataLoader per access path, built fresh for every request. */
export function createLoaders(dataSource: DataSource) {
  const loaders = createPathLoaders(dataSource);
  const byParts = new Map<string, DataLoader<string, Child | null>>();
  /**
   * Children by id, each read with the parts of its record `parts` names in one prepared statement
   * per batch (childRecords.ts), which then primes the loaders above with what it read: the field
   * resolvers of the child (its facts, household, adults and their facts, match decisions,
   * chronology) answer from it without a statement of their own. The child view's entry points
   * read through it; one loader per set of parts, so a batch reads one set.
   */
  const childRecordById = (parts: ChildParts): DataLoader<string, Child | null> => {
    const key = `${+parts.household}${+parts.matchDecisions}${+parts.events}`;
    let loader = byParts.get(key);
    if (!loader) {
      loader = createRowLoader(
        async (ids: readonly string[]) =>
          (await readChildRecords(dataSource, ids, parts)).map((r) => primeRecord(loaders, r)),
        (c) => c.id,
      );
      byParts.set(key, loader);
    }
    return loader;
  };
  return { ...loaders, childRecordById };
}

const EVENTS_ONLY: ChildParts = { household: false, matchDecisions: false, events: true };

/**
 * Primes the per-path loaders with what a child's record read (a key already loaded keeps its
 * value) and returns the child.
 */
function primeRecord(loaders: PathLoaders, record: ChildRecord): Child {
  const { child } = record;
  loaders.childById.prime(child.id, child);
  loaders.relationshipByChildId.prime(child.id, record.relationship);
  if (child.householdId) loaders.householdById.prime(child.householdId, record.household);
  if (record.adults && child.householdId) {
    loaders.adultsByHouseholdId.prime(child.householdId, record.adults);
  }
  if (record.householdRelationship && child.householdId) {
    loaders.relationshipByHouseholdId.prime(child.householdId, record.householdRelationship);
  }
  if (record.matchDecisions) loaders.matchDecisionsByChildId.prime(child.id, record.matchDecisions);
  if (record.events) loaders.socialcareEventsByChildId.prime(child.id, record.events);
  return child;
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
