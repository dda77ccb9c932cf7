// Deletes the embedded data directory (the embedded PostgreSQL cluster with every agency's
// database, the keys and the ground truth), so the next `npm start` generates the synthetic
// borough afresh. Databases on an operator's PostgreSQL server are left alone.
//
// A cluster still running is stopped first (deleting the files under a live server would leave
// it running on nothing, and it removes the next server's socket when it notices); while
// `npm start` or another client uses it, reset refuses.
//   npm run reset
import fs from 'node:fs';
import { embeddedClusterDir, loadConfigOrExit } from '../shared/config';
import { stopClusterIfUnused } from '../shared/embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!(await stopClusterIfUnused(embeddedClusterDir(config.dataDir)))) {
    process.stderr.write(
      `The embedded PostgreSQL in ${embeddedClusterDir(config.dataDir)} is in use (npm start?): stop it first, then reset\n`,
    );
    process.exit(2);
  }
  fs.rmSync(config.dataDir, { recursive: true, force: true });
  process.stdout.write(`removed ${config.dataDir}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`reset failed: ${(error as Error).message}\n`);
  process.exit(1);
});
