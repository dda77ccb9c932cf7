import type { Database } from '../../shared/database';
import { seedState, seedSubgraph } from '../../seed/load';
import type { World } from '../../seed/world';
import { createTestDatabase } from '../support/databases';
import { testWorld } from '../support/system';

/** Each table's secondary indexes and foreign keys, by name, as the catalog has them. */
async function structure(db: Database): Promise<{ indexes: string[]; foreignKeys: string[] }> {
  const [row] = await db.dataSource.query(
    `SELECT (SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes
              WHERE schemaname = current_schema()) AS indexes,
            (SELECT array_agg(conname::text ORDER BY conname) FROM pg_constraint
              WHERE connamespace = current_schema()::regnamespace AND contype = 'f') AS "foreignKeys"`,
  );
  return row;
}

describe('the seeder', () => {
  let db: Database;
  beforeEach(async () => {
    db = await createTestDatabase('socialcare');
  });
  afterEach(() => db.close());

  it('loads text holding tabs, newlines, carriage returns and backslashes unchanged', async () => {
    const world = testWorld();
    const awkward = 'O\\Brien\tthe\nsecond\r';
    const tricky: World = {
      ...world,
      socialcare: {
        ...world.socialcare,
        children: world.socialcare.children.map((c, i) =>
          i === 0 ? { ...c, givenName: awkward } : c,
        ),
      },
    };
    await seedSubgraph('socialcare', db.dataSource, tricky);
    const [row] = await db.dataSource.query(`SELECT given_name FROM children WHERE id = $1`, [
      world.socialcare.children[0].id,
    ]);
    expect(row).toEqual({ given_name: awkward });
  });

  it('builds again every index and foreign key it dropped for the load', async () => {
    const before = await structure(db);
    await seedSubgraph('socialcare', db.dataSource, testWorld());
    expect(await structure(db)).toEqual(before);
    expect(before.foreignKeys.length).toBeGreaterThan(0);
  });

  it('marks a finished load done, and starts a load cut off half way over without duplicates', async () => {
    const world = testWorld();
    const query = async (sql: string, params?: unknown[]) =>
      (await db.dataSource.query(sql, params)) as Record<string, unknown>[];
    expect(await seedState(query, 'socialcare')).toBe('empty');
    await seedSubgraph('socialcare', db.dataSource, world);
    expect(await seedState(query, 'socialcare')).toBe('done');
    // As a load killed half way leaves it: rows in, the marker still saying so.
    await db.dataSource.query(`COMMENT ON TABLE children IS 'mash-seed:loading'`);
    expect(await seedState(query, 'socialcare')).toBe('loading');
    await seedSubgraph('socialcare', db.dataSource, world);
    const [counts] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM children) AS children, (SELECT count(*) FROM contacts) AS contacts`,
    );
    expect({ state: await seedState(query, 'socialcare'), ...counts }).toEqual({
      state: 'done',
      children: world.socialcare.children.length,
      contacts: world.socialcare.contacts.length,
    });
  });

  it('calls rows it did not write foreign, so that nothing ever loads over them', async () => {
    const world = testWorld();
    await seedSubgraph('socialcare', db.dataSource, world);
    await db.dataSource.query(`COMMENT ON TABLE children IS NULL`);
    const query = async (sql: string, params?: unknown[]) =>
      (await db.dataSource.query(sql, params)) as Record<string, unknown>[];
    expect(await seedState(query, 'socialcare')).toBe('foreign');
  });
});
