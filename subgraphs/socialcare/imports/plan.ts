/**
 * The planning half of an import: checks every row against the database and the rest of the
 * import, and settles each contact, referral and assessment of the files as new, as stored already
 * with the same content, or as refused. Reads only, each table in a few statements whatever the
 * number of rows; runs inside the caller's transaction and uses only its manager.
 */
import type { EntityManager } from 'typeorm';
import { MAX_CHILDREN_PER_CONTACT } from '../frontdoor/record';
import { REFERRAL_OUTCOMES } from '../frontdoor/transitions';
import { ChildResolver, findChildren } from './children';
import {
  childIdOf,
  push,
  same,
  sameChild,
  type ChildRef,
  type ImportRows,
  type Located,
  type NewChild,
  type PlannedAssessment,
  type PlannedContact,
  type PlannedReferral,
  type Reject,
} from './model';
import type { AssessmentRow, ContactRow, ImportedDecision, ReferralRow } from './rows';

/** What the files come to once checked: every contact, referral and assessment not refused. */
export interface ImportPlan {
  /** By id, in the order of the files. */
  contacts: Map<string, PlannedContact>;
  referrals: Map<string, PlannedReferral>;
  assessments: Map<string, PlannedAssessment>;
  /** Every child the contacts' rows would create, refused contacts' included. */
  created: NewChild[];
}

/**
 * Checks the rows (contacts, then referrals, then assessments, each against the database and
 * what this import leaves) and reports every refusal to `reject`. Writes nothing.
 */
export async function planImport(
  m: EntityManager,
  rows: ImportRows,
  reject: Reject,
): Promise<ImportPlan> {
  const resolver = new ChildResolver(await findChildren(m, rows.contacts));
  const grouped = groupContacts(rows.contacts, resolver, reject);
  const { contacts, storedContactChildren } = await settleContacts(m, grouped, rows, reject);
  const referrals = await planReferrals(m, rows, contacts, storedContactChildren, reject);
  const assessments = await planAssessments(m, rows, referrals, reject);
  return { contacts, referrals, assessments, created: resolver.created };
}

const lines = (rows: { line: number }[]) =>
  rows.length > 1 ? ` (lines ${rows.map((r) => r.line).join(', ')})` : '';

/** The contact-level fields rows of one contact must agree on, and how each reads. */
const CONTACT_FIELDS: [keyof ContactRow, string][] = [
  ['receivedAt', 'received_at'],
  ['source', 'source'],
  ['rag', 'rag'],
  ['team', 'team'],
  ['referrer', 'referrer'],
  ['concern', 'concern'],
];

function fieldText(row: ContactRow, key: keyof ContactRow): string {
  const value = row[key];
  return value instanceof Date ? value.toISOString() : String(value ?? '');
}

/**
 * Contacts: rows grouped by contact id, which must agree on the contact's own fields, each row
 * resolved to its child. A contact with any row refused is refused whole.
 */
function groupContacts(
  rows: Located<ContactRow>[],
  resolver: ChildResolver,
  reject: Reject,
): PlannedContact[] {
  const groups = new Map<string, Located<ContactRow>[]>();
  for (const row of rows) push(groups, row.contactId, row);
  const contacts: PlannedContact[] = [];
  for (const [id, group] of groups) {
    const first = group[0];
    const planned: PlannedContact = { id, first, children: [], unchanged: false };
    let ok = true;
    for (const row of group) {
      const disagree = CONTACT_FIELDS.filter(([k]) => fieldText(row, k) !== fieldText(first, k));
      if (row !== first && disagree.length > 0) {
        reject(
          row,
          `contact ${id} has a different ${disagree.map(([, c]) => c).join(', ')} on line ${first.line}: the rows of one contact must agree on received_at, source, rag, team, referrer and concern`,
        );
        ok = false;
        continue;
      }
      const resolved = resolver.resolve(row);
      if ('problem' in resolved) {
        reject(row, resolved.problem);
        ok = false;
        continue;
      }
      const twice = planned.children.find((c) => sameChild(c.ref, resolved.ref));
      if (twice) {
        reject(
          row,
          `this child is on contact ${id} already (line ${twice.row.line}): one contact, one decision per child`,
        );
        ok = false;
        continue;
      }
      planned.children.push({ row, ref: resolved.ref });
    }
    if (group.length > MAX_CHILDREN_PER_CONTACT) {
      reject(
        first,
        `contact ${id} has ${group.length} children: at most ${MAX_CHILDREN_PER_CONTACT}`,
      );
      ok = false;
    }
    if (ok) contacts.push(planned);
  }
  return contacts;
}

interface StoredContact {
  id: string;
  received_at: Date;
  source_code: string;
  rag: string | null;
  team: string;
  referrer: string;
  concern: string;
}

interface StoredContactChild {
  contact_id: string;
  child_id: string;
  decided_at: Date | null;
  level: number | null;
  outcome: string | null;
  decided_by: string | null;
  reported_nhs_number: string | null;
  reported_upn: string | null;
}

/** A stored child of a contact, with the contact's receipt. */
type ReceivedContactChild = StoredContactChild & { received_at: Date };

/**
 * The contacts as this import leaves them: a contact stored already must be stored with the same
 * content (it is then unchanged), or it is refused. Also the stored children and decisions of
 * every contact the files name, the referrals' contacts included.
 */
async function settleContacts(
  m: EntityManager,
  contacts: PlannedContact[],
  rows: ImportRows,
  reject: Reject,
): Promise<{
  contacts: Map<string, PlannedContact>;
  storedContactChildren: Map<string, ReceivedContactChild[]>;
}> {
  const contactIds = contacts.map((c) => c.id);
  const storedContacts = new Map(
    (
      (await m.query(
        `SELECT id, received_at, source_code, rag, team, referrer, concern
           FROM contacts WHERE id = ANY($1::text[])`,
        [contactIds],
      )) as StoredContact[]
    ).map((c) => [c.id, c]),
  );

  // Referrals and assessments name contacts and referrals the file may not hold: those come from
  // the database, with their children and decisions.
  const referencedContacts = [
    ...new Set([...contactIds, ...rows.referrals.map((r) => r.contactId)]),
  ];
  const storedContactChildren = new Map<string, ReceivedContactChild[]>();
  for (const cc of (await m.query(
    `SELECT cc.contact_id, cc.child_id, cc.decided_at, cc.level, cc.outcome, cc.decided_by,
            cc.reported_nhs_number, cc.reported_upn, c.received_at
       FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
      WHERE cc.contact_id = ANY($1::text[])
      ORDER BY cc.contact_id, cc.child_id`,
    [referencedContacts],
  )) as ReceivedContactChild[]) {
    push(storedContactChildren, cc.contact_id, cc);
  }

  const inFile = new Map<string, PlannedContact>();
  for (const planned of contacts) {
    const stored = storedContacts.get(planned.id);
    if (stored) {
      const differences = contactDifferences(
        planned,
        stored,
        storedContactChildren.get(planned.id) ?? [],
      );
      if (differences.length > 0) {
        reject(
          planned.first,
          `contact ${planned.id} already exists with different ${differences.join(', ')}${lines(planned.children.map((c) => c.row))}`,
        );
        continue;
      }
      planned.unchanged = true;
    }
    inFile.set(planned.id, planned);
  }
  return { contacts: inFile, storedContactChildren };
}

/** What differs between a contact in the file and the stored one: column names, or nothing. */
function contactDifferences(
  planned: PlannedContact,
  stored: StoredContact,
  storedChildren: StoredContactChild[],
): string[] {
  const r = planned.first;
  const stated = (column: string) => r.columns.has(column);
  const differences: string[] = [];
  if (!same(r.receivedAt, stored.received_at)) differences.push('received_at');
  if (r.source !== stored.source_code) differences.push('source');
  if (stated('rag') && r.rag !== stored.rag) differences.push('rag');
  if (r.team !== stored.team) differences.push('team');
  if (stated('referrer') && r.referrer !== stored.referrer) differences.push('referrer');
  if (stated('concern') && r.concern !== stored.concern) differences.push('concern');
  const storedById = new Map(storedChildren.map((c) => [c.child_id, c]));
  const plannedIds = planned.children.map((c) => ('id' in c.ref ? c.ref.id : null));
  if (
    plannedIds.some((id) => id === null || !storedById.has(id)) ||
    storedChildren.length !== planned.children.length
  ) {
    differences.push('children');
    return differences;
  }
  for (const { row, ref } of planned.children) {
    const s = storedById.get(childIdOf(ref)) as StoredContactChild;
    const d: ImportedDecision | null = row.decision;
    const decisionDiffers =
      !same(d?.decidedAt ?? null, s.decided_at) ||
      (d?.level ?? null) !== s.level ||
      (d?.outcome ?? null) !== s.outcome ||
      (stated('decided_by') && (d?.decidedBy ?? null) !== s.decided_by);
    if (decisionDiffers) differences.push(`decision for ${s.child_id}`);
    if (
      (row.nhsNumber !== null || row.upn !== null || s.reported_nhs_number || s.reported_upn) &&
      (row.nhsNumber !== s.reported_nhs_number || row.upn !== s.reported_upn)
    ) {
      differences.push(`reported identifiers for ${s.child_id}`);
    }
  }
  return differences;
}

interface StoredReferral {
  id: string;
  contact_id: string;
  child_id: string;
  created_at: Date;
  completed_at: Date | null;
  created_by: string | null;
  completed_by: string | null;
  allocated_team: string | null;
  allocated_worker: string | null;
}

/** A child on a contact as this import leaves it: its decision, if any. */
interface DecidedChild {
  ref: ChildRef;
  decidedAt: Date | null;
  outcome: string | null;
  receivedAt: Date;
}

/**
 * Referrals: of a decided child on a contact stored or in this import, one per contact-child. A
 * referral stored already must be stored the same (it is then unchanged).
 */
async function planReferrals(
  m: EntityManager,
  rows: ImportRows,
  inFile: Map<string, PlannedContact>,
  storedContactChildren: Map<string, ReceivedContactChild[]>,
  reject: Reject,
): Promise<Map<string, PlannedReferral>> {
  const storedReferrals = new Map(
    (
      (await m.query(
        `SELECT id, contact_id, child_id, created_at, completed_at, created_by, completed_by,
                allocated_team, allocated_worker
           FROM referrals WHERE id = ANY($1::text[]) OR contact_id = ANY($2::text[])`,
        [rows.referrals.map((r) => r.referralId), rows.referrals.map((r) => r.contactId)],
      )) as StoredReferral[]
    ).map((r) => [r.id, r]),
  );
  const referralOf = new Map<string, string>();
  for (const r of storedReferrals.values()) referralOf.set(`${r.contact_id}|${r.child_id}`, r.id);
  const referrals = new Map<string, PlannedReferral>();
  const referralsOfContact = new Map<string, PlannedReferral[]>();
  for (const row of rows.referrals) {
    const earlier = referrals.get(row.referralId);
    if (earlier) {
      reject(row, `referral ${row.referralId} is given already on line ${earlier.row.line}`);
      continue;
    }
    // The contact's children and decisions: as this import leaves them.
    const planned = inFile.get(row.contactId);
    const onContact: DecidedChild[] = planned
      ? planned.children.map((c) => ({
          ref: c.ref,
          decidedAt: c.row.decision?.decidedAt ?? null,
          outcome: c.row.decision?.outcome ?? null,
          receivedAt: c.row.receivedAt,
        }))
      : (storedContactChildren.get(row.contactId) ?? []).map((c) => ({
          ref: { id: c.child_id },
          decidedAt: c.decided_at,
          outcome: c.outcome,
          receivedAt: c.received_at,
        }));
    const found = referredChild(row, onContact, rows.given.contacts);
    if ('problem' in found) {
      reject(row, found.problem);
      continue;
    }
    const { child } = found;
    const childKey = 'id' in child.ref ? child.ref.id : null;
    const plannedReferral: PlannedReferral = { row, child: child.ref, unchanged: false };
    const stored = storedReferrals.get(row.referralId);
    if (stored) {
      const differences = referralDifferences(stored, row, childKey);
      if (differences.length > 0) {
        reject(
          row,
          `referral ${row.referralId} already exists with different ${differences.join(', ')}`,
        );
        continue;
      }
      plannedReferral.unchanged = true;
    } else {
      const other =
        (childKey ? referralOf.get(`${row.contactId}|${childKey}`) : undefined) ??
        referralsOfContact.get(row.contactId)?.find((r) => sameChild(r.child, child.ref))?.row
          .referralId;
      if (other) {
        reject(row, `the child already has referral ${other} from contact ${row.contactId}`);
        continue;
      }
    }
    referrals.set(row.referralId, plannedReferral);
    push(referralsOfContact, row.contactId, plannedReferral);
  }
  return referrals;
}

/**
 * The child of the referral's contact it is for, which must have a decision to refer made no
 * later than the referral; or why the row is refused. `givenContacts`: every contact id the files
 * give, to tell a refused contact from a missing one.
 */
function referredChild(
  row: ReferralRow,
  onContact: DecidedChild[],
  givenContacts: Set<string>,
): { child: DecidedChild } | { problem: string } {
  if (onContact.length === 0) {
    const refused = givenContacts.has(row.contactId);
    return {
      problem: refused
        ? `contact ${row.contactId} is refused in this import`
        : `no contact ${row.contactId} in the database or this import`,
    };
  }
  let child: DecidedChild | undefined;
  if (row.childId === null) {
    if (onContact.length > 1) {
      return {
        problem: `contact ${row.contactId} is about ${onContact.length} children: child_id must say which`,
      };
    }
    child = onContact[0];
  } else {
    child = onContact.find((c) => 'id' in c.ref && c.ref.id === row.childId);
    if (!child) {
      return { problem: `child ${row.childId} is not on contact ${row.contactId}` };
    }
  }
  if (child.decidedAt === null) {
    return {
      problem: `the child has no threshold decision on contact ${row.contactId}: a referral follows a decision`,
    };
  }
  // As the front door makes them: a referral comes of a decision to refer, when it is made.
  if (!REFERRAL_OUTCOMES.has(child.outcome ?? '')) {
    return {
      problem: `the child's decision on contact ${row.contactId} is ${child.outcome}: a referral follows ${[...REFERRAL_OUTCOMES].join(' or ')}`,
    };
  }
  if (row.createdAt.getTime() < child.decidedAt.getTime()) {
    return { problem: `created_at is before the child's decision on contact ${row.contactId}` };
  }
  return { child };
}

/** What differs between a referral in the file and the stored one: column names, or nothing. */
function referralDifferences(
  stored: StoredReferral,
  row: Located<ReferralRow>,
  childKey: string | null,
): string[] {
  return [
    stored.contact_id !== row.contactId ? 'contact_id' : null,
    stored.child_id !== childKey ? 'child_id' : null,
    !same(stored.created_at, row.createdAt) ? 'created_at' : null,
    !same(stored.completed_at, row.completedAt) ? 'completed_at' : null,
    row.columns.has('created_by') && stored.created_by !== row.createdBy ? 'created_by' : null,
    row.columns.has('completed_by') && stored.completed_by !== row.completedBy
      ? 'completed_by'
      : null,
    row.columns.has('allocated_team') && stored.allocated_team !== row.allocatedTeam
      ? 'allocated_team'
      : null,
    row.columns.has('allocated_worker') && stored.allocated_worker !== row.allocatedWorker
      ? 'allocated_worker'
      : null,
  ].filter((d): d is string => d !== null);
}

interface StoredAssessment {
  id: string;
  referral_id: string;
  started_at: Date;
  authorised_at: Date | null;
  outcome: string | null;
  authorised_by: string | null;
  allocated_team: string | null;
  allocated_worker: string | null;
  child_seen: boolean | null;
}

/**
 * Assessments: at most one per referral, of a referral stored or in this import. An assessment
 * stored already must be stored the same (it is then unchanged).
 */
async function planAssessments(
  m: EntityManager,
  rows: ImportRows,
  referrals: Map<string, PlannedReferral>,
  reject: Reject,
): Promise<Map<string, PlannedAssessment>> {
  const storedAssessments = (await m.query(
    `SELECT id, referral_id, started_at, authorised_at, outcome, authorised_by, allocated_team,
            allocated_worker, child_seen
       FROM assessments WHERE id = ANY($1::text[]) OR referral_id = ANY($2::text[])`,
    [rows.assessments.map((a) => a.assessmentId), rows.assessments.map((a) => a.referralId)],
  )) as StoredAssessment[];
  const storedAssessment = new Map(storedAssessments.map((a) => [a.id, a]));
  const assessmentOf = new Map(storedAssessments.map((a) => [a.referral_id, a.id]));
  const referralsForAssessments = new Map(
    (
      (await m.query(`SELECT id, child_id, created_at FROM referrals WHERE id = ANY($1::text[])`, [
        rows.assessments.map((a) => a.referralId),
      ])) as { id: string; child_id: string; created_at: Date }[]
    ).map((r) => [r.id, r]),
  );
  const assessments = new Map<string, PlannedAssessment>();
  for (const row of rows.assessments) {
    const earlier = assessments.get(row.assessmentId);
    if (earlier) {
      reject(row, `assessment ${row.assessmentId} is given already on line ${earlier.row.line}`);
      continue;
    }
    const planned = referrals.get(row.referralId);
    const stored = referralsForAssessments.get(row.referralId);
    const referral = planned
      ? { child: planned.child, createdAt: planned.row.createdAt }
      : stored
        ? { child: { id: stored.child_id } as ChildRef, createdAt: stored.created_at }
        : null;
    if (!referral) {
      const refused = rows.given.referrals.has(row.referralId);
      reject(
        row,
        refused
          ? `referral ${row.referralId} is refused in this import`
          : `no referral ${row.referralId} in the database or this import`,
      );
      continue;
    }
    if (row.startedAt.getTime() < referral.createdAt.getTime()) {
      reject(row, `started_at is before referral ${row.referralId} was created`);
      continue;
    }
    const plannedAssessment: PlannedAssessment = { row, child: referral.child, unchanged: false };
    const existing = storedAssessment.get(row.assessmentId);
    if (existing) {
      const differences = assessmentDifferences(existing, row);
      if (differences.length > 0) {
        reject(
          row,
          `assessment ${row.assessmentId} already exists with different ${differences.join(', ')}`,
        );
        continue;
      }
      plannedAssessment.unchanged = true;
    } else {
      const other = assessmentOf.get(row.referralId);
      if (other) {
        reject(row, `referral ${row.referralId} already has assessment ${other}: one per referral`);
        continue;
      }
    }
    assessments.set(row.assessmentId, plannedAssessment);
    assessmentOf.set(row.referralId, row.assessmentId);
  }
  return assessments;
}

/** What differs between an assessment in the file and the stored one: column names, or nothing. */
function assessmentDifferences(existing: StoredAssessment, row: Located<AssessmentRow>): string[] {
  return [
    existing.referral_id !== row.referralId ? 'referral_id' : null,
    !same(existing.started_at, row.startedAt) ? 'started_at' : null,
    !same(existing.authorised_at, row.authorisedAt) ? 'authorised_at' : null,
    existing.outcome !== row.outcome ? 'outcome' : null,
    row.columns.has('authorised_by') && existing.authorised_by !== row.authorisedBy
      ? 'authorised_by'
      : null,
    row.columns.has('allocated_team') && existing.allocated_team !== row.allocatedTeam
      ? 'allocated_team'
      : null,
    row.columns.has('allocated_worker') && existing.allocated_worker !== row.allocatedWorker
      ? 'allocated_worker'
      : null,
    row.columns.has('child_seen') && existing.child_seen !== row.childSeen ? 'child_seen' : null,
  ].filter((d): d is string => d !== null);
}
