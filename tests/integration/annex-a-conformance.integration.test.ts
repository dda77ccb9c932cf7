import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import type { Database } from '../../shared/database';
import { seedSubgraph } from '../../seed/load';
import {
  ANNEX_A_LIST_NAMES,
  exportAnnexAList,
  type AnnexAListName,
} from '../../subgraphs/socialcare/exports/annexA';
import { describeInvalidCell, firstInvalidCell, loadAnnexARules } from '../support/annex-a-rules';
import { createTestDatabase } from '../support/databases';
import { TEST_PSEUDONYM_KEY, testWorld } from '../support/system';

// Annex A lists 1 to 4 of the seeded test world, for the twelve months before its "now", written
// by the code `npm run report` runs, checked cell by cell against the public Annex A column rules
// (tests/fixtures/annex-a/rules.json, transcribed from Social Finance's liia-tools schema). Each
// list fails on its first invalid cell, naming the list, row, column, value and rule.

const PERIOD = { from: '2025-11-01', to: '2026-10-31' };
const rules = loadAnnexARules();

async function listText(dataSource: DataSource, list: AnnexAListName): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportAnnexAList(
    dataSource,
    list,
    { ...PERIOD, identified: false, pseudonymKey: TEST_PSEUDONYM_KEY },
    out,
  );
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Early help episodes for the period's step-downs when the seeded world has none in it: a few
 * accepted with an assessment (one still open), one declined with none.
 */
async function ensureEarlyHelpEpisodes(dataSource: DataSource): Promise<void> {
  const [{ n }] = (await dataSource.query(
    `SELECT count(*)::int AS n FROM early_help_episodes
      WHERE assessment_started_on BETWEEN $1 AND $2`,
    [PERIOD.from, PERIOD.to],
  )) as { n: number }[];
  if (n > 0) return;
  const steps = (await dataSource.query(
    `SELECT cc.contact_id, cc.child_id, cc.decided_at
       FROM contact_children cc
      WHERE cc.outcome = 'STEP_DOWN_TO_EARLY_HELP'
        AND cc.decided_at >= $1::date AND cc.decided_at < $2::date - interval '1 month'
      ORDER BY cc.decided_at, cc.contact_id, cc.child_id
      LIMIT 8`,
    [PERIOD.from, PERIOD.to],
  )) as { contact_id: string; child_id: string; decided_at: Date }[];
  for (const [i, s] of steps.entries()) {
    const declined = i === 0;
    await dataSource.query(
      `INSERT INTO early_help_episodes (id, contact_id, child_id, stepped_down_at, provider_id,
         offered_at, family_response, responded_on, assessment_started_on,
         assessment_completed_on, assessment_organisation, lead_practitioner, created_at)
       VALUES ($1, $2, $3, $4, $5, $4, $6, ($4::timestamptz AT TIME ZONE 'Europe/London')::date + 3,
         CASE WHEN $6 = 'ACCEPTED' THEN ($4::timestamptz AT TIME ZONE 'Europe/London')::date + 7 END,
         CASE WHEN $6 = 'ACCEPTED' AND $7 THEN ($4::timestamptz AT TIME ZONE 'Europe/London')::date + 30 END,
         CASE WHEN $6 = 'ACCEPTED' THEN 'Early Help North' END, 'Test Practitioner', $4)
       ON CONFLICT DO NOTHING`,
      [
        `EHT${i}`,
        s.contact_id,
        s.child_id,
        s.decided_at,
        'eh-north',
        declined ? 'DECLINED' : 'ACCEPTED',
        i % 3 !== 1,
      ],
    );
  }
}

describe('Annex A lists 1 to 4 against the public Annex A column rules', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase('socialcare');
    await seedSubgraph('socialcare', db.dataSource, testWorld());
    await ensureEarlyHelpEpisodes(db.dataSource);
  }, 120_000);
  afterAll(() => db.close());

  it('writes every list the rules cover', () => {
    expect(Object.keys(rules.lists).map((n) => `LIST_${n}`)).toEqual(
      expect.arrayContaining([...ANNEX_A_LIST_NAMES]),
    );
    expect([...ANNEX_A_LIST_NAMES]).toEqual(['LIST_1', 'LIST_2', 'LIST_3', 'LIST_4']);
  });

  it.each(Object.keys(rules.lists))(
    'list %s: every cell of every row keeps the rules',
    async (n) => {
      const text = await listText(db.dataSource, `LIST_${n}` as AnnexAListName);
      const rows = text.trimEnd().split('\n').length - 1;
      // A list with no rows could not fail.
      expect(rows).toBeGreaterThan(0);
      const invalid = firstInvalidCell(rules, n, text);
      expect(invalid === null ? null : describeInvalidCell(invalid)).toBeNull();
    },
  );

  it('fills the columns from the seeded records in realistic shares, not from their defaults', async () => {
    const cells = async (list: AnnexAListName) => {
      const [header, ...rows] = parse(await listText(db.dataSource, list)) as string[][];
      return (heading: string) => rows.map((r) => r[header.lastIndexOf(heading)]);
    };
    const share = (values: string[], value: string) =>
      values.filter((v) => v === value).length / values.length;
    const list3 = await cells('LIST_3');
    const list4 = await cells('LIST_4');
    expect({
      referralNfa: share(list3('Referral NFA?'), 'a) Yes') > 0,
      referralsUnallocated: share(list3('Allocated Worker'), 'Unallocated') < 0.1,
      // About 13% of children in need; a small world's sample, so within 7% to 20%.
      disabled:
        Math.abs(share(list4('Does the Child have a Disability'), 'a) Yes') - 0.135) <= 0.065,
      seen: share(list4('Child Seen During Continuous Assessment'), 'a) Yes') > 0.9,
      assessmentsUnallocated: share(list4('Allocated Worker'), 'Unallocated'),
    }).toEqual({
      referralNfa: true,
      referralsUnallocated: true,
      disabled: true,
      seen: true,
      assessmentsUnallocated: 0,
    });
  });
});
