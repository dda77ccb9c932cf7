import type { Logger as TypeormLogger } from 'typeorm';
import type { SubgraphName } from '../../shared/config';
import { createDatabase, type Database } from '../../shared/database';
import {
  createTemporaryCluster,
  startCluster,
  stopCluster,
  SUPERUSER,
  type TemporaryCluster,
} from '../../shared/embedded-postgres';
import { SCHEMAS } from '../../seed/seed';

/** An embedded PostgreSQL server of the test's own, that the test may stop and start. */
export interface PrivatePostgres {
  cluster: TemporaryCluster;
  /** The superuser's URL for `database` (created on first use by `createDatabase`). */
  url(database: string): string;
  /** Fast shutdown: disconnects every client, then waits until the server is down. */
  stop(): Promise<void>;
  /** Immediate shutdown: a crash, recovered from the WAL at the next start. */
  crash(): Promise<void>;
  /** Starts it again, waiting until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (if running) and removes its directory; safe to call twice. */
  destroy(): Promise<void>;
}

/**
 * Initialises and starts a throwaway cluster from the embedded binaries, durable (fsync on) so
 * that crash tests mean what they say. It listens on its socket only; stopped and removed by
 * `destroy()` or when the test process exits.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const cluster = await createTemporaryCluster({ prefix: 'mash-private-', durable: true });
  return {
    cluster,
    url: (database) => cluster.url(SUPERUSER, database),
    stop: () => stopCluster(cluster.clusterDir, 'fast'),
    crash: () => stopCluster(cluster.clusterDir, 'immediate'),
    async start() {
      await startCluster(cluster.clusterDir, { durable: true });
    },
    destroy: () => cluster.destroy(),
  };
}

/**
 * A database factory for `startSubgraph`'s `createDatabase` option: the subgraph's own database
 * (named after it) on `server`, migrated, with `applicationName` in `pg_stat_activity` so a test
 * can find its connections.
 */
export function databaseOn(server: PrivatePostgres, applicationName: string) {
  return (name: SubgraphName, options: { logger?: TypeormLogger } = {}): Promise<Database> =>
    createDatabase({
      database: { kind: 'postgres', url: server.url(name) },
      ...SCHEMAS[name],
      logger: options.logger,
      applicationName,
    });
}
