import type { Database } from '../../shared/database';
import { nameKey, nameKeySql } from '../../shared/partner/matching';
import { createLoaders } from '../../subgraphs/police/loaders';
import { createTestDatabase } from '../support/databases';

// The matcher's blocking query on a real database: the stored family-name key agrees with the
// matcher's own, and one statement finds every kind of near miss for a whole batch.
describe('matching against a partner index in the database', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase('police');
    await db.dataSource.query(
      `INSERT INTO persons (id, given_name, family_name, date_of_birth, sex, postcode, pnc_id) VALUES
        ('PP1', 'Chloe', 'Kılıç', '2015-03-04', 'FEMALE', 'N15 4AB', NULL),
        ('PP2', 'Chloe', 'Kilic', '2015-04-03', 'FEMALE', 'N15 4AB', NULL),
        ('PP3', 'Chloe', 'Kilic', '2016-03-04', 'FEMALE', 'E1 6AN', NULL),
        ('PP4', 'Chloe', 'Kilic', NULL, 'FEMALE', 'N15 4AB', NULL),
        ('PP5', 'Chloe', 'Kilic', '2019-03-04', 'FEMALE', 'N15 4AB', NULL),
        ('PP6', 'Zofia', 'Nowak', '2015-03-04', 'FEMALE', 'N17 6ET', NULL)`,
    );
  });
  afterAll(() => db.close());

  it.each([
    "Zoë O'Brien-Smith",
    'Kılıç',
    'Wójcik-Łukasz',
    'Ørsted',
    'Straße',
    'ÇETİN',
    'Nguyễn',
    'Ní Bhriain',
  ])('stores the same family-name key for %s as the matcher computes', async (name) => {
    const [row] = (await db.dataSource.query(`SELECT ${nameKeySql('$1::text')} AS key`, [
      name,
    ])) as { key: string }[];
    expect(row.key).toBe(nameKey(name));
  });

  it('finds the record, a swapped date, a namesake a year apart and one without a date, and nothing further', async () => {
    const loaders = createLoaders(db.dataSource);
    const probe = {
      id: 'SC1',
      givenName: 'Chloë',
      familyName: 'Kilic',
      dateOfBirth: '2015-03-04',
      sex: 'FEMALE',
      postcode: 'N15 4AB',
    };
    const result = await loaders.personByChild.load(probe);
    expect({
      level: result.level,
      offered: result.candidates.map((c) => c.agencyReference).sort(),
    }).toEqual({ level: 'POSSIBLE', offered: ['PP1', 'PP2', 'PP3', 'PP4'] });
  });
});
