import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config, type SubgraphName } from '../../shared/config';
import { createDatabase } from '../../shared/database';
import { startCluster, stopCluster, type Cluster } from '../../shared/embedded-postgres';
import { prepareDatabases, SCHEMAS } from '../../seed/seed';

/** A data directory of a test's own, with the embedded cluster `npm start` would make in it. */
export interface EmbeddedDataDir {
  dataDir: string;
  config: Config;
  clusterDir: string;
  /** Starts (or attaches to) the cluster, as npm start does; release() stops what it started. */
  start(): Promise<Cluster>;
  /**
   * Runs `fn` on one agency's database as its service role, with the cluster started for it and
   * stopped after (as a script leaves it).
   */
  withDatabase<T>(name: SubgraphName, fn: (dataSource: DataSource) => Promise<T>): Promise<T>;
  /** Stops the server if it runs and removes the directory. */
  remove(): Promise<void>;
}

/**
 * A fresh data directory under the system's temporary folder. Others may pass through it: when
 * the tests run as root, the server runs as the `postgres` account.
 */
export function embeddedDataDir(prefix: string): EmbeddedDataDir {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dataDir, 0o755);
  const config = loadConfig({ MASH_DATA_DIR: dataDir, NODE_ENV: 'development' });
  const clusterDir = path.join(dataDir, 'postgres');
  return {
    dataDir,
    config,
    clusterDir,
    start: () => startCluster(clusterDir),
    async withDatabase(name, fn) {
      const cluster = await startCluster(clusterDir);
      try {
        await prepareDatabases(config, [name]);
        const database = await createDatabase({
          database: config.subgraphs[name].database,
          ...SCHEMAS[name],
        });
        try {
          return await fn(database.dataSource);
        } finally {
          await database.close();
        }
      } finally {
        await cluster.release();
      }
    },
    async remove() {
      await stopCluster(clusterDir, 'immediate').catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
