// Makes every configured database ready and seeds those still empty with the synthetic borough:
// on the embedded default it starts (or attaches to) the cluster, creates each agency's database
// and roles, and runs the migrations as each owner role; then it loads what is missing.
//   npm run seed            (embedded PostgreSQL under MASH_DATA_DIR, or DATABASE_URL)
//   npm run seed -- --only police,health --as-of 2026-11-20T12:00:00Z
// Under `npm start` the services start beside it and wait until their databases are migrated.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfigOrExit, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { seedDatabases } from '../seed/seed';
import { embeddedClusterFor } from './databases';

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

async function main(): Promise<void> {
  const cluster = await embeddedClusterFor(config, { create: true });
  try {
    const report = await seedDatabases(config, {
      only,
      asOf,
      log: (line) => process.stdout.write(`seed: ${line}\n`),
    });
    process.stdout.write(
      `seed: ${report.seeded.length ? `seeded ${report.seeded.join(', ')}` : 'nothing to seed'} in ${(report.ms / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await cluster?.release();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`seed failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
