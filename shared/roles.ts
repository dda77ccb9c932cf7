import pg from 'pg';

/**
 * Each agency's database and its two roles. The owner role owns the schema and runs migrations
 * (and the seeder's bulk load); the service role is the only one the running service logs in as:
 * it reads and writes the agency's tables, but it owns none of them, so it cannot alter a table,
 * drop or disable the audit trigger, or UPDATE, DELETE or TRUNCATE audit rows.
 */
export interface AgencyDatabase {
  database: string;
  ownerRole: string;
  serviceRole: string;
}

/** The names used for an agency `name`, optionally with a prefix (tests use their own). */
export function agencyDatabase(name: string, prefix = 'mash'): AgencyDatabase {
  return {
    database: `${prefix}_${name}`,
    ownerRole: `${prefix}_${name}_owner`,
    serviceRole: `${prefix}_${name}`,
  };
}

const id = (name: string) => pg.escapeIdentifier(name);

/**
 * Statements run once by a superuser (or a role with CREATEROLE and CREATEDB), connected to the
 * `postgres` database: the two login roles and the database, which the service role may connect
 * to and nobody else. Each is safe to run again.
 */
export function clusterProvisionSql(db: AgencyDatabase): string[] {
  const role = (name: string) =>
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${pg.escapeLiteral(name)}) THEN
         CREATE ROLE ${id(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
       END IF;
     END $$`;
  return [role(db.ownerRole), role(db.serviceRole)];
}

/** `CREATE DATABASE` cannot run inside a DO block; callers run it when the database is missing. */
export function createDatabaseSql(db: AgencyDatabase): string {
  return `CREATE DATABASE ${id(db.database)} OWNER ${id(db.ownerRole)} ENCODING 'UTF8'`;
}

/**
 * Statements run by a superuser connected to the agency's database, before its migrations: who may
 * connect, who may create objects (the owner alone), and the privileges the service role gets on
 * every table and sequence the owner's migrations make from now on.
 */
export function databaseProvisionSql(db: AgencyDatabase): string[] {
  return [
    `REVOKE ALL ON DATABASE ${id(db.database)} FROM PUBLIC`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${id(db.database)} TO ${id(db.serviceRole)}`,
    `ALTER SCHEMA public OWNER TO ${id(db.ownerRole)}`,
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA public TO ${id(db.serviceRole)}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(db.ownerRole)} IN SCHEMA public
       GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${id(db.serviceRole)}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(db.ownerRole)} IN SCHEMA public
       GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${id(db.serviceRole)}`,
  ];
}

/**
 * Statements the owner runs after every migration run: the service role's privileges on whatever
 * exists now (tables made before the default privileges, too), less what it must never do to the
 * audit log or the migrations table. Safe to run again.
 */
export function serviceGrantsSql(db: AgencyDatabase): string[] {
  const svc = id(db.serviceRole);
  return [
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${svc}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${svc}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${svc}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${svc}`,
  ];
}

/**
 * Creates (if missing) an agency's roles and database on a cluster, through `adminUrl` for the
 * `postgres` database of that cluster (a superuser). `urlFor(database)` gives the same superuser's
 * URL for another database. Two callers at once are safe: the creations that lose a race are
 * taken as done.
 */
export async function provisionAgencyDatabase(
  urlFor: (database: string) => string,
  db: AgencyDatabase,
): Promise<void> {
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  try {
    for (const sql of clusterProvisionSql(db)) await ignoreRace(admin.query(sql));
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      db.database,
    ]);
    if (!rowCount) await ignoreRace(admin.query(createDatabaseSql(db)));
  } finally {
    await admin.end();
  }
  const inside = new pg.Client({ connectionString: urlFor(db.database) });
  await inside.connect();
  try {
    for (const sql of databaseProvisionSql(db)) await inside.query(sql);
  } finally {
    await inside.end();
  }
}

// 42710 duplicate_object (a role), 42P04 duplicate_database, 23505 a catalog's unique index: another
// process made the same thing between our check and our statement.
async function ignoreRace(query: Promise<unknown>): Promise<void> {
  try {
    await query;
  } catch (error) {
    if (!['42710', '42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

/** Runs `serviceGrantsSql` through an open owner connection. */
export async function grantServiceRole(
  query: (sql: string) => Promise<unknown>,
  db: AgencyDatabase,
): Promise<void> {
  for (const sql of serviceGrantsSql(db)) await query(sql);
}

/**
 * The whole setup as one psql script, for an operator who runs the agencies on their own
 * PostgreSQL server: run it as a superuser, then give each role a password (`\password`) and run
 * each service with `<AGENCY>_DATABASE_URL` as the service role and `<AGENCY>_OWNER_DATABASE_URL`
 * as the owner. At start the service runs its migrations as the owner, then `serviceGrantsSql`,
 * then serves as the service role.
 */
export function provisionScript(dbs: AgencyDatabase[]): string {
  const lines = [
    "-- The MASH federation on an operator's PostgreSQL: a database and two roles per agency.",
    '-- Generated by `npm run db:roles`; run as a superuser with psql -v ON_ERROR_STOP=1 -f.',
    '-- The owner role owns the schema and runs the migrations; the service role is the only one',
    '-- the running service logs in as, and cannot change or remove audit rows.',
  ];
  for (const db of dbs) {
    lines.push('', `-- ${db.database}`, '\\connect postgres');
    for (const sql of clusterProvisionSql(db)) lines.push(`${sql};`);
    lines.push(
      `SELECT ${pg.escapeLiteral(`${createDatabaseSql(db)}`)} WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = ${pg.escapeLiteral(db.database)})\\gexec`,
      `\\connect ${db.database}`,
    );
    for (const sql of databaseProvisionSql(db)) lines.push(`${sql};`);
  }
  return `${lines.map((l) => l.replace(/\n\s+/g, ' ')).join('\n')}\n`;
}
