import type { Database } from '../../shared/database';
import { createTestDatabase } from '../support/databases';
import { contactsFile, importInto, ruleHelpers, tableCounts } from '../support/imports';

// Importing history: whom the rows of a contacts file are about, a stored child found by NHS
// number, UPN or names and date of birth, or a new child, and the rows refused rather than guess.

describe('importing history: rules and matching', () => {
  let db: Database;
  const { nextId, child, contactChildren, expectRefused } = ruleHelpers(() => db);

  beforeAll(async () => {
    db = await createTestDatabase('socialcare');
  });
  afterAll(() => db.close());

  it('finds an existing child by NHS number whatever names the row gives', async () => {
    await child('SCT00010', 'Georgina', 'Hale', '2013-07-08', '9434765919');
    const id = nextId();
    const report = await importInto(db, [
      contactsFile(`${id},,Gina,Hale-Smith,2013-07-08,943 476 5919,,2025-03-03T09:30:00Z,6,,,,`),
    ]);
    expect(report.created).toEqual({ contacts: 1, children: 0, referrals: 0, assessments: 0 });
    expect(await contactChildren(id)).toEqual([{ child_id: 'SCT00010' }]);
  });

  it('finds an existing child by names and date of birth whatever their case', async () => {
    await child('SCT00011', 'Hector', 'Ingram', '2011-09-10');
    const id = nextId();
    await importInto(db, [
      contactsFile(`${id},,HECTOR,ingram,2011-09-10,,,2025-03-03T09:30:00Z,6,,,,`),
    ]);
    expect(await contactChildren(id)).toEqual([{ child_id: 'SCT00011' }]);
  });

  it('creates a child numbered from child_number_seq when no child matches', async () => {
    const [{ last }] = (await db.dataSource.query(
      `SELECT greatest(last_value, 100000)::int AS last FROM child_number_seq`,
    )) as { last: number }[];
    const id = nextId();
    const report = await importInto(db, [
      contactsFile(`${id},,Ines,Jarvis,2012-10-11,,,2025-03-03T09:30:00Z,6,,,,`),
    ]);
    expect(report.created.children).toBe(1);
    expect(await contactChildren(id)).toEqual([{ child_id: `SC${last + 1}` }]);
  });

  it('refuses a namesake holding a different NHS number rather than guess', async () => {
    await child('SCT00012', 'Jude', 'Kemp', '2010-11-12', '4010232145');
    await expectRefused(
      `${nextId()},,Jude,Kemp,2010-11-12,4010232137,,2025-03-03T09:30:00Z,6,,,,`,
      'SCT00012 has these names and date of birth but a different NHS number: give child_id if it is that child, or correct the NHS number',
    );
  });

  it('makes one child of several rows describing the same new child', async () => {
    const [a, b] = [nextId(), nextId()];
    const report = await importInto(db, [
      contactsFile(
        `${a},,Kit,Lamb,2015-12-13,,,2025-03-03T09:30:00Z,6,,,,`,
        `${b},,kit,LAMB,2015-12-13,,,2025-04-03T09:30:00Z,6,,,,`,
      ),
    ]);
    expect(report.created).toEqual({ contacts: 2, children: 1, referrals: 0, assessments: 0 });
    expect(await contactChildren(a)).toEqual(await contactChildren(b));
  });

  it('refuses a row whose NHS number and UPN are those of two different new children', async () => {
    const before = await tableCounts(db);
    const [a, b, c] = [nextId(), nextId(), nextId()];
    const report = await importInto(db, [
      contactsFile(
        `${a},,Ula,Vance,2015-04-12,485 777 3457,,2025-03-03T09:30:00Z,6,,,,`,
        `${b},,Bram,Wren,2016-01-01,,Q801200005002,2025-03-03T09:30:00Z,6,,,,`,
        // Neither child's: adding the UPN to the first would give two children one UPN.
        `${c},,Cai,Xander,2017-01-01,485 777 3457,Q801200005002,2025-03-03T09:30:00Z,6,,,,`,
      ),
    ]);
    expect({ rejected: report.rejected, stored: report.stored }).toEqual({
      rejected: [
        {
          file: 'contacts.csv',
          line: 4,
          reason:
            'the NHS number and the UPN belong to different children (a child another row creates; a child another row creates): give child_id, or correct the one that is wrong',
        },
      ],
      stored: false,
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  it("refuses a row whose NHS number is a new child's and whose UPN is a stored child's", async () => {
    await db.dataSource.query(
      `INSERT INTO children (id, given_name, family_name, date_of_birth, sex, upn)
       VALUES ('SCT00040', 'Dee', 'Yates', '2014-05-05', 'FEMALE', 'E801200005003')`,
    );
    const [a, b] = [nextId(), nextId()];
    const report = await importInto(db, [
      contactsFile(
        `${a},,Eli,Zorn,2015-04-12,485 777 3465,,2025-03-03T09:30:00Z,6,,,,`,
        `${b},,Eli,Zorn,2015-04-12,485 777 3465,E801200005003,2025-03-03T09:30:00Z,6,,,,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'contacts.csv',
        line: 3,
        reason:
          'the NHS number and the UPN belong to different children (a child another row creates; SCT00040): give child_id, or correct the one that is wrong',
      },
    ]);
  });
});
