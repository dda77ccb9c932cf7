// Seeds every configured database that is still empty with the synthetic borough.
//   npm run seed            (PGlite under MASH_DATA_DIR, or PostgreSQL with DATABASE_URL)
//   npm run seed -- --only police,health --as-of 2026-11-20T12:00:00Z
// `npm start` runs two of these in parallel, one per core, with the same --as-of.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfigOrExit, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { seedDatabases } from '../seed/seed';

const config = loadConfigOrExit();
const { values } = parseArgs({
  options: { only: { type: 'string' }, 'as-of': { type: 'string' } },
});
const only = values.only?.split(',').filter(Boolean) as SubgraphName[] | undefined;
const unknown = only?.filter((n) => !SUBGRAPH_NAMES.includes(n));
const asOf = values['as-of'] ? new Date(values['as-of']) : undefined;
if (unknown?.length || (asOf && Number.isNaN(asOf.getTime()))) {
  process.stderr.write(
    `seed: ${unknown?.length ? `unknown subgraph ${unknown.join(', ')}` : '--as-of is not an ISO 8601 instant'}\n`,
  );
  process.exit(2);
}
seedDatabases(config, { only, asOf, log: (line) => process.stdout.write(`seed: ${line}\n`) })
  .then((report) => {
    process.stdout.write(
      `seed: ${report.seeded.length ? `seeded ${report.seeded.join(', ')}` : 'nothing to seed'} in ${(report.ms / 1000).toFixed(1)} s\n`,
    );
  })
  .catch((error: unknown) => {
    process.stderr.write(`seed failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
