import { randomBytes } from 'node:crypto';
import type { Logger as TypeormLogger } from 'typeorm';
import type { SubgraphName } from '../../shared/config';
import { createDatabase, dropSchema, type Database } from '../../shared/database';
import { SCHEMAS } from '../../seed/seed';
import { loadPgliteTemplate } from './template';

/** The real PostgreSQL to test against, when set; otherwise tests run on PGlite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** Which engine this test run uses, for test names and skips-by-design. */
export const ENGINE = TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated, empty database for one subgraph: an in-memory PGlite loaded from the cached
 * template, or (with TEST_DATABASE_URL) a schema of its own in the test database, dropped on close.
 */
export async function createTestDatabase(
  name: SubgraphName,
  options: { logger?: TypeormLogger } = {},
): Promise<Database> {
  if (!TEST_DATABASE_URL) {
    return createDatabase({
      database: { kind: 'pglite', dataDir: 'memory://' },
      ...SCHEMAS[name],
      pgliteTemplate: loadPgliteTemplate(),
      logger: options.logger,
    });
  }
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
