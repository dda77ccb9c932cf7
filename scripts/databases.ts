import type { Config, SubgraphName } from '../shared/config';
import { createDatabase, type Database } from '../shared/database';
import { isInitialised, startCluster, type Cluster } from '../shared/embedded-postgres';
import { prepareDatabases, SCHEMAS } from '../seed/seed';

/** Raised when a script needs the embedded databases and `npm start` has never made them. */
export class NoEmbeddedDataError extends Error {
  constructor(clusterDir: string) {
    super(`There is no embedded database in ${clusterDir}: npm start creates one`);
    this.name = 'NoEmbeddedDataError';
  }
}

/**
 * The embedded cluster for a script, when the configuration uses it: attached to the running
 * server (`npm start`'s, safely shared) or started for the script and stopped by `release()` once
 * no other process holds a lease on it. Null on an operator's PostgreSQL. With `create`, a cluster
 * that does not exist yet is initialised (the seeder); otherwise that is a `NoEmbeddedDataError`.
 */
export async function embeddedClusterFor(
  config: Config,
  options: { create?: boolean } = {},
): Promise<Cluster | null> {
  const database = config.subgraphs.socialcare.database;
  if (database.kind !== 'embedded') return null;
  if (!options.create && !isInitialised(database.clusterDir)) {
    throw new NoEmbeddedDataError(database.clusterDir);
  }
  return startCluster(database.clusterDir);
}

/**
 * Opens one subgraph's database for a script, as that subgraph's service role, as `npm start`'s
 * settings name it. On the embedded default the cluster is attached to or started (and its
 * migrations run when the script started it); `close()` also releases it. With `create`, an
 * embedded cluster that does not exist yet is made (the import, before any `npm start`).
 */
export async function openSubgraphDatabase(
  config: Config,
  name: SubgraphName,
  applicationName: string,
  options: { create?: boolean } = {},
): Promise<Database> {
  const cluster = await embeddedClusterFor(config, options);
  try {
    if (cluster?.owned) await prepareDatabases(config, [name]);
    const database = await createDatabase({
      database: config.subgraphs[name].database,
      ...SCHEMAS[name],
      applicationName,
    });
    return {
      dataSource: database.dataSource,
      async close() {
        await database.close();
        await cluster?.release();
      },
    };
  } catch (error) {
    await cluster?.release();
    throw error;
  }
}
