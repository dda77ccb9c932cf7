import { createHash } from 'node:crypto';
import {
  Kind,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { Principal } from './auth';
import { prepared, runPrepared } from './database';

/** What an audit row says happened. */
export type AuditOutcome = 'DISCLOSED' | 'WITHHELD' | 'DENIED' | 'CHANGED';

/** One thing to record: which child, which fields (names, never values), what happened and why. */
export interface AuditEntry {
  action: 'READ' | 'CHANGE';
  /** What was asked for, e.g. `Child`, `PoliceSection`, `IntelligenceItem`. */
  subject: string;
  childId: string | null;
  fields: string[];
  outcome: AuditOutcome;
  /** The basis of a disclosure (OPEN_CONTACT, ...) or the code of a refusal. */
  reason: string | null;
  lawfulBasis: string | null;
}

// Any constant works; it only has to be the same for every writer of this database.
const AUDIT_LOCK_KEY = 7311824501;

/** The hash before the first row of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The audit table, its append-only guard and its chain, for each subgraph's own migration. */
export const AUDIT_LOG_MIGRATION_SQL = [
  `CREATE TABLE audit_log (
    seq bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    request_id text NOT NULL,
    user_id text NOT NULL,
    user_role text NOT NULL,
    user_agency text NOT NULL,
    user_team text,
    purpose text,
    lawful_basis text,
    action text NOT NULL CHECK (action IN ('READ', 'CHANGE')),
    subject text NOT NULL,
    child_id text,
    fields text[] NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('DISCLOSED', 'WITHHELD', 'DENIED', 'CHANGED')),
    reason text,
    break_glass_reason text,
    prev_hash text NOT NULL,
    hash text NOT NULL UNIQUE
  )`,
  `CREATE INDEX audit_log_child ON audit_log (child_id, occurred_at)`,
  `CREATE INDEX audit_log_break_glass ON audit_log (occurred_at)
     WHERE reason = 'BREAK_GLASS'`,
  // The database, not only the code, keeps the log append-only: this fires for every role,
  // the table's owner included (privileges alone would not stop the owner).
  `CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
       USING ERRCODE = 'insufficient_privilege';
   END
   $$`,
  `CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`,
  `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`,
  // Appends one request's rows in one round trip: takes the chain lock (held to the end of the
  // caller's transaction), reads the last hash after it, and links each row as
  // hash = sha256(prev_hash || content digest), the digest computed by the writer (hashAuditRow).
  `CREATE FUNCTION audit_append(
     p_occurred_at timestamptz, p_request_id text, p_user_id text, p_user_role text,
     p_user_agency text, p_user_team text, p_purpose text, p_break_glass_reason text,
     p_lawful_basis text[], p_action text[], p_subject text[], p_child_id text[],
     p_fields jsonb, p_outcome text[], p_reason text[], p_digest text[]
   ) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     prev text;
     next text;
   BEGIN
     -- Under REPEATABLE READ or SERIALIZABLE the snapshot predates the lock, so the last hash
     -- read below could be stale and the chain would fork.
     IF current_setting('transaction_isolation') <> 'read committed' THEN
       RAISE EXCEPTION 'audit_append needs READ COMMITTED, not %',
         current_setting('transaction_isolation');
     END IF;
     PERFORM pg_advisory_xact_lock(${AUDIT_LOCK_KEY});
     SELECT hash INTO prev FROM audit_log ORDER BY seq DESC LIMIT 1;
     prev := coalesce(prev, '${'0'.repeat(64)}');
     FOR i IN 1 .. coalesce(array_length(p_digest, 1), 0) LOOP
       next := encode(sha256(convert_to(prev || p_digest[i], 'UTF8')), 'hex');
       INSERT INTO audit_log (occurred_at, request_id, user_id, user_role, user_agency,
         user_team, purpose, lawful_basis, action, subject, child_id, fields, outcome, reason,
         break_glass_reason, prev_hash, hash)
       VALUES (p_occurred_at, p_request_id, p_user_id, p_user_role, p_user_agency, p_user_team,
         p_purpose, p_lawful_basis[i], p_action[i], p_subject[i], p_child_id[i],
         ARRAY(SELECT jsonb_array_elements_text(p_fields -> (i - 1))), p_outcome[i],
         p_reason[i], p_break_glass_reason, prev, next);
       prev := next;
     END LOOP;
   END
   $$`,
];

export const AUDIT_LOG_DOWN_SQL = [
  `DROP FUNCTION audit_append(timestamptz, text, text, text, text, text, text, text, text[], text[], text[], text[], jsonb, text[], text[], text[])`,
  `DROP TABLE audit_log`,
  `DROP FUNCTION audit_log_is_append_only()`,
];

/** An audit row as stored, in the order its hash covers it. */
export interface AuditRow {
  seq: string;
  occurredAt: Date;
  requestId: string;
  userId: string;
  userRole: string;
  userAgency: string;
  userTeam: string | null;
  purpose: string | null;
  lawfulBasis: string | null;
  action: string;
  subject: string;
  childId: string | null;
  fields: string[];
  outcome: string;
  reason: string | null;
  breakGlassReason: string | null;
  prevHash: string;
  hash: string;
}

type HashedPart = Omit<AuditRow, 'seq' | 'hash'>;

/** The recorded columns, in the order the content digest covers them. */
const RECORDED: (keyof HashedPart)[] = [
  'occurredAt',
  'requestId',
  'userId',
  'userRole',
  'userAgency',
  'userTeam',
  'purpose',
  'lawfulBasis',
  'action',
  'subject',
  'childId',
  'fields',
  'outcome',
  'reason',
  'breakGlassReason',
];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 over every recorded column of a row (not its place in the chain). */
export function auditContentDigest(row: Omit<HashedPart, 'prevHash'>): string {
  return sha256(
    JSON.stringify(
      RECORDED.map((key) =>
        key === 'occurredAt' ? row.occurredAt.toISOString() : row[key as keyof typeof row],
      ),
    ),
  );
}

/**
 * The hash of a row: SHA-256 of the previous row's hash followed by the row's content digest.
 * The database computes the same in `audit_append`, so one round trip writes a request's rows.
 */
export function hashAuditRow(row: HashedPart): string {
  return sha256(row.prevHash + auditContentDigest(row));
}

const APPEND_SQL = `SELECT audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;
/** The append on a read's own transaction: every subgraph request that discloses runs it. */
const APPEND = prepared('audit-append', APPEND_SQL);

/** `audit_append`'s arguments for one principal's entries at one instant. */
function appendArguments(
  principal: Principal,
  entries: readonly AuditEntry[],
  at: Date,
): unknown[] {
  const shared = {
    occurredAt: at,
    requestId: principal.requestId,
    userId: principal.user.id,
    userRole: principal.user.role,
    userAgency: principal.user.agency,
    userTeam: principal.user.team,
    purpose: principal.purpose,
    breakGlassReason: principal.breakGlassReason,
  };
  const column = <K extends keyof AuditEntry>(key: K) => entries.map((e) => e[key]);
  return [
    shared.occurredAt,
    shared.requestId,
    shared.userId,
    shared.userRole,
    shared.userAgency,
    shared.userTeam,
    shared.purpose,
    shared.breakGlassReason,
    column('lawfulBasis'),
    column('action'),
    column('subject'),
    column('childId'),
    JSON.stringify(column('fields')),
    column('outcome'),
    column('reason'),
    entries.map((e) => auditContentDigest({ ...shared, ...e })),
  ];
}

/**
 * Appends entries to the chain for one principal at one instant, in a transaction of its own.
 * For a change, use `appendAuditIn` with the change's transaction instead.
 */
export async function appendAudit(
  dataSource: DataSource,
  principal: Principal,
  entries: readonly AuditEntry[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  // One statement is its own transaction: the chain lock is held until it commits. A prepared
  // statement: every disclosing request runs it.
  await runPrepared(dataSource, APPEND, appendArguments(principal, entries, at));
}

/**
 * Appends entries inside the caller's transaction, so a change and its audit row commit together
 * or not at all. Use only the transaction's manager inside it: another connection would not see
 * the transaction's rows, and with a pool of one it would wait forever.
 */
export async function appendAuditIn(
  m: EntityManager,
  principal: Principal,
  entries: readonly AuditEntry[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await m.query(APPEND_SQL, appendArguments(principal, entries, at));
}

/**
 * Collects one request's audit entries while resolvers run, merging repeats (the same child,
 * subject, outcome and reason) into one row whose fields are the union. The subgraph writes them
 * before the response leaves (shared/subgraph.ts); a response whose audit cannot be written is not
 * sent.
 */
export class AuditRecorder {
  private readonly entries = new Map<string, AuditEntry>();

  record(entry: AuditEntry): void {
    const key = JSON.stringify([
      entry.action,
      entry.subject,
      entry.childId,
      entry.outcome,
      entry.reason,
    ]);
    const existing = this.entries.get(key);
    if (!existing) {
      this.entries.set(key, { ...entry, fields: [...new Set(entry.fields)].sort() });
      return;
    }
    existing.fields = [...new Set([...existing.fields, ...entry.fields])].sort();
  }

  /** Returns what was recorded so far and forgets it. */
  drain(): AuditEntry[] {
    const all = [...this.entries.values()];
    this.entries.clear();
    return all;
  }
}

/** The first link of a chain that does not hold, or null when every link holds. */
export interface ChainCheck {
  rows: number;
  broken: { seq: string; problem: string } | null;
}

const VERIFY_BATCH = 5000;

/**
 * Walks the chain in order, recomputing every hash. Names the first row whose hash does not match
 * its contents, or whose `prev_hash` is not the previous row's hash (a row removed, reordered or
 * inserted). Reads in batches, so memory stays flat on long logs.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  batchSize: number = VERIFY_BATCH,
): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let afterSeq = '0';
  let rows = 0;
  for (;;) {
    const batch = (await dataSource.query(
      `SELECT seq::text AS "seq", occurred_at AS "occurredAt", request_id AS "requestId",
              user_id AS "userId", user_role AS "userRole", user_agency AS "userAgency",
              user_team AS "userTeam", purpose, lawful_basis AS "lawfulBasis", action, subject,
              child_id AS "childId", fields, outcome, reason,
              break_glass_reason AS "breakGlassReason", prev_hash AS "prevHash", hash
         FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
      [afterSeq, batchSize],
    )) as AuditRow[];
    for (const row of batch) {
      rows += 1;
      if (row.prevHash !== prevHash) {
        return {
          rows,
          broken: {
            seq: row.seq,
            problem:
              "prev_hash is not the previous row's hash (a row was removed, inserted or reordered)",
          },
        };
      }
      if (hashAuditRow({ ...row, occurredAt: new Date(row.occurredAt) }) !== row.hash) {
        return {
          rows,
          broken: { seq: row.seq, problem: 'hash does not match the row (the row was altered)' },
        };
      }
      prevHash = row.hash;
      afterSeq = row.seq;
    }
    if (batch.length < batchSize) return { rows, broken: null };
  }
}

/**
 * The names of the fields a resolver's selection asks for, as dotted paths relative to the field
 * (`person.givenName` under `police`), fragments expanded, `__typename` left out. A leaf field
 * gives its own name. Names, never values.
 */
export function selectedFields(info: GraphQLResolveInfo): string[] {
  const out = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, prefix: string, seen: Set<string>): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        const name = prefix ? `${prefix}.${selection.name.value}` : selection.name.value;
        if (selection.selectionSet) walk(selection.selectionSet, name, seen);
        else out.add(name);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, prefix, seen);
      } else {
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        walk(fragment.selectionSet, prefix, new Set([...seen, fragment.name.value]));
      }
    }
  };
  for (const node of info.fieldNodes) {
    if (node.selectionSet) walk(node.selectionSet, '', new Set());
    else out.add(node.name.value);
  }
  return [...out].sort();
}

/**
 * The audit log's migration; every subgraph lists it in its own migrations, so each agency's
 * database holds its own log.
 */
export class CreateAuditLog1763900000001 implements MigrationInterface {
  name = 'CreateAuditLog1763900000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of AUDIT_LOG_MIGRATION_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of AUDIT_LOG_DOWN_SQL) await q.query(sql);
  }
}
