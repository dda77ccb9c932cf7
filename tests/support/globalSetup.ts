import { ensurePostgresDatabase } from '../../shared/database';
import { createTemporaryCluster, type TemporaryCluster } from '../../shared/embedded-postgres';

/** The run's embedded cluster, kept for `globalTeardown` (the same process, its own module load). */
export const state = globalThis as { mashTestCluster?: TemporaryCluster };

/**
 * Runs once before all test files. Without TEST_DATABASE_URL it starts one throwaway embedded
 * PostgreSQL (the engine `npm start` runs) and points TEST_DATABASE_URL at a database on it, so
 * every worker, spawned after this, tests on it; `MASH_TEST_ENGINE` says which engine it is.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    process.env.MASH_TEST_ENGINE ??= 'postgres';
    return;
  }
  state.mashTestCluster = await createTemporaryCluster({ prefix: 'mash-test-' });
  process.env.TEST_DATABASE_URL = state.mashTestCluster.adminUrl('mash_test');
  await ensurePostgresDatabase(process.env.TEST_DATABASE_URL);
  process.env.MASH_TEST_ENGINE = 'embedded';
}
