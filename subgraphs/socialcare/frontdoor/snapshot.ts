import type DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { SocialcareContext } from '../context';
import type { Contact, ContactChild } from '../entities';
import { createReads } from '../loaders';
import { GATED_CHILD_FIELDS } from '../relationship';

/**
 * Runs `work` in one read-only REPEATABLE READ transaction: every statement in it sees the same
 * snapshot, taken at its first statement that reads. Inside, use only `m` (another connection
 * reads outside the snapshot). Costs one statement more than the reads (`SET TRANSACTION`) besides the
 * transaction's START and COMMIT.
 */
export function inSnapshot<T>(
  dataSource: DataSource,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (m) => {
    // Before any read: the snapshot is taken by the first statement that reads.
    await m.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return work(m);
  });
}

/** The fields under a child that read its relationship facts (the open contact, the case team). */
const RELATIONSHIP_FIELDS = [
  'hasOpenContact',
  'caseTeam',
  'relationshipGrant',
  ...GATED_CHILD_FIELDS,
];

/**
 * The selected fields under `prefix` (`edges.node.` for a queue page), relative to the contact:
 * what `selectedFields` gives for the field that returns the contacts.
 */
export function contactFields(fields: readonly string[], prefix: string): string[] {
  return fields.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
}

/** A contact as a snapshot read it, with its children rows (its decisions), in child id order. */
export interface ContactRow {
  contact: Contact;
  decisions: ContactChild[];
}

/**
 * Reads the contacts `ids` and everything their rows show, as `fields` (relative to the contact)
 * select them, through `m` (one snapshot: `inSnapshot`), and primes the request's loaders with
 * the rows, so the field resolvers (contact, decisions, children, each child's `hasOpenContact`
 * and `caseTeam`, checks, ratings, referrals, views, postcode, match links) answer from that
 * snapshot and issue no statement of their own. Each part costs one statement for all the
 * contacts, and only when selected; the contacts and their children rows always. The
 * relationship facts are read whenever a child is shown with a field that depends on them or
 * under break glass (which records them), and always with `withRelationships` (a caller that
 * decides on them).
 * Returns the rows found, in the order of `ids`. A primed loader forgets what it had: the latest
 * snapshot of the request answers.
 */
export async function readContacts(
  m: EntityManager,
  ctx: SocialcareContext,
  ids: readonly string[],
  fields: readonly string[],
  withRelationships = false,
): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  const shows = (...paths: string[]) =>
    fields.some((f) => paths.some((p) => f === p || f.startsWith(`${p}.`)));
  const underChild = (names: string[]) => shows(...names.map((n) => `decisions.child.${n}`));
  const read = createReads(m);
  const { loaders } = ctx;

  const contacts = await read.contactById(ids);
  const decisions = await read.decisionsByContactId(ids);
  primeRows(loaders.contactById, ids, contacts, (c) => c.id);
  primeGroups(loaders.decisionsByContactId, ids, decisions, (d) => d.contactId);
  if (shows('partnerChecks', 'outstandingChecks', 'nextDueAt')) {
    primeGroups(
      loaders.checksByContactId,
      ids,
      await read.checksByContactId(ids),
      (c) => c.contactId,
    );
  }
  if (shows('ratings')) {
    primeGroups(
      loaders.ratingsByContactId,
      ids,
      await read.ratingsByContactId(ids),
      (r) => r.contactId,
    );
  }
  if (shows('decisions.referral')) {
    primeGroups(
      loaders.referralsByContactId,
      ids,
      await read.referralsByContactId(ids),
      (r) => r.contactId,
    );
  }
  if (shows('decisions.informedBy')) {
    primeGroups(
      loaders.decisionViewsByContactId,
      ids,
      await read.decisionViewsByContactId(ids),
      (v) => v.contactId,
    );
  }

  const childIds = [...new Set(decisions.map((d) => d.childId))];
  if (childIds.length > 0 && shows('decisions.child')) {
    const children = await read.childById(childIds);
    primeRows(loaders.childById, childIds, children, (c) => c.id);
    const householdIds = [
      ...new Set(children.flatMap((c) => (c.householdId ? [c.householdId] : []))),
    ];
    if (householdIds.length > 0 && underChild(['postcode', 'household'])) {
      const households = await read.householdById(householdIds);
      primeRows(loaders.householdById, householdIds, households, (h) => h.id);
    }
    if (underChild(['matchDecisions', 'matchLinks'])) {
      const matches = await read.matchDecisionsByChildId(childIds);
      primeGroups(loaders.matchDecisionsByChildId, childIds, matches, (d) => d.childId);
    }
  }
  const relationships =
    withRelationships ||
    (shows('decisions.child') &&
      (underChild(RELATIONSHIP_FIELDS) || Boolean(ctx.principal.breakGlassChildId)));
  if (childIds.length > 0 && relationships) {
    const facts = await read.relationshipByChildId(childIds);
    primeRows(loaders.relationshipByChildId, childIds, facts, (r) => r.childId);
  }

  const byId = new Map(contacts.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const contact = byId.get(id);
    return contact ? [{ contact, decisions: decisions.filter((d) => d.contactId === id) }] : [];
  });
}

/** Primes a row loader with the rows read for `keys`: null for a key with none. */
function primeRows<K, R>(
  loader: DataLoader<K, R | null>,
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
): void {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  for (const key of keys) loader.clear(key).prime(key, byKey.get(key) ?? null);
}

/** Primes a group loader with the rows read for `keys`, in the order read: [] for a key with none. */
function primeGroups<K, R>(
  loader: DataLoader<K, R[]>,
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
): void {
  const byKey = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  for (const key of keys) loader.clear(key).prime(key, byKey.get(key) ?? []);
}
