import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  DataSource,
  type AbstractLogger,
  type EntitySchema,
  type Logger,
  type MixedList,
} from 'typeorm';
import type { DatabaseConfig } from './config';
import { runningServer, socketUrl } from './embedded-postgres';
import { grantServiceRole, type AgencyDatabase } from './roles';

// DATE columns stay 'YYYY-MM-DD' strings: pg's default turns them into Dates at local midnight,
// which shifts a child's date of birth by a day in any time zone west of UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// COUNT(*) and other bigints: our counts are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Counts the SQL statements a data source runs; tests use it to prove batching. */
export class StatementCounter implements Logger {
  count = 0;
  readonly statements: string[] = [];

  logQuery(query: string): void {
    this.count += 1;
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
}

/** The tally of the work running inside `countStatements`, if any. */
const statementTally = new AsyncLocalStorage<{ count: number }>();

/**
 * Runs `work` and counts the SQL statements any data source of this process runs on its behalf:
 * everything in its async context, DataLoader batches and the audit write included, and nothing
 * of other work running meanwhile. How a subgraph reports one request's backend calls
 * (shared/http.ts `BACKEND_CALLS_HEADER`); nested calls count into the innermost only.
 */
export async function countStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const tally = { count: 0 };
  const result = await statementTally.run(tally, work);
  return { result, statements: tally.count };
}

/**
 * The logger every data source runs with: adds each statement to the running `countStatements`
 * tally, then hands everything to the logger the caller gave, if any.
 */
class TallyingLogger implements Logger {
  constructor(private readonly inner: Logger | undefined) {}

  logQuery(...args: Parameters<Logger['logQuery']>): void {
    const tally = statementTally.getStore();
    if (tally) tally.count += 1;
    this.inner?.logQuery(...args);
  }
  logQueryError(...args: Parameters<Logger['logQueryError']>): void {
    this.inner?.logQueryError(...args);
  }
  logQuerySlow(...args: Parameters<Logger['logQuerySlow']>): void {
    this.inner?.logQuerySlow(...args);
  }
  logSchemaBuild(...args: Parameters<Logger['logSchemaBuild']>): void {
    this.inner?.logSchemaBuild(...args);
  }
  logMigration(...args: Parameters<Logger['logMigration']>): void {
    this.inner?.logMigration(...args);
  }
  log(...args: Parameters<Logger['log']>): void {
    this.inner?.log(...args);
  }
}

/**
 * A read on a hot path, run as a named prepared statement: PostgreSQL parses and plans it once per
 * connection, and later runs bind and execute only. The name carries a hash of the text, so two
 * statements can never share a name (pg refuses a name reused with other text on a connection).
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** Declares a prepared statement; `label` says what it reads, e.g. `police-records`. */
export function prepared(label: string, text: string): PreparedStatement {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { name: `${label}-${hash}`, text };
}

/**
 * Runs a prepared statement on the data source's own pool (its search path and settings), with
 * the rows as pg parses them. It is counted and logged like every TypeORM statement (the backend
 * calls of `countStatements`, the tests' `StatementCounter`).
 */
export async function runPrepared<T>(
  dataSource: DataSource,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  dataSource.logger.logQuery(statement.text, values);
  const result = await hotPool(dataSource).query<T & pg.QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values,
  });
  return result.rows;
}

/** Connections of a data source's pool for prepared statements, beside TypeORM's own pool. */
const HOT_POOL_SIZE = 4;
const hotPools = new WeakMap<DataSource, pg.Pool>();

/**
 * The pool the prepared statements of a data source run on: the same server, role, search path
 * and settings as TypeORM's pool, plus generic plans (`plan_cache_mode=force_generic_plan`).
 * PostgreSQL would otherwise plan each execution afresh, since it prices a generic plan over a
 * `= ANY($1)` array of keys at ten keys while a custom plan sees one or two, and planning the hot
 * reads cost more than running them (pg_stat_statements: 2.1 of police's 3.3 ms a records read).
 * A pool of its own keeps that setting off TypeORM's statements, whose plans (analytics' partial
 * indexes among them) need the values.
 */
function hotPool(dataSource: DataSource): pg.Pool {
  let pool = hotPools.get(dataSource);
  if (!pool) {
    const main = (dataSource.driver as unknown as { master: pg.Pool & { options: pg.PoolConfig } })
      .master;
    pool = new pg.Pool({
      ...main.options,
      max: HOT_POOL_SIZE,
      allowExitOnIdle: true,
      options: `${main.options.options ?? ''} -c plan_cache_mode=force_generic_plan`.trim(),
    });
    // An idle connection that fails (the server restarting) is dropped; the next query reconnects.
    pool.on('error', () => undefined);
    hotPools.set(dataSource, pool);
  }
  return pool;
}

/** Closes the prepared statements' pool of a data source, if it opened one. */
async function closeHotPool(dataSource: DataSource): Promise<void> {
  const pool = hotPools.get(dataSource);
  hotPools.delete(dataSource);
  await pool?.end();
}

export interface CreateDataSourceOptions {
  database: DatabaseConfig;
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  migrations: MixedList<string | (new () => unknown)>;
  logger?: Logger | AbstractLogger;
  /** Name shown in `pg_stat_activity`. */
  applicationName?: string;
  /** Connections in the pool (pg's default, 10, when absent). */
  poolSize?: number;
}

/** A TypeORM data source plus what it takes to close it. */
export interface Database {
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Raised when an embedded database is asked for while its cluster is not running. */
export class EmbeddedNotRunningError extends Error {
  constructor(clusterDir: string) {
    super(
      `The embedded PostgreSQL in ${clusterDir} is not running. Start the system with \`npm start\` (scripts such as npm run audit:verify start it themselves).`,
    );
    this.name = 'EmbeddedNotRunningError';
  }
}

/** Raised when a service starts on a database whose migrations its owner has not run yet. */
export class PendingMigrationsError extends Error {
  constructor(database: string) {
    super(
      `${database} has migrations not yet run. \`npm start\` runs them (as the database's owner role) before the services start.`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/**
 * The service role's connection URL for a database config: on the embedded cluster, its socket
 * (throws `EmbeddedNotRunningError` when the cluster is not running); elsewhere the configured URL.
 */
export function serviceUrl(database: DatabaseConfig): string {
  if (database.kind === 'postgres') return database.url;
  return embeddedUrl(database, database.names.serviceRole);
}

/** The owner role's URL (migrations, bulk loads), or null where the service role is the owner. */
export function ownerUrl(database: DatabaseConfig): string | null {
  if (database.kind === 'postgres') return database.ownerUrl ?? null;
  return embeddedUrl(database, database.names.ownerRole);
}

/** `role`'s URL for an agency's database on the running embedded cluster. */
function embeddedUrl(database: DatabaseConfig & { kind: 'embedded' }, role: string): string {
  const server = runningServer(database.clusterDir);
  if (!server) throw new EmbeddedNotRunningError(database.clusterDir);
  return socketUrl(server.socketDir, server.port, role, database.names.database);
}

function dataSourceFor(
  url: string,
  options: CreateDataSourceOptions,
  schema: string | undefined,
  extra: Record<string, unknown> = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    ...(schema ? { schema } : {}),
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: options.logger ? ['query'] : false,
    // TypeORM hands every statement to a logger object whatever `logging` says.
    logger: new TallyingLogger(options.logger),
    extra: {
      // JIT off: PostgreSQL built with LLVM (Debian's packages; on by default) compiles any plan
      // whose estimated cost passes jit_above_cost, and a measure that looks each of a year's
      // step-downs up by index is estimated past it while it runs in tens of ms: the compiling
      // took 2 s of a 2.3 s answer (npm run bench:analytics). These services run short
      // statements only.
      options: `-c jit=off${schema ? ` -c search_path=${schema}` : ''}`,
      ...(options.poolSize ? { max: options.poolSize } : {}),
      ...extra,
    },
  });
}

/**
 * Opens a subgraph's database as its service role, with its migrations run:
 * - embedded: the cluster must be running; the owner role's migrations must have been run by
 *   `migrateDatabase` (npm start does it), else `PendingMigrationsError`. The service never logs in
 *   as the owner.
 * - PostgreSQL: the database is created when missing, the schema too when one is given; pending
 *   migrations run as the owner role when `ownerUrl` is given (then the service role is granted
 *   its privileges), else as the service's own role.
 */
export async function createDatabase(options: CreateDataSourceOptions): Promise<Database> {
  const { database } = options;
  if (database.kind === 'postgres') await migrateDatabase(options);
  const schema = database.kind === 'postgres' ? database.schema : undefined;
  const dataSource = dataSourceFor(serviceUrl(database), options, schema);
  await dataSource.initialize();
  if (database.kind === 'embedded') {
    const pending = await dataSource.showMigrations().catch(async (error: unknown) => {
      await dataSource.destroy();
      throw error;
    });
    if (pending) {
      await dataSource.destroy();
      throw new PendingMigrationsError(database.names.database);
    }
  }
  return {
    dataSource,
    async close() {
      await closeHotPool(dataSource);
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * Runs a database's pending migrations as its owner (on the embedded cluster, or where `ownerUrl`
 * is configured) and then grants the service role what it needs (shared/roles.ts); as the service
 * role itself where no owner is configured. Several processes may start on one database at once
 * (a subgraph and the seeder, or replicas), and TypeORM takes no lock, so a session advisory lock
 * serialises them: the later one finds nothing left to run.
 */
export async function migrateDatabase(options: CreateDataSourceOptions): Promise<void> {
  const { database } = options;
  if (database.kind === 'postgres') {
    await ensurePostgresDatabase(database.ownerUrl ?? database.url);
    if (database.schema) await ensureSchema(database.url, database.schema);
  }
  const owner = ownerUrl(database);
  const schema = database.kind === 'postgres' ? database.schema : undefined;
  // Two connections: one holds the lock while TypeORM runs the migrations on the other.
  const dataSource = dataSourceFor(owner ?? serviceUrl(database), options, schema, { max: 2 });
  await dataSource.initialize();
  try {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('mash:migrations'))`);
      await dataSource.runMigrations({ transaction: 'each' });
      if (owner) {
        const names = database.kind === 'embedded' ? database.names : rolesOf(database.url, owner);
        await grantServiceRole((sql) => runner.query(sql), names);
      }
    } finally {
      await runner
        .query(`SELECT pg_advisory_unlock(hashtext('mash:migrations'))`)
        .catch(() => undefined);
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * An open data source as the database's owner (as the service role where no owner is
 * configured), one connection: for the seeder's bulk loads. Run `migrateDatabase` first.
 */
export async function openOwnerDataSource(options: CreateDataSourceOptions): Promise<DataSource> {
  const { database } = options;
  const schema = database.kind === 'postgres' ? database.schema : undefined;
  const url = ownerUrl(database) ?? serviceUrl(database);
  const dataSource = dataSourceFor(url, options, schema, { max: 1 });
  await dataSource.initialize();
  return dataSource;
}

/** The roles named by a service URL and an owner URL on an operator's server. */
function rolesOf(service: string, owner: string): AgencyDatabase {
  const user = (url: string) => decodeURIComponent(new URL(url).username);
  return {
    database: decodeURIComponent(new URL(service).pathname.slice(1)),
    serviceRole: user(service),
    ownerRole: user(owner),
  };
}

/** Creates the database named in `url` when it is missing, connecting to `postgres` to do so. */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (error) {
    // Another process created it between our probe and now: 42P04, or 23505 when both inserted
    // into the catalog at once.
    if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await client.end();
  }
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  } finally {
    await client.end();
  }
}

/** Drops a schema made by `createDatabase` for a test run. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
