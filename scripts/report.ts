// The analysts' report for a period: prints the headline decision timeliness (by month, and the
// total) and writes Ofsted's Annex A list 1 (contacts), list 2 (early help), list 3 (referrals)
// and list 4 (assessments) as CSV, from socialcare's database as the settings of npm start name it:
//
//   npm run report -- --from 2025-04-01 --to 2026-03-31
//   npm run report -- --from 2025-04-01 --to 2026-03-31 --out /secure/ofsted --identified
//
// Child ids are pseudonymised (PSEUDONYM_KEY; outside production a key generated once under the
// data directory) unless --identified asks for the authority's own, which needs no key. On the
// embedded default it runs beside npm start (attached to its PostgreSQL) or on its own.
//
// Exits 0 when every file is written, 1 when the report fails, 2 on bad arguments or settings.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit, orExit, requireSettings } from '../shared/config';
import type { Database } from '../shared/database';
import {
  DEV_PSEUDONYM_KEY_FILE,
  loadSocialcareSettings,
  pseudonymKeyFor,
} from '../subgraphs/socialcare/settings';
import {
  ANNEX_A_LIST_NAMES,
  ANNEX_A_LISTS,
  exportAnnexAList,
} from '../subgraphs/socialcare/exports/annexA';
import { formatHeadline, headlineTimeliness } from '../subgraphs/socialcare/exports/headline';
import { parseReportArgs, REPORT_USAGE } from '../subgraphs/socialcare/exports/reportOptions';
import { NoEmbeddedDataError, openSubgraphDatabase } from './databases';

const say = (line: string) => process.stdout.write(`${line}\n`);

function refuse(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const parsed = parseReportArgs(process.argv.slice(2), process.cwd());
  if (parsed.kind === 'help') {
    say(REPORT_USAGE);
    return;
  }
  if (parsed.kind === 'invalid') refuse([...parsed.problems, REPORT_USAGE]);
  const { from, to, out, identified } = parsed.options;

  const config = loadConfigOrExit();
  const settings = orExit(() => loadSocialcareSettings());
  // Identified lists make no pseudonyms, so they need no key (and none is generated for them).
  const key = identified
    ? null
    : (pseudonymKeyFor(settings, config) ??
      requireSettings<string>({ PSEUDONYM_KEY: null }).PSEUDONYM_KEY);
  let db: Database;
  try {
    db = await openSubgraphDatabase(config, 'socialcare', 'mash-report');
  } catch (error) {
    if (error instanceof NoEmbeddedDataError) refuse([error.message]);
    throw error;
  }
  try {
    say(`Decision timeliness, contacts received ${from} to ${to}:\n`);
    const headline = await headlineTimeliness(
      db.dataSource,
      { from, to },
      { now: new Date(), suppressBelow: settings.analyticsSuppressBelow },
    );
    say(formatHeadline(headline));
    say(
      `\n<=24h and <=1 WD: decided within 24 hours and within one working day of receipt, with their ` +
        `share of those decided; median and p90: hours to decision; open: still undecided; overdue: ` +
        `undecided past the one-working-day deadline.${settings.analyticsSuppressBelow > 0 ? ` Counts below ${settings.analyticsSuppressBelow} are withheld (-).` : ''}\n`,
    );

    say(
      identified
        ? "Child Unique ID: the authority's own child ids (--identified). These files identify children: keep them as the case records they come from."
        : `Child Unique ID: pseudonyms (${settings.pseudonymKey ? 'PSEUDONYM_KEY' : `the development key in ${path.join(config.dataDir, 'keys', DEV_PSEUDONYM_KEY_FILE)}`}).`,
    );
    fs.mkdirSync(out, { recursive: true });
    for (const name of ANNEX_A_LIST_NAMES) {
      const file = path.join(out, ANNEX_A_LISTS[name].fileName);
      // Written beside its final name and renamed once whole: a failed run leaves no half list.
      const partial = `${file}.partial`;
      try {
        const result = await exportAnnexAList(
          db.dataSource,
          name,
          { from, to, identified, pseudonymKey: key },
          fs.createWriteStream(partial, { mode: 0o600 }),
        );
        fs.renameSync(partial, file);
        say(`${file}  ${result.rows.toLocaleString('en-GB')} rows`);
      } catch (error) {
        fs.rmSync(partial, { force: true });
        throw error;
      }
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `report failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
