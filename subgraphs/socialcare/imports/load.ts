/**
 * The database half of an import: finds the children the rows name or describe, compares rows
 * with what is already stored, and writes what is new, each table in a few statements whatever
 * the number of rows (every column travels as one array and is expanded with `unnest`). Runs
 * inside the caller's transaction and uses only its manager.
 */
import type { EntityManager } from 'typeorm';
import { LAWFUL_BASIS } from '../../../shared/access';
import { appendAuditIn, type AuditEntry } from '../../../shared/audit';
import type { Principal } from '../../../shared/auth';
import { MAX_CHILDREN_PER_CONTACT } from '../frontdoor/record';
import { REFERRAL_OUTCOMES } from '../frontdoor/transitions';
import type {
  AssessmentRow,
  ChildDetails,
  ContactRow,
  ImportedDecision,
  ReferralRow,
} from './rows';

/** A row refused: the file, the line it starts on (the header is line 1) and why. */
export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

/**
 * A row of a file, with the file it came from and that file's columns: a re-import compares only
 * what the file says (a file without `rag` leaves the stored rating out of the comparison).
 */
export type Located<T> = T & { file: string; columns: ReadonlySet<string> };

/** What the rows of one import hold, already valid row by row. */
export interface ImportRows {
  contacts: Located<ContactRow>[];
  referrals: Located<ReferralRow>[];
  assessments: Located<AssessmentRow>[];
  /** Every contact and referral id the files give, on valid rows or not. */
  given: { contacts: Set<string>; referrals: Set<string> };
}

/** What an import created and left as it was. */
export interface LoadCounts {
  created: { contacts: number; children: number; referrals: number; assessments: number };
  unchanged: { contacts: number; referrals: number; assessments: number };
  /** Existing children the new contacts are about (by child_id, identifier or names). */
  childrenMatched: number;
}

/** A child the import creates, numbered only once nothing is rejected. */
interface NewChild extends ChildDetails {
  id: string | null;
  nhsNumber: string | null;
  upn: string | null;
}

/** A child as a row resolves it: one already stored, or one this import creates. */
type ChildRef = { id: string } | { created: NewChild };

function childIdOf(ref: ChildRef): string {
  return 'id' in ref ? ref.id : (ref.created.id as string);
}

interface PlannedChild {
  row: Located<ContactRow>;
  ref: ChildRef;
}

/** One contact of the file: its first row's contact fields and a row per child. */
interface PlannedContact {
  id: string;
  first: Located<ContactRow>;
  children: PlannedChild[];
  /** Already stored with the same content: nothing to write. */
  unchanged: boolean;
}

interface PlannedReferral {
  row: Located<ReferralRow>;
  child: ChildRef;
  unchanged: boolean;
}

interface PlannedAssessment {
  row: Located<AssessmentRow>;
  child: ChildRef;
  unchanged: boolean;
}

/** `recorded_by` of every imported contact: imported history is told apart by it. */
export const IMPORT_RECORDER = 'import';

/** The reason of an imported contact's rating. */
export const IMPORTED_RATING_REASON = 'Imported';

const CHUNK_ROWS = 10_000;
const AUDIT_CHUNK = 5_000;

const lower = (s: string) => s.toLowerCase();
const nameKey = (d: ChildDetails) =>
  `${lower(d.familyName)}|${lower(d.givenName)}|${d.dateOfBirth}`;
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const same = (a: Date | null, b: Date | null) => iso(a) === iso(b);
const lines = (rows: { line: number }[]) =>
  rows.length > 1 ? ` (lines ${rows.map((r) => r.line).join(', ')})` : '';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface StoredChild {
  id: string;
  nhs_number: string | null;
  upn: string | null;
}

/** The stored children the rows could be: by id, by NHS number or UPN, by names and birth date. */
async function findChildren(m: EntityManager, rows: ContactRow[]) {
  const ids = [...new Set(rows.filter((r) => r.childId).map((r) => r.childId as string))];
  const described = rows.filter((r) => r.details);
  const nhs = new Set(described.filter((r) => r.nhsNumber).map((r) => r.nhsNumber as string));
  const upns = new Set(described.filter((r) => r.upn).map((r) => r.upn as string));
  const names = new Map(described.map((r) => [nameKey(r.details as ChildDetails), r.details]));
  const byId = new Set(
    (
      (await m.query(`SELECT id FROM children WHERE id = ANY($1::text[])`, [ids])) as StoredChild[]
    ).map((c) => c.id),
  );
  const holders = (await m.query(
    `SELECT id, nhs_number, upn FROM children
      WHERE nhs_number = ANY($1::text[]) OR upn = ANY($2::text[]) ORDER BY id`,
    [[...nhs], [...upns]],
  )) as StoredChild[];
  const byNhs = new Map<string, StoredChild[]>();
  const byUpn = new Map<string, StoredChild[]>();
  for (const c of holders) {
    if (c.nhs_number && nhs.has(c.nhs_number)) push(byNhs, c.nhs_number, c);
    if (c.upn && upns.has(c.upn)) push(byUpn, c.upn, c);
  }
  // Names compare in the database's own lower(), as the front door's check does; the key each
  // match came from is its ordinal in the list sent.
  const keys = [...names.values()] as ChildDetails[];
  const namesakes = (await m.query(
    `SELECT k.n, c.id, c.nhs_number, c.upn
       FROM unnest($1::text[], $2::text[], $3::date[]) WITH ORDINALITY AS k(g, f, d, n)
       JOIN children c ON lower(c.family_name) = lower(k.f) AND c.date_of_birth = k.d
                      AND lower(c.given_name) = lower(k.g)
      ORDER BY c.id`,
    [keys.map((k) => k.givenName), keys.map((k) => k.familyName), keys.map((k) => k.dateOfBirth)],
  )) as (StoredChild & { n: number })[];
  const byName = new Map<string, StoredChild[]>();
  for (const c of namesakes) push(byName, nameKey(keys[c.n - 1]), c);
  return { byId, byNhs, byUpn, byName };
}

/**
 * Whom a described child is: a stored child holding its NHS number or UPN, else a child this
 * import already creates with one of them, else the one stored child (or child being created)
 * with the same names and date of birth, else a new child. Two holders of one identifier, an NHS
 * number and a UPN held by different children (stored, or created by this import), a namesake
 * holding a different identifier, or a row that would give a new child an identifier another child
 * holds are refused: the file must say which child with child_id, as a practitioner would.
 */
class ChildResolver {
  private readonly createdByNhs = new Map<string, NewChild>();
  private readonly createdByUpn = new Map<string, NewChild>();
  private readonly createdByName = new Map<string, NewChild>();
  readonly created: NewChild[] = [];

  constructor(private readonly stored: Awaited<ReturnType<typeof findChildren>>) {}

  resolve(row: ContactRow): { ref: ChildRef } | { problem: string } {
    if (row.childId) {
      return this.stored.byId.has(row.childId)
        ? { ref: { id: row.childId } }
        : { problem: `no child ${row.childId}: child_id must be a child the service holds` };
    }
    const d = row.details as ChildDetails;
    const nhsHolders = row.nhsNumber ? (this.stored.byNhs.get(row.nhsNumber) ?? []) : [];
    const upnHolders = row.upn ? (this.stored.byUpn.get(row.upn) ?? []) : [];
    for (const [what, holders] of [
      ['NHS number', nhsHolders],
      ['UPN', upnHolders],
    ] as const) {
      if (holders.length > 1) {
        return {
          problem: `the ${what} is held by ${holders.length} children (${holders.map((c) => c.id).join(', ')}): give child_id`,
        };
      }
    }
    if (nhsHolders[0] && upnHolders[0] && nhsHolders[0].id !== upnHolders[0].id) {
      return {
        problem: `the NHS number is ${nhsHolders[0].id}'s and the UPN is ${upnHolders[0].id}'s: give child_id`,
      };
    }
    // Whose each identifier is: a stored child's, else a child this import creates.
    const createdNhs = row.nhsNumber ? this.createdByNhs.get(row.nhsNumber) : undefined;
    const createdUpn = row.upn ? this.createdByUpn.get(row.upn) : undefined;
    const nhsChild = nhsHolders[0] ?? createdNhs;
    const upnChild = upnHolders[0] ?? createdUpn;
    if (nhsChild && upnChild && nhsChild !== upnChild) {
      const who = (c: StoredChild | NewChild) =>
        'nhs_number' in c ? c.id : 'a child another row creates';
      return {
        problem: `the NHS number and the UPN belong to different children (${who(nhsChild)}; ${who(upnChild)}): give child_id, or correct the one that is wrong`,
      };
    }
    const holder = nhsHolders[0] ?? upnHolders[0];
    if (holder) return { ref: { id: holder.id } };
    const createdHolder = createdNhs ?? createdUpn;
    if (createdHolder) return this.filled(createdHolder, row);

    const key = nameKey(d);
    const namesakes = this.stored.byName.get(key) ?? [];
    if (namesakes.length > 1) {
      return {
        problem: `${namesakes.length} children have these names and date of birth (${namesakes.map((c) => c.id).join(', ')}): give child_id`,
      };
    }
    const namesake = namesakes[0];
    if (namesake) {
      const clash = this.clash(row, namesake.nhs_number, namesake.upn);
      return clash
        ? {
            problem: `${namesake.id} has these names and date of birth but a different ${clash}: give child_id if it is that child, or correct the ${clash}`,
          }
        : { ref: { id: namesake.id } };
    }
    const createdNamesake = this.createdByName.get(key);
    if (createdNamesake) {
      const clash = this.clash(row, createdNamesake.nhsNumber, createdNamesake.upn);
      if (clash) {
        return {
          problem: `another row describes a new child with these names and date of birth but a different ${clash}: correct the ${clash}`,
        };
      }
      return this.filled(createdNamesake, row);
    }
    const child: NewChild = { ...d, id: null, nhsNumber: null, upn: null };
    const filled = this.filled(child, row);
    if ('ref' in filled) {
      this.created.push(child);
      this.createdByName.set(key, child);
    }
    return filled;
  }

  /** `fill`, as resolve's answer. */
  private filled(child: NewChild, row: ContactRow): { ref: ChildRef } | { problem: string } {
    const problem = this.fill(child, row);
    return problem ? { problem } : { ref: { created: child } };
  }

  /** The identifier a row and a child disagree on, if any. */
  private clash(row: ContactRow, nhs: string | null, upn: string | null): string | null {
    if (row.nhsNumber && nhs && row.nhsNumber !== nhs) return 'NHS number';
    if (row.upn && upn && row.upn !== upn) return 'UPN';
    return null;
  }

  /**
   * A later row may add an identifier (or a sex) the first row about a new child lacked, but never
   * one another child, stored or new, already holds: two children would then share it, and the
   * next import could match neither. Returns the problem, or null once filled.
   */
  private fill(child: NewChild, row: ContactRow): string | null {
    const takenBy = (
      byStored: Map<string, StoredChild[]>,
      byNew: Map<string, NewChild>,
      v: string,
    ) => (byStored.get(v)?.length ?? 0) > 0 || (byNew.has(v) && byNew.get(v) !== child);
    const addNhs = row.nhsNumber && !child.nhsNumber ? row.nhsNumber : null;
    const addUpn = row.upn && !child.upn ? row.upn : null;
    for (const [what, value, byStored, byNew] of [
      ['NHS number', addNhs, this.stored.byNhs, this.createdByNhs],
      ['UPN', addUpn, this.stored.byUpn, this.createdByUpn],
    ] as const) {
      if (value && takenBy(byStored, byNew, value)) {
        return `the ${what} is another child's: give child_id, or correct the ${what}`;
      }
    }
    if (addNhs) child.nhsNumber = addNhs;
    if (addUpn) child.upn = addUpn;
    if (child.nhsNumber) this.createdByNhs.set(child.nhsNumber, child);
    if (child.upn) this.createdByUpn.set(child.upn, child);
    if (child.sex === 'UNKNOWN' && row.details && row.details.sex !== 'UNKNOWN') {
      child.sex = row.details.sex;
    }
    return null;
  }
}

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

/** Sends rows to a table in chunks, each column as one typed array expanded by `unnest`. */
async function insertRows(
  m: EntityManager,
  table: string,
  columns: [string, string][],
  rows: unknown[][],
): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await m.query(
      sql,
      columns.map((_, i) => chunk.map((row) => row[i] ?? null)),
    );
  }
}

/**
 * Checks every row against the database and the rest of the import, then, when nothing is
 * rejected, writes what is new with its audit rows and moves the number sequences past the
 * file's ids. With rejections, or with `dryRun`, nothing is written and the counts are those it
 * would have made. A dry run stops before writing because sequences are not transactional: the
 * numbers it drew (new children's ids, audit and rating row ids) and `sync_number_sequences()`
 * would stay drawn after the rollback. Every check is made before writing, so a dry run rejects
 * what a real run would. Call inside a transaction; `now` is the instant of the audit rows and new
 * children's creation.
 */
export async function loadRows(
  m: EntityManager,
  rows: ImportRows,
  principal: Principal,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<{ counts: LoadCounts; rejections: Rejection[] }> {
  const rejections: Rejection[] = [];
  const reject = (row: { file: string; line: number }, reason: string) =>
    rejections.push({ file: row.file, line: row.line, reason });
  const counts: LoadCounts = {
    created: { contacts: 0, children: 0, referrals: 0, assessments: 0 },
    unchanged: { contacts: 0, referrals: 0, assessments: 0 },
    childrenMatched: 0,
  };

  // Serialises imports with each other and with the front door creating children, so the
  // children matched here are the children there are when this commits.
  await m.query(`LOCK TABLE children IN SHARE ROW EXCLUSIVE MODE`);

  // Contacts: rows grouped by contact id, which must agree on the contact's own fields.
  const groups = new Map<string, Located<ContactRow>[]>();
  for (const row of rows.contacts) push(groups, row.contactId, row);
  const resolver = new ChildResolver(await findChildren(m, rows.contacts));
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
  const storedContactChildren = new Map<string, (StoredContactChild & { received_at: Date })[]>();
  for (const cc of (await m.query(
    `SELECT cc.contact_id, cc.child_id, cc.decided_at, cc.level, cc.outcome, cc.decided_by,
            cc.reported_nhs_number, cc.reported_upn, c.received_at
       FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
      WHERE cc.contact_id = ANY($1::text[])
      ORDER BY cc.contact_id, cc.child_id`,
    [referencedContacts],
  )) as (StoredContactChild & { received_at: Date })[]) {
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

  // Referrals: of a decided child on a contact stored or in this import, one per contact-child.
  const storedReferrals = new Map(
    (
      (await m.query(
        `SELECT id, contact_id, child_id, created_at, completed_at, created_by, completed_by
           FROM referrals WHERE id = ANY($1::text[]) OR contact_id = ANY($2::text[])`,
        [rows.referrals.map((r) => r.referralId), rows.referrals.map((r) => r.contactId)],
      )) as {
        id: string;
        contact_id: string;
        child_id: string;
        created_at: Date;
        completed_at: Date | null;
        created_by: string | null;
        completed_by: string | null;
      }[]
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
    const onContact: {
      ref: ChildRef;
      decidedAt: Date | null;
      outcome: string | null;
      receivedAt: Date;
    }[] = planned
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
    if (onContact.length === 0) {
      const refused = rows.given.contacts.has(row.contactId);
      reject(
        row,
        refused
          ? `contact ${row.contactId} is refused in this import`
          : `no contact ${row.contactId} in the database or this import`,
      );
      continue;
    }
    let child: (typeof onContact)[number] | undefined;
    if (row.childId === null) {
      if (onContact.length > 1) {
        reject(
          row,
          `contact ${row.contactId} is about ${onContact.length} children: child_id must say which`,
        );
        continue;
      }
      child = onContact[0];
    } else {
      child = onContact.find((c) => 'id' in c.ref && c.ref.id === row.childId);
      if (!child) {
        reject(row, `child ${row.childId} is not on contact ${row.contactId}`);
        continue;
      }
    }
    if (child.decidedAt === null) {
      reject(
        row,
        `the child has no threshold decision on contact ${row.contactId}: a referral follows a decision`,
      );
      continue;
    }
    // As the front door makes them: a referral comes of a decision to refer, when it is made.
    if (!REFERRAL_OUTCOMES.has(child.outcome ?? '')) {
      reject(
        row,
        `the child's decision on contact ${row.contactId} is ${child.outcome}: a referral follows ${[...REFERRAL_OUTCOMES].join(' or ')}`,
      );
      continue;
    }
    if (row.createdAt.getTime() < child.decidedAt.getTime()) {
      reject(row, `created_at is before the child's decision on contact ${row.contactId}`);
      continue;
    }
    const childKey = 'id' in child.ref ? child.ref.id : null;
    const plannedReferral: PlannedReferral = { row, child: child.ref, unchanged: false };
    const stored = storedReferrals.get(row.referralId);
    if (stored) {
      const differences = [
        stored.contact_id !== row.contactId ? 'contact_id' : null,
        stored.child_id !== childKey ? 'child_id' : null,
        !same(stored.created_at, row.createdAt) ? 'created_at' : null,
        !same(stored.completed_at, row.completedAt) ? 'completed_at' : null,
        row.columns.has('created_by') && stored.created_by !== row.createdBy ? 'created_by' : null,
        row.columns.has('completed_by') && stored.completed_by !== row.completedBy
          ? 'completed_by'
          : null,
      ].filter((d): d is string => d !== null);
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

  // Assessments: at most one per referral, of a referral stored or in this import.
  const storedAssessments = (await m.query(
    `SELECT id, referral_id, started_at, authorised_at, outcome, authorised_by
       FROM assessments WHERE id = ANY($1::text[]) OR referral_id = ANY($2::text[])`,
    [rows.assessments.map((a) => a.assessmentId), rows.assessments.map((a) => a.referralId)],
  )) as {
    id: string;
    referral_id: string;
    started_at: Date;
    authorised_at: Date | null;
    outcome: string | null;
    authorised_by: string | null;
  }[];
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
      const differences = [
        existing.referral_id !== row.referralId ? 'referral_id' : null,
        !same(existing.started_at, row.startedAt) ? 'started_at' : null,
        !same(existing.authorised_at, row.authorisedAt) ? 'authorised_at' : null,
        existing.outcome !== row.outcome ? 'outcome' : null,
        row.columns.has('authorised_by') && existing.authorised_by !== row.authorisedBy
          ? 'authorised_by'
          : null,
      ].filter((d): d is string => d !== null);
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

  // Counts as the import stands, whether or not it is written.
  const newContacts = [...inFile.values()].filter((c) => !c.unchanged);
  const newReferrals = [...referrals.values()].filter((r) => !r.unchanged);
  const newAssessments = [...assessments.values()].filter((a) => !a.unchanged);
  const usedChildren = newContacts.flatMap((c) => c.children.map((p) => p.ref));
  const createdUsed = new Set(usedChildren.map((ref) => ('created' in ref ? ref.created : null)));
  const newChildren = resolver.created.filter((child) => createdUsed.has(child));
  counts.created = {
    contacts: newContacts.length,
    children: newChildren.length,
    referrals: newReferrals.length,
    assessments: newAssessments.length,
  };
  counts.unchanged = {
    contacts: inFile.size - newContacts.length,
    referrals: referrals.size - newReferrals.length,
    assessments: assessments.size - newAssessments.length,
  };
  counts.childrenMatched = new Set(
    usedChildren.filter((ref) => 'id' in ref).map((ref) => childIdOf(ref)),
  ).size;
  if (rejections.length > 0 || options.dryRun) return { counts, rejections };
  if (newContacts.length + newReferrals.length + newAssessments.length === 0) {
    return { counts, rejections };
  }

  await write(m, { newChildren, newContacts, newReferrals, newAssessments }, principal, now);
  return { counts, rejections };
}

function sameChild(a: ChildRef, b: ChildRef): boolean {
  return 'id' in a ? 'id' in b && a.id === b.id : 'created' in b && a.created === b.created;
}

async function write(
  m: EntityManager,
  plan: {
    newChildren: NewChild[];
    newContacts: PlannedContact[];
    newReferrals: PlannedReferral[];
    newAssessments: PlannedAssessment[];
  },
  principal: Principal,
  now: Date,
): Promise<void> {
  const { newChildren, newContacts, newReferrals, newAssessments } = plan;
  if (newChildren.length > 0) {
    const numbers = (await m.query(
      `SELECT nextval('child_number_seq')::text AS n FROM generate_series(1, $1::int)`,
      [newChildren.length],
    )) as { n: string }[];
    newChildren.forEach((child, i) => (child.id = `SC${numbers[i].n}`));
  }
  await insertRows(
    m,
    'children',
    [
      ['id', 'text'],
      ['given_name', 'text'],
      ['family_name', 'text'],
      ['date_of_birth', 'date'],
      ['sex', 'text'],
      ['nhs_number', 'text'],
      ['upn', 'text'],
      ['created_at', 'timestamptz'],
    ],
    newChildren.map((c) => [
      c.id,
      c.givenName,
      c.familyName,
      c.dateOfBirth,
      c.sex,
      c.nhsNumber,
      c.upn,
      now.toISOString(),
    ]),
  );
  await insertRows(
    m,
    'contacts',
    [
      ['id', 'text'],
      ['received_at', 'timestamptz'],
      ['source_code', 'text'],
      ['referrer', 'text'],
      ['concern', 'text'],
      ['rag', 'text'],
      ['rag_reason', 'text'],
      ['screened_at', 'timestamptz'],
      ['rated_since', 'timestamptz'],
      ['team', 'text'],
      ['version', 'int'],
      ['stage', 'text'],
      ['recorded_at', 'timestamptz'],
      ['recorded_by', 'text'],
      ['decision_due_working_day_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
    ],
    newContacts.map((c) => {
      const r = c.first;
      const decided = c.children.map((p) => p.row.decision?.decidedAt ?? null);
      const closed = decided.every((d) => d !== null)
        ? new Date(Math.max(...decided.map((d) => (d as Date).getTime())))
        : null;
      const rated = r.rag ? iso(r.receivedAt) : null;
      return [
        c.id,
        iso(r.receivedAt),
        r.source,
        r.referrer,
        r.concern,
        r.rag,
        r.rag ? IMPORTED_RATING_REASON : null,
        rated,
        rated,
        r.team,
        1,
        closed ? 'DECIDED' : r.rag ? 'SCREENED' : 'RECEIVED',
        iso(r.receivedAt),
        IMPORT_RECORDER,
        iso(r.decisionDueAt),
        iso(closed),
      ];
    }),
  );
  await insertRows(
    m,
    'contact_children',
    [
      ['contact_id', 'text'],
      ['child_id', 'text'],
      ['decided_at', 'timestamptz'],
      ['level', 'smallint'],
      ['outcome', 'text'],
      ['decided_by', 'text'],
      ['reported_nhs_number', 'text'],
      ['reported_upn', 'text'],
    ],
    newContacts.flatMap((c) =>
      c.children.map(({ row, ref }) => [
        c.id,
        childIdOf(ref),
        iso(row.decision?.decidedAt ?? null),
        row.decision?.level ?? null,
        row.decision?.outcome ?? null,
        row.decision?.decidedBy ?? null,
        row.nhsNumber,
        row.upn,
      ]),
    ),
  );
  await insertRows(
    m,
    'contact_ratings',
    [
      ['contact_id', 'text'],
      ['rag', 'text'],
      ['reason', 'text'],
      ['rated_at', 'timestamptz'],
    ],
    newContacts
      .filter((c) => c.first.rag)
      .map((c) => [c.id, c.first.rag, IMPORTED_RATING_REASON, iso(c.first.receivedAt)]),
  );
  await insertRows(
    m,
    'referrals',
    [
      ['id', 'text'],
      ['contact_id', 'text'],
      ['child_id', 'text'],
      ['created_at', 'timestamptz'],
      ['completed_at', 'timestamptz'],
      ['created_by', 'text'],
      ['completed_by', 'text'],
    ],
    newReferrals.map(({ row, child }) => [
      row.referralId,
      row.contactId,
      childIdOf(child),
      iso(row.createdAt),
      iso(row.completedAt),
      row.createdBy,
      row.completedBy,
    ]),
  );
  await insertRows(
    m,
    'assessments',
    [
      ['id', 'text'],
      ['referral_id', 'text'],
      ['child_id', 'text'],
      ['started_at', 'timestamptz'],
      ['authorised_at', 'timestamptz'],
      ['outcome', 'text'],
      ['authorised_by', 'text'],
    ],
    newAssessments.map(({ row, child }) => [
      row.assessmentId,
      row.referralId,
      childIdOf(child),
      iso(row.startedAt),
      iso(row.authorisedAt),
      row.outcome,
      row.authorisedBy,
    ]),
  );

  const change = (subject: string, childId: string, fields: string[], reason: string) => ({
    action: 'CHANGE' as const,
    subject,
    childId,
    fields,
    outcome: 'CHANGED' as const,
    reason,
    lawfulBasis: LAWFUL_BASIS,
  });
  const entries: AuditEntry[] = [
    ...newChildren.map((c) =>
      change(
        'Child',
        c.id as string,
        ['givenName', 'familyName', 'dateOfBirth', 'sex', 'identifiers'],
        'CHILD_CREATED',
      ),
    ),
    ...newContacts.flatMap((c) =>
      c.children.map(({ row, ref }) =>
        change(
          `Contact ${c.id}`,
          childIdOf(ref),
          [
            'receivedAt',
            'source',
            'referrer',
            'concern',
            'team',
            ...(row.rag ? ['rag'] : []),
            ...(row.decision ? ['decision.level', 'decision.outcome', 'decision.decidedAt'] : []),
          ],
          'CONTACT_IMPORTED',
        ),
      ),
    ),
    ...newReferrals.map(({ row, child }) =>
      change(
        `Referral ${row.referralId}`,
        childIdOf(child),
        ['createdAt', ...(row.completedAt ? ['completedAt'] : [])],
        'REFERRAL_IMPORTED',
      ),
    ),
    ...newAssessments.map(({ row, child }) =>
      change(
        `Assessment ${row.assessmentId}`,
        childIdOf(child),
        ['startedAt', ...(row.authorisedAt ? ['authorisedAt', 'outcome'] : [])],
        'ASSESSMENT_IMPORTED',
      ),
    ),
  ];
  for (let start = 0; start < entries.length; start += AUDIT_CHUNK) {
    await appendAuditIn(m, principal, entries.slice(start, start + AUDIT_CHUNK), now);
  }
  // The file's ids may be numbered like the service's own (CT0001234): keep the service's
  // numbering ahead of every id now stored.
  await m.query(`SELECT sync_number_sequences()`);
}
