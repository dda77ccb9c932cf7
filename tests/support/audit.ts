/**
 * A subgraph's audit log (shared/audit.ts writes it) as the tests read it back: the rows of one
 * request, of several, or the whole log, oldest first.
 */
import type { AuditRow } from '../../shared/audit';
import type { Database } from '../../shared/database';
import type { RunningSubgraph } from './system';

/** A column of the audit log, as shared/audit.ts names it. */
export type AuditColumn = keyof AuditRow;

/** An audit row as `auditOf` gives it by default: every column but the chain's. */
export type AuditRecord = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>;

/** How each column is selected; `seq` as text, as shared/audit.ts reads it. */
const SELECT: Record<AuditColumn, string> = {
  seq: 'seq::text',
  occurredAt: 'occurred_at',
  requestId: 'request_id',
  userId: 'user_id',
  userRole: 'user_role',
  userAgency: 'user_agency',
  userTeam: 'user_team',
  purpose: 'purpose',
  lawfulBasis: 'lawful_basis',
  action: 'action',
  subject: 'subject',
  childId: 'child_id',
  fields: 'fields',
  outcome: 'outcome',
  reason: 'reason',
  breakGlassReason: 'break_glass_reason',
  prevHash: 'prev_hash',
  hash: 'hash',
};

/** Every column of the log, the chain's (`seq`, `prevHash`, `hash`) included. */
export const EVERY_AUDIT_COLUMN = Object.keys(SELECT) as AuditColumn[];

const RECORDED = EVERY_AUDIT_COLUMN.filter(
  (c): c is keyof AuditRecord => c !== 'seq' && c !== 'prevHash' && c !== 'hash',
);

/**
 * The columns most tests compare: what was asked for (`subject`, `fields`), about which child, and
 * what happened (`outcome`, `reason`).
 */
export const DISCLOSURE_COLUMNS = ['subject', 'childId', 'fields', 'outcome', 'reason'] as const;

/**
 * Where audit rows are read from: a subgraph running alone, one of a running system's
 * (`system.subgraphs.police`), or a database opened some other way.
 */
export type AuditSource = Pick<RunningSubgraph, 'database'> | Database;

/**
 * The audit rows of the request `requestId` (or of any of several request ids; of every request
 * when it is undefined) in `source`, in the order they were appended. Each row has every column
 * but the chain's, or only `columns` when given, so a test can compare the rows whole.
 */
export function auditOf(
  source: AuditSource,
  requestId?: string | readonly string[],
): Promise<AuditRecord[]>;
export function auditOf<K extends AuditColumn>(
  source: AuditSource,
  requestId: string | readonly string[] | undefined,
  columns: readonly K[],
): Promise<Pick<AuditRow, K>[]>;
export async function auditOf(
  source: AuditSource,
  requestId?: string | readonly string[],
  columns: readonly AuditColumn[] = RECORDED,
): Promise<Partial<AuditRow>[]> {
  const dataSource = 'dataSource' in source ? source.dataSource : source.database.dataSource;
  const ids =
    requestId === undefined ? null : typeof requestId === 'string' ? [requestId] : requestId;
  return dataSource.query(
    `SELECT ${columns.map((c) => `${SELECT[c]} AS "${c}"`).join(', ')}
       FROM audit_log ${ids ? 'WHERE request_id = ANY($1)' : ''} ORDER BY seq`,
    ids ? [ids] : [],
  );
}

/**
 * Orders audit rows by subject, then by outcome: for comparing rows whose order of appending
 * does not matter with rows a test lists in that order.
 */
export function bySubject(
  a: { subject: string; outcome?: string },
  b: { subject: string; outcome?: string },
): number {
  return a.subject.localeCompare(b.subject) || (a.outcome ?? '').localeCompare(b.outcome ?? '');
}
