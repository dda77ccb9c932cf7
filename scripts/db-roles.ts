// Prints the SQL an operator runs, as a superuser, to give each agency its own database and its own
// two roles on their PostgreSQL server (shared/roles.ts): the owner, which runs the migrations, and
// the service role the running service logs in as, which cannot change or remove audit rows. The
// same statements set up the embedded default.
//   npm run --silent db:roles > roles.sql && psql -v ON_ERROR_STOP=1 -f roles.sql
// docs/postgres-roles.sql is this output, committed (a test keeps it equal).
import { SUBGRAPH_NAMES } from '../shared/config';
import { agencyDatabase, provisionScript } from '../shared/roles';

process.stdout.write(provisionScript(SUBGRAPH_NAMES.map((name) => agencyDatabase(name))));
