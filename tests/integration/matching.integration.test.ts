import type { Database } from '../../shared/database';
import {
  createCandidateSource,
  DEFAULT_MATCH_THRESHOLDS,
  FAMILY_BLOCK_DAYS,
  nameKey,
  nameKeySql,
  type Candidate,
  scoreCandidate,
  type ChildReference,
} from '../../shared/partner/matching';
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

  describe('a person asked about without a date of birth (an unborn child, an adult socialcare knows little about)', () => {
    // Blocked on the family name alone: every Kilic the index holds, less, for a child, anyone 18
    // or over on the day asked. The rows read are counted: a child's block reads no adult, unless
    // an adult asked about in the same turn without a date needs the same name.
    const TODAY = '2026-11-20';
    type Row = { id: string; dateOfBirth: string | null };
    const source = () => {
      const read: string[] = [];
      const candidates = createCandidateSource<Row, Row>({
        dataSource: db.dataSource,
        agency: 'POLICE',
        index: {
          table: 'persons',
          select: `p.id, p.given_name AS "givenName", p.family_name AS "familyName",
                   p.date_of_birth AS "dateOfBirth", p.sex, p.postcode`,
        },
        label: 'test-undated-candidates',
        thresholds: undefined,
        toCandidate: (row) => {
          read.push(row.id);
          return { ...(row as unknown as Candidate<Row>), identifiers: [], record: row };
        },
      });
      return { candidates, read };
    };
    const undated = (givenName: string, familyName = 'Kilic'): ChildReference => ({
      id: `SC-${givenName}`,
      givenName,
      familyName,
      dateOfBirth: null,
      sex: 'UNKNOWN',
      postcode: null,
    });
    const ids = (found: Candidate<Row>[]) => found.map((c) => c.id).sort();

    beforeAll(async () => {
      await db.dataSource.query(
        `INSERT INTO persons (id, given_name, family_name, date_of_birth, sex, postcode, pnc_id) VALUES
          ('PA1', 'Emre', 'Kilic', '1980-01-01', 'MALE', 'N15 4AB', NULL),
          ('PA2', 'Ayla', 'Kılıç', '2008-11-20', 'FEMALE', 'N15 4AB', NULL),
          ('PA3', 'Deniz', 'Kilic', '2008-11-21', 'MALE', 'N15 4AB', NULL),
          ('PN1', 'Piotr', 'Nowak', '1975-05-05', 'MALE', 'N17 6ET', NULL)`,
      );
    });

    it('reads for a child only the records a child may be matched to: none 18 or over that day', async () => {
      const { candidates, read } = source();
      const found = await candidates([undated('Unborn')], TODAY);
      // PA2 turns 18 today and PA1 is 46: never read. PP4 has no date of birth: kept.
      expect(ids(found)).toEqual(['PA3', 'PP1', 'PP2', 'PP3', 'PP4', 'PP5']);
      expect([...read].sort()).toEqual(ids(found));
    });

    it('reads every namesake for an adult, and still none of the adults for a child asked in the same turn', async () => {
      const { candidates, read } = source();
      const [forChild, forAdult] = await Promise.all([
        candidates([undated('Unborn')], TODAY),
        candidates([undated('Emre')], null),
      ]);
      expect(ids(forAdult)).toEqual(['PA1', 'PA2', 'PA3', 'PP1', 'PP2', 'PP3', 'PP4', 'PP5']);
      expect(ids(forChild)).toEqual(['PA3', 'PP1', 'PP2', 'PP3', 'PP4', 'PP5']);
      expect([...read].sort()).toEqual(ids(forAdult));
    });

    it('reads none of the adults for a child when the adult asked in the same turn has another name', async () => {
      const { candidates, read } = source();
      const [forChild, forAdult] = await Promise.all([
        candidates([undated('Unborn')], TODAY),
        candidates([undated('Piotr', 'Nowak')], null),
      ]);
      // Each ask gets the batch's records (the matcher picks each probe's block from them), a
      // child's without anyone 18 or over: PP6 Zofia Nowak (2015), not PN1 Piotr Nowak (1975).
      expect(ids(forChild)).toEqual(['PA3', 'PP1', 'PP2', 'PP3', 'PP4', 'PP5', 'PP6']);
      expect(ids(forAdult).filter((id) => ['PN1', 'PP6'].includes(id))).toEqual(['PN1', 'PP6']);
      expect(read).not.toContain('PA1');
      expect(read).not.toContain('PA2');
    });

    it('reads, for children asked about on two days, what the earlier day allows, and gives each its own', async () => {
      const { candidates, read } = source();
      const [today, yesterday] = await Promise.all([
        candidates([undated('Unborn')], TODAY),
        candidates([{ ...undated('Unborn'), id: 'SC-Other' }], '2026-11-19'),
      ]);
      // PA2 was born on 2008-11-20: 17 yesterday, 18 today.
      expect(ids(today)).not.toContain('PA2');
      expect(ids(yesterday)).toContain('PA2');
      expect(read).toContain('PA2');
      expect(read).not.toContain('PA1');
    });

    it("keeps an adult's record a practitioner linked to the child, so the match says why it discloses nothing", async () => {
      const loaders = createLoaders(db.dataSource, undefined, new Date(`${TODAY}T12:00:00Z`));
      const result = await loaders.personByChild.load({
        ...undated('Unborn'),
        matchLinks: [{ agency: 'POLICE', agencyReference: 'PA1', decision: 'CONFIRMED' }],
      });
      expect(result.level).toBe('NONE');
      expect(result.reasons[0]).toBe(
        'the record a practitioner linked is an adult’s, and a child is never matched to an adult',
      );
    });
  });

  describe("the family-name block's dates", () => {
    // Every day within FAMILY_BLOCK_DAYS of a date asked about, one record each (same family name,
    // a different given name, so that only the family block finds them). Under the default
    // thresholds a record whose date differs outright cannot reach POSSIBLE, so it is not read:
    // what is read is exactly what the matcher's own date comparison does not call different.
    // A leap day, a year's end, a month's end, and a date whose day-month swap (2015-04-03) lies
    // inside the window.
    const ASKED = ['2016-02-29', '2014-12-31', '2015-01-31', '2015-03-04'];
    /** A family name of each date's own, so that the windows do not overlap. */
    const family = (asked: string) => `Windowby${'abcd'[ASKED.indexOf(asked)]}`;
    const day = (iso: string, offset: number) =>
      new Date(Date.parse(`${iso}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    type Row = { id: string; givenName: string; familyName: string; dateOfBirth: string };
    const read = (thresholds: typeof DEFAULT_MATCH_THRESHOLDS, dateOfBirth: string) =>
      createCandidateSource<Row, Row>({
        dataSource: db.dataSource,
        agency: 'POLICE',
        index: {
          table: 'persons',
          select: `p.id, p.given_name AS "givenName", p.family_name AS "familyName",
                   p.date_of_birth AS "dateOfBirth", p.sex, p.postcode`,
        },
        label: `test-window-${thresholds.possible}`,
        thresholds,
        toCandidate: (row) => ({
          ...(row as unknown as Candidate<Row>),
          identifiers: [],
          record: row,
        }),
      })(
        [
          {
            id: 'SC-W',
            givenName: 'Asked',
            familyName: family(dateOfBirth),
            dateOfBirth,
            sex: 'FEMALE',
            postcode: null,
          },
        ],
        null,
      );

    beforeAll(async () => {
      const rows = ASKED.flatMap((asked, a) =>
        Array.from({ length: 2 * FAMILY_BLOCK_DAYS + 1 }, (_, i) => [
          `PW${a}-${i}`,
          family(asked),
          day(asked, i - FAMILY_BLOCK_DAYS),
        ]),
      );
      await db.dataSource.query(
        `INSERT INTO persons (id, given_name, family_name, date_of_birth, sex, postcode)
         SELECT id, 'Held', family, dob::date, 'FEMALE', NULL
           FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, family, dob)`,
        [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
      );
    });

    it.each(ASKED)(
      'reads, around %s, only the dates the matcher calls the same, swapped or close',
      async (asked) => {
        const probe = {
          givenName: 'Asked',
          familyName: family(asked),
          dateOfBirth: asked,
          sex: 'FEMALE',
          postcode: null,
        };
        const found = await read(DEFAULT_MATCH_THRESHOLDS, asked);
        const window = Array.from({ length: 2 * FAMILY_BLOCK_DAYS + 1 }, (_, i) =>
          day(asked, i - FAMILY_BLOCK_DAYS),
        );
        const notDiffering = window.filter(
          (dateOfBirth) =>
            !scoreCandidate(probe, { ...probe, givenName: 'Held', dateOfBirth }).reasons.includes(
              'date of birth differs',
            ),
        );
        // (The date-of-birth block also reads other families' records born that day.)
        const ofTheFamily = found.filter((c) => c.familyName === family(asked));
        expect(ofTheFamily.map((c) => c.dateOfBirth).sort()).toEqual(notDiffering);
        // Within two days, the rest of the month, the same day of other months, a year either side
        // and the swapped date: about forty of the 801.
        expect(notDiffering.length).toBeGreaterThan(35);
        expect(notDiffering.length).toBeLessThan(50);
      },
    );

    it('reads the whole window when the POSSIBLE score is low enough for a differing date to reach it', async () => {
      const found = await read({ probable: 12, possible: 8 }, ASKED[0]);
      expect(found.filter((c) => c.familyName === family(ASKED[0]))).toHaveLength(
        2 * FAMILY_BLOCK_DAYS + 1,
      );
    });
  });
});

describe('the candidate statement of an index with an identifier (its parameters numbered after it)', () => {
  // Health's shape: identifiers are `$6`, so a child's family-name-only block moves along. The
  // index is the test's own over health's patients table.
  let db: Database;
  type Row = { id: string; dateOfBirth: string | null; nhsNumber: string | null };
  beforeAll(async () => {
    db = await createTestDatabase('health');
    await db.dataSource.query(
      `INSERT INTO patients (id, nhs_number, given_name, family_name, date_of_birth, sex, postcode) VALUES
        ('HQ1', '9434765919', 'Ada', 'Quillon', '2012-06-01', 'FEMALE', 'N15 4AB'),
        ('HQ2', NULL, 'Bram', 'Quillon', '1970-02-02', 'MALE', 'N15 4AB'),
        ('HQ3', NULL, 'Cleo', 'Quillon', '2019-09-09', 'FEMALE', 'N15 4AB'),
        ('HX1', '9434765870', 'Dev', 'Elsewhere', '2011-03-03', 'MALE', 'E1 6AN')`,
    );
  });
  afterAll(() => db.close());

  it("finds the identifier's holder and, for an unborn child, the child namesakes only", async () => {
    const read: string[] = [];
    const candidates = createCandidateSource<Row, Row>({
      dataSource: db.dataSource,
      agency: 'HEALTH',
      index: {
        table: 'patients',
        select: `p.id, p.nhs_number AS "nhsNumber", p.given_name AS "givenName",
                 p.family_name AS "familyName", p.date_of_birth AS "dateOfBirth", p.sex, p.postcode`,
        idsByIdentifier: 'SELECT id FROM patients WHERE nhs_number = ANY($6::text[])',
      },
      label: 'test-identifier-candidates',
      identifierOf: (probe) => probe.nhsNumber ?? null,
      thresholds: undefined,
      toCandidate: (row) => {
        read.push(row.id);
        return {
          ...(row as unknown as Candidate<Row>),
          identifiers: row.nhsNumber ? [row.nhsNumber] : [],
          record: row,
        };
      },
    });
    const found = await candidates(
      [
        {
          id: 'SC-U',
          givenName: 'Unborn',
          familyName: 'Quillon',
          dateOfBirth: null,
          sex: 'UNKNOWN',
          postcode: null,
        },
        {
          id: 'SC-N',
          givenName: 'Devan',
          familyName: 'Otherway',
          dateOfBirth: '2011-03-04',
          sex: 'MALE',
          postcode: null,
          nhsNumber: '9434765870',
        },
      ],
      '2026-11-20',
    );
    expect(found.map((c) => c.id).sort()).toEqual(['HQ1', 'HQ3', 'HX1']);
    expect(read).not.toContain('HQ2');
  });
});
