// Loads historical contacts with their decisions, referrals and assessments from CSV files into
// socialcare's own database (the one the settings name, as for npm start):
//
//   npm run import -- contacts.csv                       one file
//   npm run import -- --team "MASH North" contacts.csv referrals.csv assessments.csv
//   npm run import -- --user jsmith --dry-run contacts.csv
//
// Each file's kind is told by its header; the files load together, in one transaction, or not at
// all. Exits 0 when loaded (or checked, with --dry-run), 1 when any row is rejected (each printed
// with its file, line and reason; nothing is stored), 2 on bad arguments or settings, a file that
// cannot be read, or socialcare running on its embedded database.
import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../shared/config';
import { importCsv, type ImportReport } from '../subgraphs/socialcare/imports';
import { NoEmbeddedDataError, openSubgraphDatabase } from './databases';

const USAGE =
  'usage: npm run import -- [--team <team>] [--user <user id>] [--dry-run] <file.csv> [<file.csv> ...]';

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const number = (n: number) => n.toLocaleString('en-GB');

/** The summary: each file, what was (or would have been) created and left unchanged, the time. */
function summary(report: ImportReport, dryRun: boolean, ms: number): string {
  const { created: c, unchanged: u } = report;
  const verb = report.rejected.length > 0 || dryRun ? 'to create' : 'created';
  const rejectedRows = new Set(report.rejected.map((r) => `${r.file}:${r.line}`)).size;
  return [
    ...report.files.map(
      (f) =>
        `import: ${f.name}: ${f.kind ? `${f.kind} file` : 'not recognised'}, ${number(f.rows)} ${f.rows === 1 ? 'row' : 'rows'}`,
    ),
    `  rows read      ${number(report.rowsRead)}`,
    `  contacts       ${number(c.contacts)} ${verb}, ${number(u.contacts)} unchanged`,
    `  children       ${number(c.children)} ${verb}, ${number(report.childrenMatched)} matched`,
    `  referrals      ${number(c.referrals)} ${verb}, ${number(u.referrals)} unchanged`,
    `  assessments    ${number(c.assessments)} ${verb}, ${number(u.assessments)} unchanged`,
    `  rejected rows  ${number(rejectedRows)}`,
    `  took           ${(ms / 1000).toFixed(1)} s`,
    rejectedRows > 0
      ? `import: ${number(rejectedRows)} ${rejectedRows === 1 ? 'row' : 'rows'} rejected, so nothing was stored: correct ${rejectedRows === 1 ? 'it' : 'them'} and import the files again`
      : dryRun
        ? 'import: dry run: every row checked, nothing stored'
        : 'import: stored',
  ].join('\n');
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        team: { type: 'string' },
        user: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const started = Date.now();
  const { values, positionals } = parsed;
  if (positionals.length === 0) fail('name at least one CSV file');
  for (const option of ['team', 'user'] as const) {
    const value = values[option];
    if (value !== undefined && (value.trim().length < 1 || value.trim().length > 64)) {
      fail(`--${option} must be 1 to 64 characters`);
    }
  }
  const config = loadConfigOrExit();
  const sources = positionals.map((name) => {
    try {
      return { name, content: fs.readFileSync(name) };
    } catch (error) {
      return fail(`cannot read ${name}: ${(error as Error).message}`);
    }
  });
  const dryRun = values['dry-run'] ?? false;
  const db = await openSubgraphDatabase(config, 'socialcare', 'mash-import', {
    create: true,
  }).catch((error) =>
    error instanceof NoEmbeddedDataError ? fail(error.message) : Promise.reject(error),
  );
  let report: ImportReport;
  try {
    report = await importCsv(db.dataSource, sources, {
      team: values.team ?? null,
      user: values.user ?? 'import',
      dryRun,
    });
  } finally {
    await db.close();
  }
  for (const r of report.rejected) {
    process.stderr.write(`${r.file} line ${r.line}: ${r.reason}\n`);
  }
  process.stdout.write(`${summary(report, dryRun, Date.now() - started)}\n`);
  process.exit(report.rejected.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`import failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
