import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { decisionDueOneWorkingDay } from '../../subgraphs/socialcare/clocks';
import type { Database } from '../../shared/database';
import { runningServer } from '../../shared/embedded-postgres';
import { pseudonymise } from '../../subgraphs/socialcare/pseudonym';
import { seedSubgraph } from '../../seed/load';
import {
  ANNEX_A_LISTS,
  exportAnnexAList,
  type AnnexAExportOptions,
  type AnnexAListName,
} from '../../subgraphs/socialcare/exports/annexA';
import { formatHeadline, headlineTimeliness } from '../../subgraphs/socialcare/exports/headline';
import { parseReportArgs } from '../../subgraphs/socialcare/exports/reportOptions';
import { createTestDatabase } from '../support/databases';
import { TEST_NOW, testWorld } from '../support/system';
import { embeddedDataDir, type EmbeddedDataDir } from '../support/embedded';

// Ofsted's Annex A lists as socialcare writes them. The seeded test world's contacts were all
// received from November 2024 on, so every period here (2017-2019) holds only the rows these tests
// write themselves. Every expected cell is worked out by hand beside the rows. Instants are UTC;
// GMT is UTC and BST UTC+1 (2017: 26 March to 29 October; 2018: 25 March to 28 October; 2019:
// 31 March to 27 October, each changing at 01:00 UTC).

const KEY = 'an-example-pseudonym-key-of-32-chars!!';
const REPO = path.resolve(__dirname, '..', '..');

interface ChildRow {
  id: string;
  sex: 'MALE' | 'FEMALE' | 'UNKNOWN';
  ethnicity: string | null;
  dateOfBirth: string | null;
  expectedDateOfBirth?: string;
  disability?: 'YES' | 'NO' | 'UNKNOWN';
}

const CHILDREN: ChildRow[] = [
  { id: 'EXK01', sex: 'FEMALE', ethnicity: 'WBRI', dateOfBirth: '2010-04-01' },
  { id: 'EXK02', sex: 'MALE', ethnicity: null, dateOfBirth: '2012-10-27' },
  {
    id: 'EXK03',
    sex: 'UNKNOWN',
    ethnicity: 'APKN',
    dateOfBirth: null,
    expectedDateOfBirth: '2019-09-01',
  },
  { id: 'EXK04', sex: 'MALE', ethnicity: 'BAFR', dateOfBirth: '2008-06-15' },
  { id: 'EXK05', sex: 'FEMALE', ethnicity: 'BAFR', dateOfBirth: '2011-02-28' },
  { id: 'EXK06', sex: 'FEMALE', ethnicity: 'MWBC', dateOfBirth: '2015-09-10', disability: 'YES' },
  { id: 'EXK07', sex: 'MALE', ethnicity: 'WOTH', dateOfBirth: '2009-09-30', disability: 'NO' },
];

/** [contact id, received at, source, team, children]: list 1's contacts, March to October 2019. */
const CONTACTS: [string, string, string, string, string[]][] = [
  // 23:59:59 GMT on 28 February: before the period.
  ['EXC01', '2019-02-28T23:59:59Z', '6', 'MASH North', ['EXK01']],
  // Midnight GMT on 1 March: its first instant.
  ['EXC02', '2019-03-01T00:00:00Z', '2A', 'MASH North', ['EXK01']],
  // 00:30 GMT on 31 March, before the clocks go forward: 31/03, the day before EXK01 turns 9.
  ['EXC03', '2019-03-31T00:30:00Z', '3E', 'MASH North', ['EXK01']],
  // 23:30 UTC on 31 March is 00:30 BST on 1 April: EXK01's ninth birthday.
  ['EXC04', '2019-03-31T23:30:00Z', '6', 'MASH North', ['EXK01']],
  // Siblings on one contact: a row each. EXC05 and EXC06 share their instant to the microsecond,
  // and EXC07 is one microsecond later, so batches must key on the exact instant and the id.
  ['EXC05', '2019-06-01T10:00:00.123456Z', '1A', 'MASH North', ['EXK01', 'EXK02']],
  ['EXC06', '2019-06-01T10:00:00.123456Z', '8', 'MASH North', ['EXK03']],
  ['EXC07', '2019-06-01T10:00:00.123457Z', '9', 'MASH North', ['EXK02']],
  // 23:30 UTC on 26 October is 00:30 BST on 27 October: EXK02's seventh birthday.
  ['EXC08', '2019-10-26T23:30:00Z', '5C', 'MASH North', ['EXK02']],
  // The clocks went back on 27 October: 23:59:59 UTC on 31 October is 23:59:59 GMT, its last second.
  ['EXC09', '2019-10-31T23:59:59Z', '10', 'MASH North', ['EXK02']],
  ['EXC10', '2019-11-01T00:00:00Z', '6', 'MASH North', ['EXK02']],
  // The contacts of the referrals below, received with them.
  ['EXC11', '2017-06-14T22:30:00Z', '6', 'MASH North', []],
  ['EXC12', '2017-06-14T23:30:00Z', '6', 'MASH North', []],
  ['EXC13', '2018-03-01T10:00:00Z', '6', 'MASH North', []],
  ['EXC14', '2018-06-15T09:00:00Z', '3A', 'MASH South', []],
  ['EXC15', '2018-06-15T14:00:00Z', '2A', 'MASH North', []],
  ['EXC16', '2018-06-16T09:00:00Z', '6', 'MASH Central', []],
  ['EXC17', '2018-05-31T23:30:00Z', '5D', 'MASH North', []],
  ['EXC18', '2018-06-30T23:00:00Z', '6', 'MASH North', []],
  ['EXC19', '2018-05-31T22:59:59Z', '6', 'MASH North', []],
  ['EXC20', '2017-05-02T09:00:00Z', '6', 'MASH North', []],
];

/** [referral id, contact, child, created at]: list 3's referrals, June 2018, and their history. */
const REFERRALS: [string, string, string, string][] = [
  // EXK04: 22:30 UTC on 14 June 2017 is 23:30 BST on the 14th; 23:30 UTC is 00:30 BST on the 15th.
  ['EXR01', 'EXC11', 'EXK04', '2017-06-14T22:30:00Z'],
  ['EXR02', 'EXC12', 'EXK04', '2017-06-14T23:30:00Z'],
  // 23:59:59 BST on 31 May 2018: the second before the period.
  ['EXR09', 'EXC19', 'EXK04', '2018-05-31T22:59:59Z'],
  ['EXR04', 'EXC14', 'EXK04', '2018-06-15T09:00:00Z'],
  ['EXR05', 'EXC15', 'EXK04', '2018-06-15T14:00:00Z'],
  // EXK05, EXK04's sister: her referrals never count towards his.
  ['EXR03', 'EXC13', 'EXK05', '2018-03-01T10:00:00Z'],
  // 23:30 UTC on 31 May is 00:30 BST on 1 June: in the period.
  ['EXR07', 'EXC17', 'EXK05', '2018-05-31T23:30:00Z'],
  ['EXR06', 'EXC16', 'EXK05', '2018-06-16T09:00:00Z'],
  // 23:00 UTC on 30 June is midnight BST starting 1 July: after the period.
  ['EXR08', 'EXC18', 'EXK05', '2018-06-30T23:00:00Z'],
  // The referrals list 4's assessments follow, made in May 2017.
  ...Array.from(
    { length: 9 },
    (_, i) =>
      [
        `EXR1${i}`,
        'EXC20',
        [0, 2, 5, 7, 8].includes(i) ? 'EXK06' : 'EXK07',
        `2017-05-02T09:0${i}:00Z`,
      ] as [string, string, string, string],
  ),
];

/** [assessment id, referral, child, started at, authorised at, outcome]: list 4, September 2017. */
const ASSESSMENTS: [string, string, string, string, string | null, string | null][] = [
  // Started at midnight BST starting 1 September 2017: in the period.
  ['EXA1', 'EXR10', 'EXK06', '2017-08-31T23:00:00Z', '2017-10-20T10:00:00Z', 'CHILD_IN_NEED_PLAN'],
  // Started before, authorised in the period: in it.
  ['EXA2', 'EXR11', 'EXK07', '2017-07-03T09:00:00Z', '2017-09-29T15:00:00Z', 'NO_FURTHER_ACTION'],
  // Started before and authorised after: not in it (nor is one still open from before).
  ['EXA3', 'EXR12', 'EXK06', '2017-07-10T09:00:00Z', '2017-10-02T09:00:00Z', 'NO_FURTHER_ACTION'],
  ['EXA4', 'EXR13', 'EXK07', '2017-06-01T09:00:00Z', null, null],
  // 23:59:59 BST on 30 September, EXK07's eighth birthday, and still open.
  ['EXA5', 'EXR14', 'EXK07', '2017-09-30T22:59:59Z', null, null],
  // Midnight BST starting 1 October: after the period.
  ['EXA6', 'EXR15', 'EXK06', '2017-09-30T23:00:00Z', null, null],
  ['EXA7', 'EXR16', 'EXK07', '2017-09-04T09:00:00Z', '2017-09-20T09:00:00Z', 'OTHER'],
  ['EXA8', 'EXR17', 'EXK06', '2017-08-01T09:00:00Z', '2017-09-01T10:00:00Z', 'SECTION_47'],
  [
    'EXA9',
    'EXR18',
    'EXK06',
    '2017-09-11T09:00:00Z',
    '2017-09-12T09:00:00Z',
    'STEP_DOWN_TO_EARLY_HELP',
  ],
];

/**
 * How the receiving team accepted some referrals: [completed at, allocated team, worker]. The
 * rest were never accepted (no completion, no allocation).
 */
const REFERRAL_ACCEPTANCE: Record<string, [string, string | null, string | null]> = {
  // Accepted and allocated, and no assessment followed: closed with no further action.
  EXR04: ['2018-06-15T12:00:00Z', 'Assessment Team 2', 'Sam Carter'],
  // Allocated a worker without a team: the team is the contact's.
  EXR05: ['2018-06-18T09:00:00Z', null, 'Ruth Okoro'],
  // List 4's EXA1 takes its team and worker from here.
  EXR10: ['2017-08-31T23:00:00Z', 'Assessment Team 2', 'Priya Nair'],
};

/** [child seen, allocated team, worker] of some assessments; the rest recorded none. */
const ASSESSMENT_DETAILS: Record<string, [boolean | null, string | null, string | null]> = {
  EXA1: [true, null, null],
  EXA2: [false, 'MASH Central', 'Kate Doyle'],
  EXA8: [true, 'Assessment Team 2', 'Owen Price'],
};

/**
 * [episode, contact, child, provider, response, assessment started, completed, organisation]:
 * list 2's early help episodes, June to September 2019, each stepped down the day of its contact.
 */
const EPISODES: [
  string,
  string,
  string,
  string,
  'ACCEPTED' | 'DECLINED',
  string | null,
  string | null,
  string | null,
][] = [
  [
    'EXE1',
    'EXC05',
    'EXK01',
    'school-inclusion',
    'ACCEPTED',
    '2019-06-10',
    '2019-07-22',
    'Schools Inclusion Service',
  ],
  // Started before the period, completed in it: in it. No organisation recorded: the provider's.
  ['EXE2', 'EXC05', 'EXK02', 'eh-north', 'ACCEPTED', '2019-05-20', '2019-06-14', null],
  // Started on the period's last day, still open; recorded by an organisation other than the provider.
  [
    'EXE3',
    'EXC07',
    'EXK02',
    'parenting-plus',
    'ACCEPTED',
    '2019-09-30',
    null,
    'West Green Family Hub',
  ],
  // Declined: no assessment, no row.
  ['EXE4', 'EXC06', 'EXK03', 'eh-south', 'DECLINED', null, null, null],
  // Started the day after the period.
  ['EXE5', 'EXC08', 'EXK02', 'eh-north', 'ACCEPTED', '2019-10-01', null, null],
];

const LIST_1_PERIOD = { from: '2019-03-01', to: '2019-10-31' };
const LIST_2_PERIOD = { from: '2019-06-01', to: '2019-09-30' };
const LIST_3_PERIOD = { from: '2018-06-01', to: '2018-06-30' };
const LIST_4_PERIOD = { from: '2017-09-01', to: '2017-09-30' };

/** Writes the rows above as the front door and the assessment work would have stored them. */
async function insertRows(dataSource: DataSource): Promise<void> {
  const q = (sql: string, params: unknown[]) => dataSource.query(sql, params);
  for (const c of CHILDREN) {
    await q(
      `INSERT INTO children (id, given_name, family_name, date_of_birth, expected_date_of_birth,
         sex, ethnicity, disability)
       VALUES ($1, 'Export', 'Test', $2, $3, $4, $5, $6)`,
      [
        c.id,
        c.dateOfBirth,
        c.expectedDateOfBirth ?? null,
        c.sex,
        c.ethnicity,
        c.disability ?? null,
      ],
    );
  }
  for (const [id, receivedAt, source, team, children] of CONTACTS) {
    await q(
      `INSERT INTO contacts (id, received_at, source_code, referrer, concern, team, version, stage,
         recorded_at, decision_due_working_day_at)
       VALUES ($1, $2, $3, 'Export test referrer', 'Export test concern', $4, 1, 'RECEIVED', $2, $5)`,
      [id, receivedAt, source, team, decisionDueOneWorkingDay(new Date(receivedAt))],
    );
    for (const child of children) {
      await q(`INSERT INTO contact_children (contact_id, child_id) VALUES ($1, $2)`, [id, child]);
    }
  }
  for (const [id, contact, child, provider, response, started, completed, org] of EPISODES) {
    await q(
      `INSERT INTO early_help_episodes (id, contact_id, child_id, stepped_down_at, provider_id,
         offered_at, family_response, responded_on, assessment_started_on,
         assessment_completed_on, assessment_organisation, created_at)
       SELECT $1, $2, $3, c.received_at, $4, c.received_at, $5,
              (c.received_at AT TIME ZONE 'Europe/London')::date + 2, $6, $7, $8, c.received_at
         FROM contacts c WHERE c.id = $2`,
      [id, contact, child, provider, response, started, completed, org],
    );
  }
  for (const [id, contact, child, createdAt] of REFERRALS) {
    const [completedAt, team, worker] = REFERRAL_ACCEPTANCE[id] ?? [null, null, null];
    await q(
      `INSERT INTO referrals (id, contact_id, child_id, created_at, completed_at, allocated_team,
         allocated_worker)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, contact, child, createdAt, completedAt, team, worker],
    );
  }
  for (const [id, referral, child, startedAt, authorisedAt, outcome] of ASSESSMENTS) {
    const [seen, team, worker] = ASSESSMENT_DETAILS[id] ?? [null, null, null];
    await q(
      `INSERT INTO assessments (id, referral_id, child_id, started_at, authorised_at, outcome,
         child_seen, allocated_team, allocated_worker)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, referral, child, startedAt, authorisedAt, outcome, seen, team, worker],
    );
  }
}

/** A Writable that keeps what it is given; `slow` makes it take each chunk on a later turn. */
function collector(slow = false): Writable & { text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: slow ? 16 : 16_384,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (slow) setImmediate(callback);
      else callback();
    },
  });
  return Object.assign(sink, { text: () => Buffer.concat(chunks).toString('utf8') });
}

const csv = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

const LIST_1_HEADER =
  'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source';
const LIST_2_HEADER =
  'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Assessment start date,' +
  'Assessment completion date,Organisation completing assessment';
const LIST_3_HEADER =
  'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of referral,' +
  'Referral Source,Referral NFA?,Number of Referrals in Last 12 Months,Allocated Team,' +
  'Allocated Worker';
const LIST_4_HEADER =
  'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),' +
  'Does the Child have a Disability,Continuous Assessment Start Date,' +
  'Child Seen During Continuous Assessment,Continuous Assessment Date of Authorisation,' +
  "Was the child assessed as requiring LA children's social care support?," +
  'Allocated Team,Allocated Worker';

// Gender: Annex A's drop-down values, EXK01 and EXK05 "b) Female", EXK02, EXK04 and EXK07
// "a) Male", EXK03 "c) Not stated/recorded". Ethnicity and source are lettered as the template's
// drop-downs ("a) WBRI", "q) 6: Police"); no ethnicity recorded (EXK02) is "s) NOBT", information
// not yet obtained. Ages are whole years on the row's local date.
const LIST_1_IDENTIFIED = csv(
  LIST_1_HEADER,
  // EXC02, 1 March 2019: EXK01 (born 1 April 2010) is 8.
  'EXK01,b) Female,a) WBRI,01/04/2010,8,01/03/2019,e) 2A: Schools',
  // EXC03, 31 March: still 8, the day before her birthday.
  'EXK01,b) Female,a) WBRI,01/04/2010,8,31/03/2019,k) 3E: Health services',
  // EXC04, 1 April local (31 March UTC): 9.
  'EXK01,b) Female,a) WBRI,01/04/2010,9,01/04/2019,q) 6: Police',
  // EXC05 about two siblings: a row each, in child id order. EXK02 (born 27 October 2012) is 6.
  'EXK01,b) Female,a) WBRI,01/04/2010,9,01/06/2019,a) 1A: Individual',
  'EXK02,a) Male,s) NOBT,27/10/2012,6,01/06/2019,a) 1A: Individual',
  // EXC06, an unborn child: no date of birth, no age.
  'EXK03,c) Not stated/recorded,k) APKN,,,01/06/2019,s) 8: Other',
  'EXK02,a) Male,s) NOBT,27/10/2012,6,01/06/2019,t) 9: Anonymous',
  // EXC08, 27 October local (26th UTC), EXK02's seventh birthday.
  'EXK02,a) Male,s) NOBT,27/10/2012,7,27/10/2019,p) 5C: LA services',
  'EXK02,a) Male,s) NOBT,27/10/2012,7,31/10/2019,u) 10: Unknown',
);

async function exportText(
  dataSource: DataSource,
  list: AnnexAListName,
  options: AnnexAExportOptions,
  slow = false,
): Promise<{ text: string; rows: number; batches: number }> {
  const out = collector(slow);
  const result = await exportAnnexAList(dataSource, list, options, out);
  return { text: out.text(), ...result };
}

describe('Ofsted Annex A exports (socialcare)', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase('socialcare');
    await seedSubgraph('socialcare', db.dataSource, testWorld());
    await insertRows(db.dataSource);
  });
  afterAll(() => db.close());

  describe('list 1: contacts', () => {
    it('lists each child of each contact received in the period, dated in local time, aged on the day', async () => {
      const res = await exportText(db.dataSource, 'LIST_1', { ...LIST_1_PERIOD, identified: true });
      expect(res).toEqual({ text: LIST_1_IDENTIFIED, rows: 9, batches: 1 });
    });

    it('shows each child as its pseudonym by default: the same child always the same', async () => {
      const res = await exportText(db.dataSource, 'LIST_1', {
        ...LIST_1_PERIOD,
        pseudonymKey: KEY,
      });
      const p = (id: string) => pseudonymise(KEY, id);
      expect(res.text).toBe(LIST_1_IDENTIFIED.replace(/^EXK0[123]/gm, (id) => p(id)));
      expect(res.text).not.toMatch(/EXK/);
      expect(
        new Set(
          res.text
            .split('\n')
            .slice(1, -1)
            .map((l) => l.split(',')[0]),
        ),
      ).toEqual(new Set([p('EXK01'), p('EXK02'), p('EXK03')]));
    });

    it('gives other pseudonyms under another key', async () => {
      const other = 'another-example-key-also-32-chars-long';
      const res = await exportText(db.dataSource, 'LIST_1', {
        ...LIST_1_PERIOD,
        pseudonymKey: other,
      });
      expect(res.text.split('\n')[1]).toBe(
        `${pseudonymise(other, 'EXK01')},b) Female,a) WBRI,01/04/2010,8,01/03/2019,e) 2A: Schools`,
      );
      expect(pseudonymise(other, 'EXK01')).not.toBe(pseudonymise(KEY, 'EXK01'));
    });

    it('reads in batches of the size asked for, and writes the same list whatever the size', async () => {
      const sizes = [1, 2, 3, 4, 9, 10];
      const runs = [];
      for (const batchSize of sizes) {
        const res = await exportText(db.dataSource, 'LIST_1', {
          ...LIST_1_PERIOD,
          identified: true,
          batchSize,
        });
        runs.push({
          batchSize,
          batches: res.batches,
          rows: res.rows,
          same: res.text === LIST_1_IDENTIFIED,
        });
      }
      // 9 rows: full batches, then one short (or empty) batch that ends the list.
      expect(runs).toEqual([
        { batchSize: 1, batches: 10, rows: 9, same: true },
        { batchSize: 2, batches: 5, rows: 9, same: true },
        { batchSize: 3, batches: 4, rows: 9, same: true },
        { batchSize: 4, batches: 3, rows: 9, same: true },
        { batchSize: 9, batches: 2, rows: 9, same: true },
        { batchSize: 10, batches: 1, rows: 9, same: true },
      ]);
    });

    it('waits for a slow destination and loses nothing', async () => {
      const res = await exportText(
        db.dataSource,
        'LIST_1',
        { ...LIST_1_PERIOD, identified: true, batchSize: 2 },
        true,
      );
      expect(res).toEqual({ text: LIST_1_IDENTIFIED, rows: 9, batches: 5 });
    });

    it("stops with the destination's error when the destination fails", async () => {
      let taken = 0;
      const failing = new Writable({
        highWaterMark: 16,
        write(chunk: Buffer, _encoding, callback) {
          taken += chunk.length;
          if (taken > 200) callback(new Error('disk full'));
          else setImmediate(callback);
        },
      });
      await expect(
        exportAnnexAList(
          db.dataSource,
          'LIST_1',
          { ...LIST_1_PERIOD, identified: true, batchSize: 2 },
          failing,
        ),
      ).rejects.toThrow('disk full');
    });

    it('writes only the header for a period with no contacts', async () => {
      const res = await exportText(db.dataSource, 'LIST_1', {
        from: '2012-01-01',
        to: '2012-12-31',
        identified: true,
      });
      expect(res).toEqual({ text: csv(LIST_1_HEADER), rows: 0, batches: 1 });
    });
  });

  describe('list 2: early help', () => {
    const LIST_2_IDENTIFIED = csv(
      LIST_2_HEADER,
      // EXE2: started 20 May, completed in the period; EXK02 (born 27 October 2012) 6 at start.
      'EXK02,a) Male,s) NOBT,27/10/2012,6,20/05/2019,14/06/2019,Early Help North',
      'EXK01,b) Female,a) WBRI,01/04/2010,9,10/06/2019,22/07/2019,Schools Inclusion Service',
      'EXK02,a) Male,s) NOBT,27/10/2012,6,30/09/2019,,West Green Family Hub',
    );

    it('lists each early help assessment started or completed in the period, in order of starting', async () => {
      const res = await exportText(db.dataSource, 'LIST_2', { ...LIST_2_PERIOD, identified: true });
      expect(res).toEqual({ text: LIST_2_IDENTIFIED, rows: 3, batches: 1 });
    });

    it('writes the same list in batches of one', async () => {
      const res = await exportText(db.dataSource, 'LIST_2', {
        ...LIST_2_PERIOD,
        identified: true,
        batchSize: 1,
      });
      expect(res).toEqual({ text: LIST_2_IDENTIFIED, rows: 3, batches: 4 });
    });
  });

  describe('list 3: referrals', () => {
    // EXK04's history: EXR01 on 14 June 2017 local, EXR02 on 15 June 2017 local, EXR09 on
    // 31 May 2018. EXK05's: EXR03 on 1 March 2018. "Last 12 months" of a referral on 15 June 2018
    // starts on 15 June 2017: EXR02 counts, EXR01 (a day earlier) does not.
    // Referral NFA?: "a) Yes" for a referral accepted and closed with no assessment (EXR04, EXR05),
    // "b) No" for one never accepted. Allocated Worker: "Unallocated" when none is recorded.
    const LIST_3_IDENTIFIED = csv(
      LIST_3_HEADER,
      // EXR07, 1 June local (31 May UTC), EXK05 (born 28 February 2011) 7: EXR03 before it.
      'EXK05,b) Female,o) BAFR,28/02/2011,7,01/06/2018,p1) 5D: LA services,b) No,1,MASH North,Unallocated',
      // EXR04, EXK04's tenth birthday: EXR02 and EXR09 (EXR01 is a day too early). Accepted by
      // Assessment Team 2, not the contact's MASH South.
      'EXK04,a) Male,o) BAFR,15/06/2008,10,15/06/2018,g) 3A: Health services,a) Yes,2,Assessment Team 2,Sam Carter',
      // EXR05, the same day, later: EXR02, EXR09 and EXR04. A worker and the contact's team.
      'EXK04,a) Male,o) BAFR,15/06/2008,10,15/06/2018,e) 2A: Schools,a) Yes,3,MASH North,Ruth Okoro',
      // EXR06: EXR03 and EXR07; EXR08 (1 July local) is after the period.
      'EXK05,b) Female,o) BAFR,28/02/2011,7,16/06/2018,q) 6: Police,b) No,2,MASH Central,Unallocated',
    );

    it("lists each referral made in the period with its contact's source and team and the child's referrals in the 12 months before", async () => {
      const res = await exportText(db.dataSource, 'LIST_3', { ...LIST_3_PERIOD, identified: true });
      expect(res).toEqual({ text: LIST_3_IDENTIFIED, rows: 4, batches: 1 });
    });

    it('writes the same list in batches of one', async () => {
      const res = await exportText(db.dataSource, 'LIST_3', {
        ...LIST_3_PERIOD,
        identified: true,
        batchSize: 1,
      });
      expect(res).toEqual({ text: LIST_3_IDENTIFIED, rows: 4, batches: 5 });
    });
    it('writes a team that reads as a spreadsheet formula as text, not as a formula', async () => {
      const team = '=HYPERLINK("http://x","y")';
      await db.dataSource.query(
        `INSERT INTO contacts (id, received_at, source_code, referrer, concern, team, version, stage,
           recorded_at, decision_due_working_day_at)
         VALUES ('EXC90', '2016-01-04T09:00:00Z', '6', 'Export test referrer', 'Export test concern',
                 $1, 1, 'RECEIVED', '2016-01-04T09:00:00Z', '2016-01-06T00:00:00Z')`,
        [team],
      );
      await db.dataSource.query(
        `INSERT INTO referrals (id, contact_id, child_id, created_at)
         VALUES ('EXR90', 'EXC90', 'EXK04', '2016-01-04T10:00:00Z')`,
      );
      const res = await exportText(db.dataSource, 'LIST_3', {
        from: '2016-01-01',
        to: '2016-01-31',
        identified: true,
      });
      // Prefixed with ' (csv-stringify's escape_formulas), then quoted for its quotes and comma.
      expect(res.text).toBe(
        csv(
          LIST_3_HEADER,
          `EXK04,a) Male,o) BAFR,15/06/2008,7,04/01/2016,q) 6: Police,b) No,0,"'=HYPERLINK(""http://x"",""y"")",Unallocated`,
        ),
      );
    });
  });

  describe('list 4: assessments', () => {
    // Disability: EXK06 "a) Yes", EXK07 "b) No". Child seen, team and worker: the assessment's,
    // else (team and worker) its referral's, else the contact's team (EXC20, MASH North) and
    // "Unallocated"; child seen not recorded is "c) Unknown".
    const LIST_4_IDENTIFIED = csv(
      LIST_4_HEADER,
      // EXA2: started 3 July, authorised in the period; EXK07 (born 30 September 2009) 7 at start.
      'EXK07,a) Male,d) WOTH,30/09/2009,7,b) No,03/07/2017,b) No,29/09/2017,b) No,MASH Central,Kate Doyle',
      // EXA8: started 1 August, authorised 1 September (a section 47 enquiry); EXK06 1 at start.
      'EXK06,b) Female,f) MWBC,10/09/2015,1,a) Yes,01/08/2017,a) Yes,01/09/2017,a) Yes,Assessment Team 2,Owen Price',
      // EXA1: started at midnight BST starting 1 September; a child in need plan. EXR10's team and worker.
      'EXK06,b) Female,f) MWBC,10/09/2015,1,a) Yes,01/09/2017,a) Yes,20/10/2017,a) Yes,Assessment Team 2,Priya Nair',
      // EXA7: outcome OTHER, neither yes nor no.
      'EXK07,a) Male,d) WOTH,30/09/2009,7,b) No,04/09/2017,c) Unknown,20/09/2017,,MASH North,Unallocated',
      // EXA9: a step down to early help; EXK06 turned 2 on 10 September.
      'EXK06,b) Female,f) MWBC,10/09/2015,2,a) Yes,11/09/2017,c) Unknown,12/09/2017,b) No,MASH North,Unallocated',
      // EXA5: started the last second of 30 September, EXK07's eighth birthday; still open.
      'EXK07,a) Male,d) WOTH,30/09/2009,8,b) No,30/09/2017,c) Unknown,,,MASH North,Unallocated',
    );

    it('lists each assessment started or authorised in the period, in order of starting', async () => {
      const res = await exportText(db.dataSource, 'LIST_4', { ...LIST_4_PERIOD, identified: true });
      expect(res).toEqual({ text: LIST_4_IDENTIFIED, rows: 6, batches: 1 });
    });

    it('writes the same list in batches of one', async () => {
      const res = await exportText(db.dataSource, 'LIST_4', {
        ...LIST_4_PERIOD,
        identified: true,
        batchSize: 1,
      });
      expect(res).toEqual({ text: LIST_4_IDENTIFIED, rows: 6, batches: 7 });
    });
  });

  it('names each list with the headings of the Annex A template', () => {
    expect(ANNEX_A_LISTS).toEqual({
      LIST_1: { fileName: 'annex-a-list-1-contacts.csv', headings: LIST_1_HEADER.split(',') },
      LIST_2: { fileName: 'annex-a-list-2-early-help.csv', headings: LIST_2_HEADER.split(',') },
      LIST_3: { fileName: 'annex-a-list-3-referrals.csv', headings: LIST_3_HEADER.split(',') },
      LIST_4: { fileName: 'annex-a-list-4-assessments.csv', headings: LIST_4_HEADER.split(',') },
    });
  });

  it('refuses a pseudonymised list without a key or with a short one, and a backwards period, before reading', async () => {
    const out = collector();
    await expect(exportAnnexAList(db.dataSource, 'LIST_1', LIST_1_PERIOD, out)).rejects.toThrow(
      'A pseudonymised list needs the pseudonym key (PSEUDONYM_KEY)',
    );
    await expect(
      exportAnnexAList(db.dataSource, 'LIST_1', { ...LIST_1_PERIOD, pseudonymKey: 'short' }, out),
    ).rejects.toThrow('A pseudonym key must be at least 32 characters');
    await expect(
      exportAnnexAList(
        db.dataSource,
        'LIST_1',
        { from: '2019-02-01', to: '2019-01-31', identified: true },
        out,
      ),
    ).rejects.toThrow('`from` must be on or before `to`');
    expect(out.text()).toBe('');
  });

  it('withholds in the headline total every count a month withholds, so no month can be worked out', async () => {
    const headline = await headlineTimeliness(db.dataSource, LIST_1_PERIOD, {
      now: TEST_NOW,
      suppressBelow: 3,
    });
    // March (2), April (1) and October (2) are withheld; the total of 8 less June's 3 would give
    // back their 5, and with one such month, that month.
    expect(formatHeadline(headline)).toBe(
      [
        'month    received  decided  <=24h  %  <=1 WD  %  median h  p90 h  open  overdue',
        '-------  --------  -------  -----  -  ------  -  --------  -----  ----  -------',
        '2019-03         -        -      -  -       -  -         -      -     -        -',
        '2019-04         -        -      -  -       -  -         -      -     -        -',
        '2019-06         3        0      0  -       0  -         -      -     3        3',
        '2019-10         -        -      -  -       -  -         -      -     -        -',
        '-------  --------  -------  -----  -  ------  -  --------  -----  ----  -------',
        'total           -        -      -  -       -  -         -      -     -        -',
      ].join('\n'),
    );
    expect(headline.total.suppressed).toBe(true);
  });

  it('gives the headline: contacts received by local month and in total', async () => {
    const headline = await headlineTimeliness(db.dataSource, LIST_1_PERIOD, {
      now: TEST_NOW,
      suppressBelow: 0,
    });
    // Contacts, not children: March EXC02 and EXC03; April EXC04 (1 April local); June EXC05-07;
    // October EXC08 and EXC09. None decided, all overdue now.
    expect(
      headline.months.map((m) => [m.month, m.received, m.decided, m.stillOpen, m.openOverdue]),
    ).toEqual([
      ['2019-03', 2, 0, 2, 2],
      ['2019-04', 1, 0, 1, 1],
      ['2019-06', 3, 0, 3, 3],
      ['2019-10', 2, 0, 2, 2],
    ]);
    expect(formatHeadline(headline)).toBe(
      [
        'month    received  decided  <=24h  %  <=1 WD  %  median h  p90 h  open  overdue',
        '-------  --------  -------  -----  -  ------  -  --------  -----  ----  -------',
        '2019-03         2        0      0  -       0  -         -      -     2        2',
        '2019-04         1        0      0  -       0  -         -      -     1        1',
        '2019-06         3        0      0  -       0  -         -      -     3        3',
        '2019-10         2        0      0  -       0  -         -      -     2        2',
        '-------  --------  -------  -----  -  ------  -  --------  -----  ----  -------',
        'total           8        0      0  -       0  -         -      -     8        8',
      ].join('\n'),
    );
  });
});

describe('npm run report', () => {
  /** Runs the report's script as npm would, with only the settings given. */
  function report(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        path.join(REPO, 'node_modules', '.bin', 'tsx'),
        ['scripts/report.ts', ...args],
        {
          cwd: REPO,
          env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NODE_ENV: 'development', ...env },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  let embedded: EmbeddedDataDir;
  let dataDir: string;
  beforeAll(() => {
    embedded = embeddedDataDir('mash-report-');
    dataDir = embedded.dataDir;
  });
  afterAll(() => embedded.remove());

  it('reads every problem with its options at once', () => {
    expect(
      parseReportArgs(
        ['--from', '2019-02-29', '--to', '--out', 'x', 'extra', '--bogus', '--identified=yes'],
        '/work',
      ),
    ).toEqual({
      kind: 'invalid',
      problems: [
        'unexpected argument "extra"',
        'unknown option --bogus',
        '--identified takes no value',
        '--from must be a date written YYYY-MM-DD, not "2019-02-29"',
        '--to needs a date (YYYY-MM-DD)',
      ],
    });
  });

  it('refuses a backwards period, one too long, a repeated option and missing dates', () => {
    expect(
      [
        ['--from', '2019-02-01', '--to', '2019-01-31'],
        ['--from', '2019-01-01', '--to', '2024-01-01'],
        ['--from', '2019-01-01', '--to', '2019-01-31', '--to', '2019-02-28'],
        ['--identified'],
      ].map((args) => parseReportArgs(args, '/work')),
    ).toEqual([
      { kind: 'invalid', problems: ['--from must be on or before --to'] },
      {
        kind: 'invalid',
        problems: ['The period may be at most 5 years: --to must be on or before 2023-12-31'],
      },
      { kind: 'invalid', problems: ['--to is given 2 times'] },
      {
        kind: 'invalid',
        problems: [
          '--from is required (a date, YYYY-MM-DD)',
          '--to is required (a date, YYYY-MM-DD)',
        ],
      },
    ]);
  });

  it('writes to reports/<from>_<to> by default, or to --out, resolved from the working folder', () => {
    expect([
      parseReportArgs(['--from', '2019-01-01', '--to', '2019-12-31'], '/work'),
      parseReportArgs(
        ['--from=2019-01-01', '--to=2019-12-31', '--out', 'ofsted', '--identified'],
        '/work',
      ),
    ]).toEqual([
      {
        kind: 'run',
        options: {
          from: '2019-01-01',
          to: '2019-12-31',
          out: '/work/reports/2019-01-01_2019-12-31',
          identified: false,
        },
      },
      {
        kind: 'run',
        options: { from: '2019-01-01', to: '2019-12-31', out: '/work/ofsted', identified: true },
      },
    ]);
  });

  it('exits with status 2, the problems and the usage on bad options', async () => {
    expect(await report(['--from', '2019-1-1'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        '--from must be a date written YYYY-MM-DD, not "2019-1-1"\n' +
        '--to is required (a date, YYYY-MM-DD)\n' +
        'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR] [--identified]\n',
    });
  });

  it('refuses to run in production without PSEUDONYM_KEY', async () => {
    const res = await report(['--from', '2019-01-01', '--to', '2019-01-31'], {
      NODE_ENV: 'production',
      MASH_DATA_DIR: dataDir,
    });
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr: 'Invalid configuration:\n  - PSEUDONYM_KEY: required when NODE_ENV=production\n',
    });
  });

  it('needs no PSEUDONYM_KEY in production for --identified lists, which make no pseudonyms', async () => {
    const res = await report(['--from', '2019-01-01', '--to', '2019-01-31', '--identified'], {
      NODE_ENV: 'production',
      MASH_DATA_DIR: dataDir,
    });
    // Past the key: refused only because this data directory has no database yet.
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr: `There is no embedded database in ${path.join(dataDir, 'postgres')}: npm start creates one\n`,
    });
  });

  it('prints the headline and writes the four lists from the embedded database', async () => {
    // The embedded cluster as npm start leaves it (stopped), socialcare holding the rows above.
    await embedded.withDatabase('socialcare', insertRows);
    const out = path.join(dataDir, 'out');
    const res = await report(
      ['--from', '2017-09-01', '--to', '2019-03-31', '--out', out, '--identified'],
      { MASH_DATA_DIR: dataDir },
    );
    const file = (name: string) => path.join(out, `annex-a-list-${name}.csv`);
    expect({
      status: res.status,
      stderr: res.stderr,
      total: res.stdout.split('\n').find((l) => l.startsWith('total')),
      files: res.stdout.split('\n').filter((l) => l.startsWith(out)),
      list1: fs.readFileSync(file('1-contacts'), 'utf8').split('\n').length,
      keyMade: fs.existsSync(path.join(dataDir, 'keys', 'pseudonym.key')),
    }).toEqual({
      status: 0,
      stderr: '',
      // The contacts received from September 2017 to March 2019: EXC01-EXC03 and EXC13-EXC19.
      total: `total${' '.repeat(10)}10        0      0  -       0  -         -      -    10       10`,
      files: [
        `${file('1-contacts')}  3 rows`,
        // The early help assessments are all of 2019, after the period.
        `${file('2-early-help')}  0 rows`,
        // EXR03-EXR09: all but EXK04's two of June 2017 and those of May 2017.
        `${file('3-referrals')}  7 rows`,
        // All but EXA4, started before the period and still open.
        `${file('4-assessments')}  8 rows`,
      ],
      // A header, 3 rows and the final line end.
      list1: 5,
      // --identified makes no pseudonyms, so no development key is generated for it.
      keyMade: false,
    });
  });

  it('runs beside a running system, attached to its PostgreSQL, which it leaves running', async () => {
    const cluster = await embedded.start();
    try {
      const res = await report(['--from', '2017-09-01', '--to', '2019-03-31', '--identified'], {
        MASH_DATA_DIR: dataDir,
      });
      expect({
        status: res.status,
        stderr: res.stderr,
        total: res.stdout.split('\n').find((l) => l.startsWith('total')),
      }).toEqual({
        status: 0,
        stderr: '',
        total: `total${' '.repeat(10)}10        0      0  -       0  -         -      -    10       10`,
      });
      expect(runningServer(embedded.clusterDir)).not.toBeNull();
    } finally {
      await cluster.release();
    }
    expect(runningServer(embedded.clusterDir)).toBeNull();
  });
});
