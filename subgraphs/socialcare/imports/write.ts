/**
 * The writing half of an import: numbers the new children, stores what the plan found new as the
 * front door would have stored it, with its audit rows, each table in a few statements whatever
 * the number of rows (every column travels as one array and is expanded with `unnest`). Runs
 * inside the caller's transaction and uses only its manager.
 */
import type { EntityManager } from 'typeorm';
import { LAWFUL_BASIS } from '../../../shared/access';
import { appendAuditIn, type AuditEntry } from '../../../shared/audit';
import type { Principal } from '../../../shared/auth';
import { openImportedEpisodes, STEP_DOWN_OUTCOME } from '../earlyhelp/open';
import {
  childIdOf,
  iso,
  type NewChild,
  type NewRecords,
  type PlannedAssessment,
  type PlannedContact,
  type PlannedReferral,
} from './model';

/** `recorded_by` of every imported contact: imported history is told apart by it. */
export const IMPORT_RECORDER = 'import';

/** The reason of an imported contact's rating. */
export const IMPORTED_RATING_REASON = 'Imported';

const CHUNK_ROWS = 10_000;
const AUDIT_CHUNK = 5_000;

/**
 * Writes the new records with their audit rows and moves the number sequences past the file's
 * ids. Numbers the new children first (their `id` is set here): sequences are not
 * transactional, so only an import that is going to commit may call it.
 */
export async function writeRecords(
  m: EntityManager,
  records: NewRecords,
  principal: Principal,
  now: Date,
): Promise<void> {
  const { newChildren, newContacts, newReferrals, newAssessments } = records;
  await insertChildren(m, newChildren, now);
  await insertContacts(m, newContacts);
  await insertReferrals(m, newReferrals);
  await insertAssessments(m, newAssessments);
  const entries = auditEntries(records);
  for (let start = 0; start < entries.length; start += AUDIT_CHUNK) {
    await appendAuditIn(m, principal, entries.slice(start, start + AUDIT_CHUNK), now);
  }
  // A step-down opens early help, imported or not (earlyhelp/open.ts).
  await openImportedEpisodes(
    m,
    newContacts.flatMap((c) =>
      c.children
        .filter(({ row }) => row.decision?.outcome === STEP_DOWN_OUTCOME)
        .map(({ row, ref }) => ({
          contactId: c.id,
          childId: childIdOf(ref),
          steppedDownAt: row.decision!.decidedAt,
          team: c.first.team,
        })),
    ),
    principal,
    now,
  );
  // The file's ids may be numbered like the service's own (CT0001234): keep the service's
  // numbering ahead of every id now stored.
  await m.query(`SELECT sync_number_sequences()`);
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

/** Numbers the new children from the service's own sequence, then stores them. */
async function insertChildren(m: EntityManager, newChildren: NewChild[], now: Date): Promise<void> {
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
      ['disability', 'text'],
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
      c.disability ?? null,
    ]),
  );
}

/** Stores the new contacts, their children with their decisions, and their ratings. */
async function insertContacts(m: EntityManager, newContacts: PlannedContact[]): Promise<void> {
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
}

/** Stores the new referrals. */
async function insertReferrals(m: EntityManager, newReferrals: PlannedReferral[]): Promise<void> {
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
      ['allocated_team', 'text'],
      ['allocated_worker', 'text'],
    ],
    newReferrals.map(({ row, child }) => [
      row.referralId,
      row.contactId,
      childIdOf(child),
      iso(row.createdAt),
      iso(row.completedAt),
      row.createdBy,
      row.completedBy,
      row.allocatedTeam,
      row.allocatedWorker,
    ]),
  );
}

/** Stores the new assessments. */
async function insertAssessments(
  m: EntityManager,
  newAssessments: PlannedAssessment[],
): Promise<void> {
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
      ['allocated_team', 'text'],
      ['allocated_worker', 'text'],
      ['child_seen', 'boolean'],
    ],
    newAssessments.map(({ row, child }) => [
      row.assessmentId,
      row.referralId,
      childIdOf(child),
      iso(row.startedAt),
      iso(row.authorisedAt),
      row.outcome,
      row.authorisedBy,
      row.allocatedTeam,
      row.allocatedWorker,
      row.childSeen,
    ]),
  );
}

/** One audit row per record created, per child: children, contacts, referrals, assessments. */
function auditEntries(records: NewRecords): AuditEntry[] {
  const { newChildren, newContacts, newReferrals, newAssessments } = records;
  const change = (subject: string, childId: string, fields: string[], reason: string) => ({
    action: 'CHANGE' as const,
    subject,
    childId,
    fields,
    outcome: 'CHANGED' as const,
    reason,
    lawfulBasis: LAWFUL_BASIS,
  });
  return [
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
}
