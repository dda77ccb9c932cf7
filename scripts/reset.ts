// Deletes the embedded data directory (every subgraph's PGlite database and the ground truth), so
// the next `npm start` generates the synthetic borough afresh. Databases on a PostgreSQL server
// are left alone.
//   npm run reset
import fs from 'node:fs';
import { loadConfigOrExit } from '../shared/config';

const config = loadConfigOrExit();
fs.rmSync(config.dataDir, { recursive: true, force: true });
process.stdout.write(`removed ${config.dataDir}\n`);
