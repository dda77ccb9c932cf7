import pg from 'pg';

/**
 * Where the suite reads an agency's audit rows. For this project's partners, their `audit_log`
 * (shared/audit.ts) over a PostgreSQL URL; an agency in another stack can offer any reader that
 * finds its rows by the request id the internal token carried.
 */

/** One audit row, as far as the suite judges it. */
export interface AuditRowSeen {
  outcome: string;
  reason: string | null;
  childId: string | null;
  subject: string;
}

/** Reads the rows one request wrote. */
export interface AuditSource {
  rowsFor(requestId: string): Promise<AuditRowSeen[]>;
  close(): Promise<void>;
}

/**
 * An audit source over `audit_log` at a PostgreSQL URL (the agency's database, as a role that may
 * read the table; `?options=-c search_path=<schema>` where it lives in another schema).
 */
export function postgresAuditSource(url: string): AuditSource {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    async rowsFor(requestId) {
      const { rows } = await pool.query<AuditRowSeen>(
        `SELECT outcome, reason, child_id AS "childId", subject
           FROM audit_log WHERE request_id = $1 ORDER BY seq`,
        [requestId],
      );
      return rows;
    },
    close: () => pool.end(),
  };
}
