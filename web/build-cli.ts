// npm run build:web: builds the workbench into web/dist (npm start does it when the sources change).
import { buildWeb, WEB_DIST_DIR } from './build';

buildWeb({ force: process.argv.includes('--force') })
  .then((built) => process.stdout.write(`${built ? 'built' : 'up to date'}: ${WEB_DIST_DIR}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`build failed: ${String(error)}\n`);
    process.exit(1);
  });
