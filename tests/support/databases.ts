import { randomBytes } from 'node:crypto';
import type { Logger as TypeormLogger } from 'typeorm';
import type { SubgraphName } from '../../shared/config';
import { createDatabase, dropSchema, type Database } from '../../shared/database';
import { SCHEMAS } from '../../seed/seed';

/**
 * The PostgreSQL the tests run on: the run's embedded cluster (tests/support/globalSetup.ts), or
 * the server TEST_DATABASE_URL names.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL as string;

/** Which engine this test run uses, for test names: the embedded server or an external one. */
export const ENGINE: 'embedded' | 'postgres' =
  process.env.MASH_TEST_ENGINE === 'embedded' ? 'embedded' : 'postgres';

/**
 * A fresh, migrated, empty database for one subgraph: a schema of its own in the test database,
 * dropped on close.
 */
export async function createTestDatabase(
  name: SubgraphName,
  options: { logger?: TypeormLogger } = {},
): Promise<Database> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set: run the tests with jest');
  const schema = `test_${name}_${randomBytes(6).toString('hex')}`;
  const database = await createDatabase({
    database: { kind: 'postgres', url: TEST_DATABASE_URL, schema },
    ...SCHEMAS[name],
    logger: options.logger,
  });
  return {
    ...database,
    async close() {
      await database.close();
      await dropSchema(TEST_DATABASE_URL, schema);
    },
  };
}
