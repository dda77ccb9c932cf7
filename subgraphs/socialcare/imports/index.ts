/**
 * Bringing history in: contacts with their threshold decisions, referrals and assessments from
 * CSV files, into socialcare's own database, stored as the front door would have stored them so
 * that decision timeliness counts them like live contacts. Every row is checked; the files load
 * whole, in one transaction, or not at all; loading the same files again changes nothing.
 * `npm run import` (scripts/import.ts) is the command; docs/import.md documents the columns.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../../shared/auth';
import * as valid from '../frontdoor/validate';
import { readCsv } from './csv';
import { loadRows, type LoadCounts } from './load';
import type { ImportRows, Rejection } from './model';
import {
  assessmentRow,
  contactRow,
  controlCharacters,
  fieldsOf,
  kindOf,
  referralRow,
  type ImportKind,
  type RowContext,
} from './rows';
import { requireSocialcareTeam } from '../teams';

export type { Rejection } from './model';
export { IMPORT_RECORDER, IMPORTED_RATING_REASON } from './write';
export { CONTACT_OUTCOMES } from '../codes';
export { ASSESSMENT_OUTCOMES, COLUMNS } from './rows';

/** One file to import: a name to report rows by (its path as given) and its bytes. */
export interface ImportSource {
  name: string;
  content: Buffer | string;
}

/** How to import; every option has a default. */
export interface ImportOptions {
  /** The team of contacts whose row has no `team` (`--team`). */
  team?: string | null;
  /** Who imports, for the audit (`--user`); default `import`. */
  user?: string;
  /** The import's instant: nothing in a file may be later; audit rows carry it. Default now. */
  now?: Date;
  /**
   * Check everything against the database, then store nothing (`--dry-run`): nothing is written,
   * not even in the rolled-back transaction, so no number sequence moves.
   */
  dryRun?: boolean;
}

/** What an import did, or, with rejections, would have done. */
export interface ImportReport extends LoadCounts {
  /** Each file's kind (null: not recognised) and its data rows, the header not counted. */
  files: { name: string; kind: ImportKind | null; rows: number }[];
  rowsRead: number;
  /** Every rejected row in file and line order; when there is any, nothing was stored. */
  rejected: Rejection[];
  /** True once the import committed (false with rejections and on a dry run). */
  stored: boolean;
  ms: number;
}

/** The principal of an import: a system user named by `--user`, acting for socialcare. */
export function importPrincipal(user: string, files: string[]): Principal {
  return {
    user: { id: user, name: `Import by ${user}`, agency: 'SOCIALCARE', role: 'ADMIN', team: null },
    requestId: `import-${randomUUID()}`,
    purpose: `import:${files.join(',')}`.slice(0, 500),
    breakGlassReason: null,
    breakGlassChildId: null,
  };
}

/** Thrown to roll a dry run back once everything is checked. */
class DryRun extends Error {}

/**
 * Reads, checks and loads the files in one transaction: contacts first, then referrals, then
 * assessments, whatever order they come in (each kind told by its header). Rejected rows are
 * reported, all of them, and then nothing is stored. Throws only for what no row caused (the
 * database failing, bad options).
 */
export async function importCsv(
  dataSource: DataSource,
  sources: ImportSource[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const user = valid.text(options.user ?? 'import', 'user', 1, 64);
  const ctx: RowContext = {
    now,
    team: options.team
      ? requireSocialcareTeam(valid.text(options.team, 'team', 1, 64), 'team')
      : null,
  };
  const rejected: Rejection[] = [];
  const rows: ImportRows = {
    contacts: [],
    referrals: [],
    assessments: [],
    given: { contacts: new Set(), referrals: new Set() },
  };
  const files: ImportReport['files'] = [];

  for (const source of sources) {
    const csv = await readCsv(source.name, source.content);
    const reject = (line: number, reason: string) =>
      rejected.push({ file: source.name, line, reason });
    if (csv.header.length === 0) {
      reject(1, 'the file is empty: the first line must be the header');
      files.push({ name: source.name, kind: null, rows: 0 });
      if (csv.error) reject(csv.error.line, csv.error.reason);
      continue;
    }
    const { kind, problems } = kindOf(csv.header);
    files.push({ name: source.name, kind, rows: csv.records.length });
    if (kind === null || problems.length > 0) {
      for (const problem of problems) reject(1, problem);
      if (csv.error) reject(csv.error.line, csv.error.reason);
      continue;
    }
    const columns: ReadonlySet<string> = new Set(csv.header);
    for (const record of csv.records) {
      if (record.fields.length !== csv.header.length) {
        reject(
          record.line,
          `the row has ${record.fields.length} fields and the header ${csv.header.length}`,
        );
        continue;
      }
      // Checked before any rule, whose messages may quote the field: PostgreSQL refuses U+0000
      // in text, and no control character belongs in a record.
      const controls = controlCharacters(csv.header, record);
      if (controls.length > 0) {
        for (const problem of controls) reject(record.line, problem);
        continue;
      }
      const f = fieldsOf(csv.header, record);
      if (kind === 'contacts') rows.given.contacts.add(f('contact_id'));
      if (kind === 'referrals') rows.given.referrals.add(f('referral_id'));
      const checked =
        kind === 'contacts'
          ? contactRow(f, record.line, ctx)
          : kind === 'referrals'
            ? referralRow(f, record.line, ctx)
            : assessmentRow(f, record.line, ctx);
      if ('problems' in checked) {
        for (const problem of checked.problems) reject(record.line, problem);
        continue;
      }
      // The union is sound: `kind` picked both the checker and the list.
      (rows[kind] as unknown[]).push({ ...checked.row, file: source.name, columns });
    }
    if (csv.error) reject(csv.error.line, csv.error.reason);
  }
  const principal = importPrincipal(
    user,
    sources.map((s) => s.name),
  );
  let counts: LoadCounts = {
    created: { contacts: 0, children: 0, referrals: 0, assessments: 0 },
    unchanged: { contacts: 0, referrals: 0, assessments: 0 },
    childrenMatched: 0,
  };
  let stored = false;
  try {
    await dataSource.transaction(async (m) => {
      const loaded = await loadRows(m, rows, principal, now, { dryRun: options.dryRun });
      counts = loaded.counts;
      rejected.push(...loaded.rejections);
      if (rejected.length > 0 || options.dryRun) throw new DryRun();
    });
    stored = true;
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  if (stored && counts.created.contacts + counts.created.referrals + counts.created.assessments) {
    // Fresh statistics after a bulk load, as the seed does: otherwise the planner treats the
    // tables as the size they were before.
    await dataSource.query(
      `ANALYZE children, contacts, contact_children, contact_ratings, referrals, assessments`,
    );
  }
  const order = new Map(sources.map((s, i) => [s.name, i]));
  rejected.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
  return {
    ...counts,
    files,
    rowsRead: files.reduce((n, f) => n + f.rows, 0),
    rejected,
    stored,
    ms: Date.now() - started,
  };
}
