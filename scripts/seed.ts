// Seeds every configured database that is still empty with the synthetic borough.
//   npm run seed            (PGlite under MASH_DATA_DIR, or PostgreSQL with DATABASE_URL)
import 'reflect-metadata';
import { loadConfigOrExit } from '../shared/config';
import { seedDatabases } from '../seed/seed';

const config = loadConfigOrExit();
seedDatabases(config, { log: (line) => process.stdout.write(`seed: ${line}\n`) })
  .then((report) => {
    process.stdout.write(
      `seed: ${report.seeded.length ? `seeded ${report.seeded.join(', ')}` : 'nothing to seed'} in ${(report.ms / 1000).toFixed(1)} s\n`,
    );
  })
  .catch((error: unknown) => {
    process.stderr.write(`seed failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
