import path from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import type { Database } from '../../shared/database';
import { readSchemaFiles } from '../../shared/subgraph';
import { ASSESSMENT_OUTCOMES, CONTACT_OUTCOMES } from '../../subgraphs/socialcare/imports';
import { createTestDatabase } from '../support/databases';
import {
  contactsFile,
  file,
  HEADER,
  importInto,
  ROOT,
  ruleHelpers,
  tableCounts,
} from '../support/imports';

// Importing history: the rules a file and its rows must keep (CSV, columns, instants, codes,
// one contact's rows agreeing), all or nothing, the dry run, and the number sequences.

describe('importing history: rules and matching', () => {
  let db: Database;
  const { nextId, child, expectRefused } = ruleHelpers(() => db);

  beforeAll(async () => {
    db = await createTestDatabase('socialcare');
  });
  afterAll(() => db.close());

  it('stores nothing from a file with one bad row, and reports that row by line and reason', async () => {
    const [a, b, c, d] = [nextId(), nextId(), nextId(), nextId()];
    const before = await tableCounts(db);
    const report = await importInto(db, [
      contactsFile(
        `${a},,Iris,Quill,2016-02-03,,,2025-01-06T10:00:00Z,6,AMBER,2025-01-06T15:00:00Z,2,OTHER`,
        `${b},,Otto,Quill,2017-03-04,,,2025-01-07T10:00:00Z,6,,,,`,
        `${c},,Ruth,Quill,2018-04-05,,,2025-01-08T10:00:00Z,XX,,,,`,
        `${d},,Saul,Quill,2019-05-06,,,2025-01-09T10:00:00Z,3A,RED,,,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'contacts.csv',
        line: 4,
        reason:
          'source "XX" is not a DfE contact source code (1A, 1B, 1C, 1D, 2A, 2B, 3A, 3B, 3C, 3D, 3E, 3F, 4, 5A, 5B, 5C, 5D, 6, 7, 8, 9, 10)',
      },
    ]);
    expect(report.stored).toBe(false);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('reports every rejected row at once, counting lines as the file does', async () => {
    // CRLF line ends, a concern over two lines inside quotes, and a blank line: the bad rows are
    // on lines 3 and 6 of the file.
    const header = `${HEADER},concern`;
    const content = [
      header,
      `${nextId()},,Una,Vale,2016-01-01,,,2025-02-03T10:00:00Z,6,,,,,"Two lines`,
      `of concern"`,
      `${nextId()},,Vic,Vale,2016-01-02,,,2025-02-03T10:00:00,6,,,,,`,
      ``,
      `${nextId()},,Wyn,Vale,2016-01-03,,,2025-02-03T10:00:00Z,6,,,3,,`,
    ].join('\r\n');
    const report = await importInto(db, [{ name: 'crlf.csv', content }]);
    expect(report.rejected).toEqual([
      {
        file: 'crlf.csv',
        line: 4,
        reason:
          'received_at "2025-02-03T10:00:00" has no offset: add Z for UTC or the offset of the time given, e.g. +01:00 in British Summer Time',
      },
      {
        file: 'crlf.csv',
        line: 6,
        reason: 'level given without decided_at: a decision needs its instant',
      },
    ]);
  });

  it('refuses a received_at without an offset', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-01T09:30:00,6,,,,`,
      'received_at "2025-03-01T09:30:00" has no offset: add Z for UTC or the offset of the time given, e.g. +01:00 in British Summer Time',
    );
  });

  it('refuses a received_at that is a date without a time', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-01,6,,,,`,
      'received_at "2025-03-01" is a date, not an instant: give the time and its offset, e.g. 2025-03-01T09:30:00Z',
    );
  });

  it('refuses a decision made before the contact was received', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,6,,2025-03-03T08:00:00Z,2,OTHER`,
      'decided_at 2025-03-03T08:00:00Z is before received_at 2025-03-03T09:30:00Z',
    );
  });

  it('refuses a decision in the future', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2026-11-20T09:30:00Z,6,,2026-11-21T08:00:00Z,2,OTHER`,
      'decided_at 2026-11-21T08:00:00Z is in the future',
    );
  });

  it('refuses a source that is not a DfE contact source code', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,police,,,,`,
      'source "police" is not a DfE contact source code (1A, 1B, 1C, 1D, 2A, 2B, 3A, 3B, 3C, 3D, 3E, 3F, 4, 5A, 5B, 5C, 5D, 6, 7, 8, 9, 10)',
    );
  });

  it('refuses a decision with a level and no outcome', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,6,,2025-03-03T12:00:00Z,3,`,
      'outcome is required when decided_at is given',
    );
  });

  it('refuses an outcome that is not a ContactOutcome', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,6,,2025-03-03T12:00:00Z,3,S47`,
      'outcome "S47" must be one of NO_FURTHER_ACTION, ADVICE_AND_SIGNPOST, STEP_DOWN_TO_EARLY_HELP, ASSESSMENT_REQUIRED, STRATEGY_DISCUSSION, OTHER',
    );
  });

  it('refuses a child id the service does not hold', async () => {
    await expectRefused(
      `${nextId()},SC999999,,,,,,2025-03-03T09:30:00Z,6,,,,`,
      'no child SC999999: child_id must be a child the service holds',
    );
  });

  it('refuses an NHS number that fails its check digit', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,9434765918,,2025-03-03T09:30:00Z,6,,,,`,
      'nhs_number fails its modulus-11 check, so it was mistyped',
    );
  });

  it('refuses a child id together with the names of a child', async () => {
    await child('SCT00001', 'Bea', 'Lowe', '2014-06-01');
    await expectRefused(
      `${nextId()},SCT00001,Bea,Lowe,2014-06-01,,,2025-03-03T09:30:00Z,6,,,,`,
      "give child_id or the child's details, not both: given_name, family_name, date_of_birth must be empty when child_id is given (nhs_number and upn may be given)",
    );
  });

  it("refuses rows of one contact that disagree on the contact's own fields", async () => {
    const id = nextId();
    const report = await importInto(db, [
      contactsFile(
        `${id},,Cal,Ruse,2016-01-01,,,2025-03-03T09:30:00Z,6,RED,,,`,
        `${id},,Dot,Ruse,2017-01-01,,,2025-03-03T09:30:00Z,6,AMBER,,,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'contacts.csv',
        line: 3,
        reason: `contact ${id} has a different rag on line 2: the rows of one contact must agree on received_at, source, rag, team, referrer and concern`,
      },
    ]);
  });

  it('refuses a contact already stored with different content, naming what differs', async () => {
    const id = nextId();
    const row = (rag: string) => `${id},,Eli,Sand,2016-01-01,,,2025-03-03T09:30:00Z,6,${rag},,,`;
    expect((await importInto(db, [contactsFile(row('RED'))])).created.contacts).toBe(1);
    await expectRefused(row('GREEN'), `contact ${id} already exists with different rag`);
  });

  it('refuses the same child twice on one contact', async () => {
    const id = nextId();
    const report = await importInto(db, [
      contactsFile(
        `${id},,Fay,Tern,2016-01-01,,,2025-03-03T09:30:00Z,6,,,,`,
        `${id},,FAY,tern,2016-01-01,,,2025-03-03T09:30:00Z,6,,,,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'contacts.csv',
        line: 3,
        reason: `this child is on contact ${id} already (line 2): one contact, one decision per child`,
      },
    ]);
  });

  it('refuses a file whose header has an unknown column', async () => {
    const report = await importInto(db, [
      file('typo.csv', `${HEADER.replace('received_at', 'recieved_at')}`, 'x'),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'typo.csv',
        line: 1,
        reason:
          'unknown column "recieved_at" (a contacts file has contact_id, received_at, source, decided_at, level, outcome, child_id, given_name, family_name, date_of_birth, nhs_number, upn, sex, disability, rag, team, referrer, concern, decided_by)',
      },
      { file: 'typo.csv', line: 1, reason: 'a contacts file needs the column received_at' },
    ]);
  });

  it('refuses a row with a different number of fields from the header', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,6`,
      'the row has 9 fields and the header 13',
    );
  });

  // PostgreSQL refuses U+0000 in text: a NUL in a field once failed the whole import with its
  // error (issue 18, finding 5). Every control character is a rejection naming row and column.
  it.each([
    ['NUL', 'given_name', `Ad\u0000a,Penn`, 'U+0000'],
    ['an escape', 'family_name', `Ada,Pe\u001Bnn`, 'U+001B'],
    ['DEL', 'family_name', `Ada,Penn\u007F`, 'U+007F'],
    ['a C1 control', 'given_name', `\u0085Ada,Penn`, 'U+0085'],
  ])(
    'refuses a field holding %s, naming its column and never quoting it',
    async (_l, column, names, named) => {
      await expectRefused(
        `${nextId()},,${names},2016-01-01,,,2025-03-03T09:30:00Z,6,,,,`,
        `${column} holds a control character (${named}): a field may hold no control characters but tab, line feed and carriage return`,
      );
    },
  );

  it('refuses a NUL in a field no rule reads as text (source), naming that column', async () => {
    await expectRefused(
      `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,6\u0000,,,,`,
      'source holds a control character (U+0000): a field may hold no control characters but tab, line feed and carriage return',
    );
  });

  it('takes a tab and a line break inside a field', async () => {
    const report = await importInto(db, [
      file(
        'concern.csv',
        `${HEADER},concern`,
        `${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,6,,,,,"Seen at school:\tbruise\r\nto the arm"`,
      ),
    ]);
    expect(report.rejected).toEqual([]);
  });

  it('refuses a contact without a team when no --team is given', async () => {
    const report = await importInto(
      db,
      [contactsFile(`${nextId()},,Ada,Penn,2016-01-01,,,2025-03-03T09:30:00Z,6,,,,`)],
      { team: null },
    );
    expect(report.rejected).toEqual([
      { file: 'contacts.csv', line: 2, reason: 'team is empty and no --team was given' },
    ]);
  });

  it("numbers the service's own contacts after ids in the file shaped like its own", async () => {
    await importInto(db, [
      contactsFile(`CT0900000,,Nell,Oak,2013-03-03,,,2025-03-03T09:30:00Z,6,,,,`),
    ]);
    const [{ next }] = (await db.dataSource.query(
      `SELECT nextval('contact_number_seq')::int AS next`,
    )) as { next: number }[];
    expect(next).toBe(900001);
  });

  it('reports a stray quote on its own line, and still checks the rows before it', async () => {
    const before = await tableCounts(db);
    const [a, b] = [nextId(), nextId()];
    const report = await importInto(db, [
      contactsFile(
        `${a},,Fay,Ames,2013-02-02,,,2025-03-03T09:30:00Z,6,,,,`,
        `${b},,Gus,Bell,2013-02-02,,,2025-03-03 09:30,6,,,,`,
        `${nextId()},,Hal,Co"le,2013-02-02,,,2025-03-03T09:30:00Z,6,,,,`,
        `${nextId()},,Ivy,Dunn,2013-02-02,,,2025-03-03T09:30:00Z,6,,,,`,
      ),
    ]);
    expect({ files: report.files, rejected: report.rejected, stored: report.stored }).toEqual({
      files: [{ name: 'contacts.csv', kind: 'contacts', rows: 2 }],
      rejected: [
        {
          file: 'contacts.csv',
          line: 3,
          reason:
            'received_at "2025-03-03 09:30" has no offset: add Z for UTC or the offset of the time given, e.g. +01:00 in British Summer Time',
        },
        {
          file: 'contacts.csv',
          line: 4,
          reason:
            'the file is not valid CSV from this row on: a double quote inside a field that does not start with one: double it ("") and quote the field',
        },
      ],
      stored: false,
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('moves no number sequence on a dry run', async () => {
    const sequences = () =>
      db.dataSource.query(
        `SELECT sequencename, last_value FROM pg_sequences
          WHERE schemaname = current_schema() ORDER BY sequencename`,
      );
    const before = await sequences();
    const report = await importInto(
      db,
      [
        // A new child (child_number_seq), a rating and audit rows (their ids), and an id shaped
        // like the service's own (sync_number_sequences()).
        contactsFile(`CT0950000,,Lyn,Gale,2013-04-04,,,2025-03-03T09:30:00Z,6,RED,,,`),
      ],
      { dryRun: true },
    );
    expect({ created: report.created, rejected: report.rejected, stored: report.stored }).toEqual({
      created: { contacts: 1, children: 1, referrals: 0, assessments: 0 },
      rejected: [],
      stored: false,
    });
    expect(await sequences()).toEqual(before);
  });

  it('checks everything and stores nothing on a dry run', async () => {
    const before = await tableCounts(db);
    const report = await importInto(
      db,
      [contactsFile(`${nextId()},,Ona,Pike,2013-04-04,,,2025-03-03T09:30:00Z,6,,,,`)],
      { dryRun: true },
    );
    expect({ created: report.created, rejected: report.rejected, stored: report.stored }).toEqual({
      created: { contacts: 1, children: 1, referrals: 0, assessments: 0 },
      rejected: [],
      stored: false,
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('lists the ContactOutcome values of the schema and the assessments CHECK values', async () => {
    const sdl = readSchemaFiles(path.join(ROOT, 'subgraphs', 'socialcare'));
    const outcome = parse(sdl).definitions.find(
      (d): d is EnumTypeDefinitionNode =>
        d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'ContactOutcome',
    );
    expect(CONTACT_OUTCOMES).toEqual(outcome?.values?.map((v) => v.name.value));
    const [{ def }] = (await db.dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'assessments'::regclass AND contype = 'c'
          AND pg_get_constraintdef(oid) LIKE '%outcome = ANY%'`,
    )) as { def: string }[];
    expect(ASSESSMENT_OUTCOMES).toEqual([...def.matchAll(/'([A-Z_0-9]+)'/g)].map((m) => m[1]));
  });
});
