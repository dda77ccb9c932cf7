// Makes every configured database ready and seeds those still empty with the synthetic borough:
// on the embedded default it starts (or attaches to) the cluster, creates each agency's database
// and roles, and runs the migrations as each owner role; then it loads what is missing.
//   npm run seed            (embedded PostgreSQL under MASH_DATA_DIR, or DATABASE_URL)
//   npm run seed -- --only police,health --as-of 2026-11-20T12:00:00Z
// Under `npm start` the services start beside it and wait until their databases are migrated.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfigOrExit, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { seedDate } from '../seed/files';
import { generateSeedWorld, seedDatabases } from '../seed/seed';
import { waitForServer } from '../shared/embedded-postgres';
import { embeddedClusterFor } from './databases';

const config = loadConfigOrExit();
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'as-of': { type: 'string' },
    'generate-first': { type: 'boolean' },
  },
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

const log = (line: string) => process.stdout.write(`seed: ${line}\n`);

async function main(): Promise<void> {
  // On a cluster being made right now (npm start's first start) every database is empty: the world
  // is generated while the cluster is initialised, and the cluster is waited for, never started
  // here (two processes must not initialise one directory). The launcher is told when the world
  // is generated, and starts the services then.
  const began = Date.now();
  const world = values['generate-first']
    ? generateSeedWorld(config, asOf ?? seedDate(config), log)
    : undefined;
  if (world) {
    log(`generated in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    process.send?.('generated');
  }
  const database = config.subgraphs.socialcare.database;
  if (world && database.kind === 'embedded') await waitForServer(database.clusterDir, 120_000);
  const cluster = await embeddedClusterFor(config, { create: true });
  try {
    const report = await seedDatabases(config, { only, asOf, log, world });
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
