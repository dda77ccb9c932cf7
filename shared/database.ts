import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import {
  DataSource,
  type AbstractLogger,
  type EntitySchema,
  type Logger,
  type MixedList,
} from 'typeorm';
import type { DatabaseConfig } from './config';

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

export interface CreateDataSourceOptions {
  database: DatabaseConfig;
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  migrations: MixedList<string | (new () => unknown)>;
  /** A pre-initialised PGlite data directory (from `dumpDataDir`) to start from; skips initdb. */
  pgliteTemplate?: Blob;
  logger?: Logger | AbstractLogger;
  /** Name shown in `pg_stat_activity`. */
  applicationName?: string;
}

/** A TypeORM data source plus what it takes to close it, including an embedded PGlite. */
export interface Database {
  dataSource: DataSource;
  /** The embedded instance when running on PGlite, for dumps; undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * Opens a subgraph's database and runs its pending migrations. On PGlite the data directory is
 * created on first use and the pool holds exactly one connection (PGlite is single-user; a second
 * connection would queue forever). On PostgreSQL the database is created when it does not exist
 * yet, and `schema`, when given, is created and put first on the search path (tests use this to
 * isolate runs in one database).
 */
export async function createDatabase(options: CreateDataSourceOptions): Promise<Database> {
  const { database } = options;
  let pglite: PGlite | undefined;
  let extra: Record<string, unknown>;
  if (database.kind === 'pglite') {
    if (database.dataDir !== 'memory://')
      fs.mkdirSync(path.dirname(database.dataDir), { recursive: true });
    pglite = new PGlite(
      database.dataDir,
      options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {},
    );
    await pglite.waitReady;
    // One connection, never closed while idle: the adapter owns a single protocol stream.
    extra = { ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 };
  } else {
    await ensurePostgresDatabase(database.url);
    if (database.schema) await ensureSchema(database.url, database.schema);
    extra = database.schema ? { options: `-c search_path=${database.schema}` } : {};
  }

  const dataSource = new DataSource({
    type: 'postgres',
    ...(database.kind === 'postgres' ? { url: database.url } : {}),
    ...(database.kind === 'postgres' && database.schema ? { schema: database.schema } : {}),
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: options.logger ? ['query'] : false,
    logger: options.logger,
    extra,
  });
  await dataSource.initialize();
  try {
    await migrate(dataSource, database.kind === 'postgres');
  } catch (error) {
    await dataSource.destroy();
    await pglite?.close();
    throw error;
  }

  return {
    dataSource,
    pglite,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (pglite && !pglite.closed) await pglite.close();
    },
  };
}

/**
 * Runs pending migrations. On PostgreSQL several processes may start on one database at once (a
 * subgraph and the seeder, or replicas), and TypeORM takes no lock, so a session advisory lock
 * serialises them: the later one finds nothing left to run. PGlite has one user and one
 * connection, and a second connection for the lock would wait forever.
 */
async function migrate(dataSource: DataSource, lock: boolean): Promise<void> {
  if (!lock) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('mash:migrations'))`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query(`SELECT pg_advisory_unlock(hashtext('mash:migrations'))`)
      .catch(() => undefined);
    await runner.release();
  }
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
    // Another process created it between our probe and now.
    if ((error as { code?: string }).code !== '42P04') throw error;
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
