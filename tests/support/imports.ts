/**
 * What the import's integration tests share (tests/integration/import*.integration.test.ts): the
 * fixtures, CSV files made in the test, an import at the tests' instant, the row counts of the
 * tables an import writes, and the helpers of the tests of its rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../shared/database';
import {
  importCsv,
  type ImportOptions,
  type ImportReport,
} from '../../subgraphs/socialcare/imports';
import { TEST_NOW } from './system';

/** The synthetic import fixtures (tests/fixtures/import). */
export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
/** The repository's root. */
export const ROOT = path.join(__dirname, '..', '..');
/** The instant every test import runs at, and so of its audit rows. */
export const NOW = TEST_NOW;
/** A contacts file's header with every column the rows below give. */
export const HEADER =
  'contact_id,child_id,given_name,family_name,date_of_birth,nhs_number,upn,received_at,source,rag,decided_at,level,outcome';

/** A fixture file by name, as the import reads it. */
export function fixture(name: string) {
  return { name, content: fs.readFileSync(path.join(FIXTURES, name)) };
}

/** A contacts file: the header and the lines given. */
export function contactsFile(...lines: string[]) {
  return { name: 'contacts.csv', content: `${[HEADER, ...lines].join('\n')}\n` };
}

/** A file of the lines given, header included. */
export function file(name: string, ...lines: string[]) {
  return { name, content: `${lines.join('\n')}\n` };
}

/** Imports into the test database at `NOW`, with team MASH North unless the options say. */
export async function importInto(
  db: Database,
  sources: { name: string; content: string | Buffer }[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  return importCsv(db.dataSource, sources, { now: NOW, team: 'MASH North', ...options });
}

/** An import report's counts when nothing was created or left unchanged. */
export const NO_COUNTS = {
  created: { contacts: 0, children: 0, referrals: 0, assessments: 0 },
  unchanged: { contacts: 0, referrals: 0, assessments: 0 },
  childrenMatched: 0,
};

/** The rows of every table an import writes, to show that one stored nothing. */
export async function tableCounts(db: Database) {
  const [row] = (await db.dataSource.query(
    `SELECT (SELECT count(*) FROM contacts) AS contacts,
            (SELECT count(*) FROM contact_children) AS "contactChildren",
            (SELECT count(*) FROM contact_ratings) AS ratings,
            (SELECT count(*) FROM children) AS children,
            (SELECT count(*) FROM referrals) AS referrals,
            (SELECT count(*) FROM assessments) AS assessments,
            (SELECT count(*) FROM audit_log) AS audit`,
  )) as Record<string, number>[];
  return row;
}

/**
 * The helpers of the tests of the import's rules, on the database `db()` returns (made by the
 * test file's beforeAll): fresh contact ids, a stored child, a contact's children, and one row
 * expected refused.
 */
export function ruleHelpers(db: () => Database) {
  let serial = 0;
  /** A contact id no other test uses. */
  const nextId = () => `T-${String((serial += 1)).padStart(5, '0')}`;

  async function child(
    id: string,
    given: string,
    family: string,
    dob: string,
    nhs: string | null = null,
  ) {
    await db().dataSource.query(
      `INSERT INTO children (id, given_name, family_name, date_of_birth, sex, nhs_number)
       VALUES ($1, $2, $3, $4, 'FEMALE', $5)`,
      [id, given, family, dob, nhs],
    );
  }

  async function contactChildren(contactId: string) {
    return (await db().dataSource.query(
      `SELECT child_id FROM contact_children WHERE contact_id = $1 ORDER BY child_id`,
      [contactId],
    )) as { child_id: string }[];
  }

  /** Imports one contacts row and expects it refused, nothing stored, for the reason given. */
  async function expectRefused(line: string, reason: string) {
    const before = await tableCounts(db());
    const report = await importInto(db(), [contactsFile(line)]);
    expect(report.rejected).toEqual([{ file: 'contacts.csv', line: 2, reason }]);
    expect(report.stored).toBe(false);
    expect(await tableCounts(db())).toEqual(before);
  }

  return { nextId, child, contactChildren, expectRefused };
}
