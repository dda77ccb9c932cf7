import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StatementCounter, type Database } from '../../shared/database';
import type { ImportReport } from '../../subgraphs/socialcare/imports';
import { createTestDatabase } from '../support/databases';
import { embeddedDataDir } from '../support/embedded';
import {
  contactsFile,
  FIXTURES,
  fixture,
  HEADER,
  importInto,
  NO_COUNTS,
  NOW,
  ROOT,
  tableCounts,
} from '../support/imports';
import { startSubgraph } from '../support/system';

// Importing history into socialcare's own database (subgraphs/socialcare/imports). The fixtures
// in tests/fixtures/import are synthetic. Every due instant below is worked out by hand from
// subgraphs/socialcare/clocks.ts's rule: the end (local midnight) of the first working day after the local date
// of receipt. Spring bank holiday 2025 is Monday 26 May; British Summer Time 2025 runs from
// 30 March to 26 October.
//
// Here: a whole set of files, batching, decision timeliness and `npm run import`. The rules of
// rows, the children and the referrals: import-{rows,children,referrals}.integration.test.ts.

describe('importing history: a good set of files', () => {
  let db: Database;
  let report: ImportReport;
  /** The new children's ids by given name: the service numbers them. */
  let ids: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('socialcare');
    report = await importInto(db, [
      fixture('assessments.csv'),
      fixture('contacts.csv'),
      fixture('referrals.csv'),
    ]);
    const children = (await db.dataSource.query(
      `SELECT id, given_name FROM children ORDER BY id`,
    )) as { id: string; given_name: string }[];
    ids = Object.fromEntries(children.map((c) => [c.given_name, c.id]));
  });
  afterAll(() => db.close());

  it('reports what it read and created, in whatever order the files were given', () => {
    expect({ ...report, ms: 0 }).toEqual({
      files: [
        { name: 'assessments.csv', kind: 'assessments', rows: 1 },
        { name: 'contacts.csv', kind: 'contacts', rows: 5 },
        { name: 'referrals.csv', kind: 'referrals', rows: 1 },
      ],
      rowsRead: 7,
      created: { contacts: 4, children: 4, referrals: 1, assessments: 1 },
      unchanged: { contacts: 0, referrals: 0, assessments: 0 },
      childrenMatched: 0,
      rejected: [],
      stored: true,
      ms: 0,
    });
  });

  it('stores each contact with the due instant, closed_at, stage and rating the front door would', async () => {
    const contacts = await db.dataSource.query(
      `SELECT id, received_at, source_code, rag, rag_reason, screened_at, rated_since, team,
              version, stage, recorded_at, recorded_by, decision_due_working_day_at, closed_at,
              referrer, concern, rag_due_at
         FROM contacts ORDER BY id`,
    );
    const imported = { version: 1, recorded_by: 'import', team: 'MASH North', rag_due_at: null };
    const notRecorded = { referrer: 'Not recorded (imported)', concern: 'Not recorded (imported)' };
    expect(contacts).toEqual([
      {
        // Friday 7 March 2025 (GMT): due at the end of Monday 10 March.
        id: 'HX-0001',
        received_at: new Date('2025-03-07T16:45:00Z'),
        source_code: '6',
        rag: 'RED',
        rag_reason: 'Imported',
        screened_at: new Date('2025-03-07T16:45:00Z'),
        rated_since: new Date('2025-03-07T16:45:00Z'),
        stage: 'DECIDED',
        recorded_at: new Date('2025-03-07T16:45:00Z'),
        decision_due_working_day_at: new Date('2025-03-11T00:00:00Z'),
        closed_at: new Date('2025-03-10T10:00:00Z'),
        ...imported,
        ...notRecorded,
      },
      {
        // 23:30 BST on Friday 23 May 2025, before the spring bank holiday: due at the end of
        // Tuesday 27 May (midnight BST); closed by the later of its two children's decisions.
        id: 'HX-0002',
        received_at: new Date('2025-05-23T22:30:00Z'),
        source_code: '3E',
        rag: 'AMBER',
        rag_reason: 'Imported',
        screened_at: new Date('2025-05-23T22:30:00Z'),
        rated_since: new Date('2025-05-23T22:30:00Z'),
        stage: 'DECIDED',
        recorded_at: new Date('2025-05-23T22:30:00Z'),
        decision_due_working_day_at: new Date('2025-05-27T23:00:00Z'),
        closed_at: new Date('2025-05-28T13:00:00Z'),
        ...imported,
        ...notRecorded,
      },
      {
        // Friday 24 October 2025 (BST); due at the end of Monday 27 October, in GMT by then.
        id: 'HX-0003',
        received_at: new Date('2025-10-24T08:00:00Z'),
        source_code: '2A',
        rag: null,
        rag_reason: null,
        screened_at: null,
        rated_since: null,
        stage: 'DECIDED',
        recorded_at: new Date('2025-10-24T08:00:00Z'),
        decision_due_working_day_at: new Date('2025-10-28T00:00:00Z'),
        closed_at: new Date('2025-10-24T14:00:00Z'),
        ...imported,
        ...notRecorded,
      },
      {
        // Monday 3 November 2025, still open: rated, so SCREENED.
        id: 'HX-0004',
        received_at: new Date('2025-11-03T08:00:00Z'),
        source_code: '1A',
        rag: 'GREEN',
        rag_reason: 'Imported',
        screened_at: new Date('2025-11-03T08:00:00Z'),
        rated_since: new Date('2025-11-03T08:00:00Z'),
        stage: 'SCREENED',
        recorded_at: new Date('2025-11-03T08:00:00Z'),
        decision_due_working_day_at: new Date('2025-11-05T00:00:00Z'),
        closed_at: null,
        ...imported,
        ...notRecorded,
      },
    ]);
  });

  it('stores each child decision with an unknown author, and the identifiers as reported', async () => {
    const decisions = await db.dataSource.query(
      `SELECT contact_id, child_id, decided_at, level, outcome, decided_by, rationale, consent,
              reported_nhs_number, reported_upn
         FROM contact_children ORDER BY contact_id, decided_at`,
    );
    const none = { decided_by: null, rationale: null, consent: null };
    expect(decisions).toEqual([
      {
        contact_id: 'HX-0001',
        child_id: ids.Amelia,
        decided_at: new Date('2025-03-10T10:00:00Z'),
        level: 3,
        outcome: 'ASSESSMENT_REQUIRED',
        reported_nhs_number: '9434765919',
        reported_upn: null,
        ...none,
      },
      {
        contact_id: 'HX-0002',
        child_id: ids.Noah,
        decided_at: new Date('2025-05-27T08:15:00Z'),
        level: 2,
        outcome: 'STEP_DOWN_TO_EARLY_HELP',
        reported_nhs_number: null,
        reported_upn: null,
        ...none,
      },
      {
        contact_id: 'HX-0002',
        child_id: ids.Grace,
        decided_at: new Date('2025-05-28T13:00:00Z'),
        level: 4,
        outcome: 'STRATEGY_DISCUSSION',
        reported_nhs_number: null,
        reported_upn: null,
        ...none,
      },
      {
        // "amelia STONE" with the same date of birth: the child the first row created.
        contact_id: 'HX-0003',
        child_id: ids.Amelia,
        decided_at: new Date('2025-10-24T14:00:00Z'),
        level: 1,
        outcome: 'NO_FURTHER_ACTION',
        reported_nhs_number: null,
        reported_upn: null,
        ...none,
      },
      {
        contact_id: 'HX-0004',
        child_id: ids.Leo,
        decided_at: null,
        level: null,
        outcome: null,
        reported_nhs_number: null,
        reported_upn: 'B801200005001',
        ...none,
      },
    ]);
  });

  it('creates the new children with ids from the service numbering and their identifiers', async () => {
    const children = await db.dataSource.query(
      `SELECT id, given_name, family_name, date_of_birth, sex, nhs_number, upn
         FROM children ORDER BY id`,
    );
    expect(children).toEqual([
      {
        id: 'SC100001',
        given_name: 'Amelia',
        family_name: 'Stone',
        date_of_birth: '2015-04-12',
        sex: 'UNKNOWN',
        nhs_number: '9434765919',
        upn: null,
      },
      {
        id: 'SC100002',
        given_name: 'Noah',
        family_name: 'Okafor',
        date_of_birth: '2018-09-30',
        sex: 'UNKNOWN',
        nhs_number: null,
        upn: null,
      },
      {
        id: 'SC100003',
        given_name: 'Grace',
        family_name: 'Okafor',
        date_of_birth: '2020-01-02',
        sex: 'UNKNOWN',
        nhs_number: null,
        upn: null,
      },
      {
        id: 'SC100004',
        given_name: 'Leo',
        family_name: 'Marsh',
        date_of_birth: '2012-11-11',
        sex: 'UNKNOWN',
        nhs_number: null,
        upn: 'B801200005001',
      },
    ]);
  });

  it("stores the referral of the contact's only child and its assessment", async () => {
    expect(
      await db.dataSource.query(
        `SELECT id, contact_id, child_id, created_at, completed_at, created_by FROM referrals`,
      ),
    ).toEqual([
      {
        id: 'HR-0001',
        contact_id: 'HX-0001',
        child_id: ids.Amelia,
        created_at: new Date('2025-03-10T10:00:00Z'),
        completed_at: new Date('2025-03-11T09:00:00Z'),
        created_by: null,
      },
    ]);
    expect(
      await db.dataSource.query(
        `SELECT id, referral_id, child_id, started_at, authorised_at, outcome FROM assessments`,
      ),
    ).toEqual([
      {
        id: 'HA-0001',
        referral_id: 'HR-0001',
        child_id: ids.Amelia,
        started_at: new Date('2025-03-11T09:00:00Z'),
        authorised_at: new Date('2025-04-15T15:00:00Z'),
        outcome: 'CHILD_IN_NEED_PLAN',
      },
    ]);
  });

  it('audits every change under the importing user', async () => {
    const rows = await db.dataSource.query(
      `SELECT user_id, user_role, user_agency, subject, child_id, outcome, reason, occurred_at
         FROM audit_log ORDER BY seq`,
    );
    const by = {
      user_id: 'import',
      user_role: 'ADMIN',
      user_agency: 'SOCIALCARE',
      outcome: 'CHANGED',
      occurred_at: NOW,
    };
    expect(rows).toEqual([
      { ...by, subject: 'Child', child_id: ids.Amelia, reason: 'CHILD_CREATED' },
      { ...by, subject: 'Child', child_id: ids.Noah, reason: 'CHILD_CREATED' },
      { ...by, subject: 'Child', child_id: ids.Grace, reason: 'CHILD_CREATED' },
      { ...by, subject: 'Child', child_id: ids.Leo, reason: 'CHILD_CREATED' },
      { ...by, subject: 'Contact HX-0001', child_id: ids.Amelia, reason: 'CONTACT_IMPORTED' },
      { ...by, subject: 'Contact HX-0002', child_id: ids.Noah, reason: 'CONTACT_IMPORTED' },
      { ...by, subject: 'Contact HX-0002', child_id: ids.Grace, reason: 'CONTACT_IMPORTED' },
      { ...by, subject: 'Contact HX-0003', child_id: ids.Amelia, reason: 'CONTACT_IMPORTED' },
      { ...by, subject: 'Contact HX-0004', child_id: ids.Leo, reason: 'CONTACT_IMPORTED' },
      { ...by, subject: 'Referral HR-0001', child_id: ids.Amelia, reason: 'REFERRAL_IMPORTED' },
      { ...by, subject: 'Assessment HA-0001', child_id: ids.Amelia, reason: 'ASSESSMENT_IMPORTED' },
      {
        ...by,
        subject: 'EarlyHelpEpisode EH000001',
        child_id: ids.Noah,
        reason: 'EARLY_HELP_IMPORTED',
      },
    ]);
  });

  it('opens an early help episode for the step-down, offered to its MASH team’s early help team', async () => {
    const episodes = await db.dataSource.query(
      `SELECT id, contact_id, child_id, stepped_down_at, provider_id, offered_at, family_response,
              closed_on, version
         FROM early_help_episodes ORDER BY id`,
    );
    expect(episodes).toEqual([
      {
        id: 'EH000001',
        contact_id: 'HX-0002',
        child_id: ids.Noah,
        stepped_down_at: new Date('2025-05-27T08:15:00Z'),
        provider_id: 'eh-north',
        offered_at: new Date('2025-05-27T08:15:00Z'),
        family_response: null,
        closed_on: null,
        version: 1,
      },
    ]);
  });

  it('changes nothing when the same files are imported again, and says each row is unchanged', async () => {
    const before = await tableCounts(db);
    const again = await importInto(db, [
      fixture('contacts.csv'),
      fixture('referrals.csv'),
      fixture('assessments.csv'),
    ]);
    expect({ ...again, files: [], ms: 0 }).toEqual({
      ...NO_COUNTS,
      unchanged: { contacts: 4, referrals: 1, assessments: 1 },
      files: [],
      rowsRead: 7,
      rejected: [],
      stored: true,
      ms: 0,
    });
    expect(await tableCounts(db)).toEqual(before);
  });
});

describe('importing history: batching', () => {
  it('loads a thousand rows in as many SQL statements as ten', async () => {
    const statements = new StatementCounter();
    const db = await createTestDatabase('socialcare', { logger: statements });
    try {
      const rows = (prefix: string, n: number) =>
        Array.from(
          { length: n },
          (_, i) =>
            `${prefix}${i},,Child${i},${prefix}Family,2015-01-01,,,2025-03-03T09:30:00Z,6,RED,2025-03-03T12:00:00Z,2,OTHER`,
        );
      statements.reset();
      const ten = await importInto(db, [contactsFile(...rows('B10-', 10))]);
      const tenStatements = statements.count;
      statements.reset();
      const thousand = await importInto(db, [contactsFile(...rows('B1000-', 1000))]);
      expect([ten.created.contacts, thousand.created.contacts]).toEqual([10, 1000]);
      expect(statements.count).toBe(tenStatements);
    } finally {
      await db.close();
    }
  });
});

describe('importing history: decision timeliness', () => {
  it('counts imported contacts as it counts contacts recorded live', async () => {
    const sc = await startSubgraph('socialcare');
    try {
      const report = await importInto(sc.database, [fixture('contacts.csv')], {
        team: 'Assessment Team 2',
      });
      expect(report.rejected).toEqual([]);
      const res = await sc.query<{ decisionTimeliness: Record<string, unknown>[] }>(
        `query { decisionTimeliness(from: "2025-01-01", to: "2025-12-31", groupBy: [TEAM]) {
          team received decided decidedWithin24Hours decidedWithinOneWorkingDay percentDecided
          percentWithin24Hours percentWithinOneWorkingDay medianHoursToDecision
          p90HoursToDecision stillOpen openOverdue
        } }`,
        {},
        { as: 'analyst' },
      );
      expect(res.errors).toBeUndefined();
      // HX-0001 took 65.25 h (in one working day, not 24 h); HX-0002 110.5 h (neither: due at
      // the end of Tuesday 27 May, closed on the 28th); HX-0003 6 h (both); HX-0004 is open and
      // overdue now. p90 of 6, 65.25, 110.5 interpolates to 65.25 + 0.8 x 45.25 = 101.45.
      expect(res.data!.decisionTimeliness.find((r) => r.team === 'Assessment Team 2')).toEqual({
        team: 'Assessment Team 2',
        received: 4,
        decided: 3,
        decidedWithin24Hours: 1,
        decidedWithinOneWorkingDay: 2,
        percentDecided: 75,
        percentWithin24Hours: 33.3,
        percentWithinOneWorkingDay: 66.7,
        medianHoursToDecision: 65.25,
        p90HoursToDecision: 101.45,
        stillOpen: 1,
        openOverdue: 1,
      });
    } finally {
      await sc.stop();
    }
  });
});

function run(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['scripts/import.ts', ...args],
      {
        cwd: ROOT,
        env,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run import', () => {
  it('loads files into the configured embedded database, and exits 1 storing nothing when a row is refused', async () => {
    const embedded = embeddedDataDir('mash-import-');
    const dataDir = embedded.dataDir;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MASH_DATA_DIR: dataDir,
    };
    try {
      const bad = path.join(dataDir, 'bad.csv');
      fs.writeFileSync(
        bad,
        `${HEADER}\nCLI-1,,Pat,Reed,2016-01-01,,,2025-03-03T09:30:00Z,6,,,,\nCLI-2,,Quin,Reed,2016-01-01,,,2025-03-03 09:30,6,,,,\n`,
      );
      const refused = await run(['--team', 'MASH North', bad], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `${bad} line 3: received_at "2025-03-03 09:30" has no offset`,
      );
      expect(refused.stdout).toContain('nothing was stored');

      const loaded = await run(
        [
          '--team',
          'MASH North',
          '--user',
          'jsmith',
          path.join(FIXTURES, 'contacts.csv'),
          path.join(FIXTURES, 'referrals.csv'),
        ],
        env,
      );
      expect(loaded.stderr).toBe('');
      expect(loaded.code).toBe(0);
      expect(loaded.stdout).toMatch(/contacts +4 created, 0 unchanged/);
      expect(loaded.stdout).toMatch(/children +4 created, 0 matched/);
      expect(loaded.stdout).toMatch(/referrals +1 created, 0 unchanged/);
      expect(loaded.stdout).toMatch(/rows read +6\n/);

      expect(
        await embedded.withDatabase('socialcare', (db) =>
          db.query(
            `SELECT (SELECT array_agg(id ORDER BY id) FROM contacts) AS contacts,
                    (SELECT array_agg(DISTINCT user_id) FROM audit_log) AS users`,
          ),
        ),
      ).toEqual([{ contacts: ['HX-0001', 'HX-0002', 'HX-0003', 'HX-0004'], users: ['jsmith'] }]);
    } finally {
      await embedded.remove();
    }
  });
});
