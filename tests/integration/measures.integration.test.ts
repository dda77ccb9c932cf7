import { auditOf } from '../support/audit';
import { codes } from '../support/errors';
import {
  badInputs,
  expectedRows,
  freshChildren,
  measureFixtures,
  measuresClient,
  READERS,
  REFUSED,
  SUBJECT,
  withRoles,
  type MeasureName,
  type Row,
} from '../support/measures';
import type { RunningSubgraph } from '../support/system';
import { dataStatements, startSubgraph, TEST_NOW, testWorld } from '../support/system';

// The further analysts' measures over contacts and referrals, as the socialcare subgraph answers
// them: contact-to-referral conversion, referral completion within 72 hours, referrals leading to
// an assessment and re-referrals within 12 months; and, for all six further measures (those
// counting working days are in measures-working-days.integration.test.ts), who may read them, the
// audit, validation, suppression and the one statement each is read in.
//
// The seeded test world's contacts and referrals all fall from November 2024 on, so every period
// here (2012-2024) holds only the rows each test writes itself, straight into the tables. Every
// expected figure is worked out by hand in the comment beside it. Instants are UTC; GMT is UTC,
// BST is UTC+1 (its dates are given where a test needs them).

const MEASURES = [
  'contactConversion',
  'referralCompletion',
  'referralsLeadingToAssessment',
  'assessmentCompletion',
  'reReferrals',
  'childProtectionVisits',
] satisfies MeasureName[];
type Measure = (typeof MEASURES)[number];

/** An expected row: its group keys (the rest null), its measures, and not suppressed. */
const row = expectedRows(['month', 'week', 'team', 'source']);

describe('further measures over contacts and referrals (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const world = testWorld();
  /** A child no other test in this file writes referrals for (re-referrals look back a year). */
  const freshChild = freshChildren(world);
  const put = measureFixtures(() => sc);
  const { ask, rows } = measuresClient<Measure>(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

  describe('contact-to-referral conversion', () => {
    // March 2015: GMT until Sunday 29 March 01:00 UTC, BST after.
    beforeAll(async () => {
      const [a, b, c, d] = [freshChild(), freshChild(), freshChild(), freshChild()];
      // Monday 2 March: two siblings; A referred, B not.
      await put.contact('2015-03-02T10:00:00Z', [
        { childId: a, decidedAt: '2015-03-02T12:00:00Z', referred: true },
        { childId: b, decidedAt: '2015-03-02T12:00:00Z', outcome: 'NO_FURTHER_ACTION' },
      ]);
      // Local midnight starting 1 March (GMT): in March. A again, not referred this time: A's
      // referral from the contact above does not convert this one.
      await put.contact('2015-03-01T00:00:00Z', [
        { childId: a, decidedAt: '2015-03-01T09:00:00Z', outcome: 'ADVICE_AND_SIGNPOST' },
      ]);
      // A second before: 28 February, referred.
      await put.contact('2015-02-28T23:59:59Z', [
        { childId: c, decidedAt: '2015-03-02T09:00:00Z', referred: true },
      ]);
      // 31 March 23:30 BST: in March; decided and referred on 1 April, after the period.
      await put.contact('2015-03-31T22:30:00Z', [
        {
          childId: c,
          decidedAt: '2015-04-01T09:00:00Z',
          outcome: 'STRATEGY_DISCUSSION',
          referred: true,
        },
      ]);
      // 1 April 00:00 BST: April, referred.
      await put.contact('2015-03-31T23:00:00Z', [
        { childId: d, decidedAt: '2015-04-01T10:00:00Z', referred: true },
      ]);
      // 20 March, still undecided.
      await put.contact('2015-03-20T10:00:00Z', [{ childId: d }]);
    });

    it('counts each child decided on a contact received in the period, referred only by a referral from that contact', async () => {
      expect(await rows('contactConversion', '2015-03-01', '2015-03-31')).toEqual([
        // decided: A and B (2 March), A (1 March), C (31 March) = 4; referred: A (2 March) and C
        // = 2, 50%; D on 20 March awaits its decision.
        row({}, { decided: 4, referred: 2, percentReferred: 50, awaitingDecision: 1 }),
      ]);
    });

    it('groups by the month of the local date of receipt', async () => {
      expect(await rows('contactConversion', '2015-02-01', '2015-04-30', ['MONTH'])).toEqual([
        row(
          { month: '2015-02' },
          { decided: 1, referred: 1, percentReferred: 100, awaitingDecision: 0 },
        ),
        row(
          { month: '2015-03' },
          { decided: 4, referred: 2, percentReferred: 50, awaitingDecision: 1 },
        ),
        row(
          { month: '2015-04' },
          { decided: 1, referred: 1, percentReferred: 100, awaitingDecision: 0 },
        ),
      ]);
    });

    it('answers one row of zeros and a null rate for a period with no contacts, and no rows grouped', async () => {
      expect(await rows('contactConversion', '2012-01-01', '2012-12-31')).toEqual([
        row({}, { decided: 0, referred: 0, percentReferred: null, awaitingDecision: 0 }),
      ]);
      expect(await rows('contactConversion', '2012-01-01', '2012-12-31', ['MONTH'])).toEqual([]);
    });

    it('groups by team and then source, sources in the census order (1A before 2A before 10)', async () => {
      // Week of Monday 8 June 2015; each child decided an hour after receipt.
      const decided = (at: string, referred: boolean) => [
        {
          childId: freshChild(),
          decidedAt: at.replace('T09', 'T10'),
          referred,
          outcome: referred ? undefined : 'NO_FURTHER_ACTION',
        },
      ];
      await put.contact('2015-06-08T09:00:00Z', decided('2015-06-08T09:00:00Z', true), {
        team: 'MASH North',
        source: '10',
      });
      await put.contact('2015-06-09T09:00:00Z', decided('2015-06-09T09:00:00Z', false), {
        team: 'MASH North',
        source: '2A',
      });
      await put.contact('2015-06-10T09:00:00Z', decided('2015-06-10T09:00:00Z', true), {
        team: 'MASH North',
        source: '2A',
      });
      await put.contact('2015-06-10T09:00:00Z', decided('2015-06-10T09:00:00Z', false), {
        team: 'MASH North',
        source: '2A',
      });
      await put.contact('2015-06-11T09:00:00Z', decided('2015-06-11T09:00:00Z', false), {
        team: 'MASH North',
        source: '1A',
      });
      await put.contact('2015-06-12T09:00:00Z', decided('2015-06-12T09:00:00Z', true), {
        team: 'MASH South',
        source: '6',
      });
      expect(
        await rows('contactConversion', '2015-06-08', '2015-06-14', ['TEAM', 'SOURCE']),
      ).toEqual([
        row(
          { team: 'MASH North', source: '1A' },
          { decided: 1, referred: 0, percentReferred: 0, awaitingDecision: 0 },
        ),
        // 1 of 3 = 33.33 -> 33.3
        row(
          { team: 'MASH North', source: '2A' },
          { decided: 3, referred: 1, percentReferred: 33.3, awaitingDecision: 0 },
        ),
        row(
          { team: 'MASH North', source: '10' },
          { decided: 1, referred: 1, percentReferred: 100, awaitingDecision: 0 },
        ),
        row(
          { team: 'MASH South', source: '6' },
          { decided: 1, referred: 1, percentReferred: 100, awaitingDecision: 0 },
        ),
      ]);
    });
  });

  describe('referrals completed within 72 hours', () => {
    it('counts 72 elapsed hours across the autumn clock change, a completion exactly at 72 hours in time', async () => {
      // Created Friday 28 October 2016 10:00Z (11:00 BST); the clocks went back at 01:00Z on
      // Sunday 30th, so the referral is due 72 elapsed hours later at Monday 31st 10:00Z (10:00
      // GMT), when the wall clock shows only 71 hours.
      const created = '2016-10-28T10:00:00Z';
      const child = freshChild();
      await put.referral(child, created, { completedAt: '2016-10-31T10:00:00Z' }); // 72 h: in time
      await put.referral(child, created, { completedAt: '2016-10-31T10:00:01Z' }); // a second late
      // 72.5 h elapsed, late; 71.5 h by the wall clock (11:00 BST to 10:30 GMT).
      await put.referral(child, created, { completedAt: '2016-10-31T10:30:00Z' });
      await put.referral(child, created, { completedAt: '2016-10-29T10:00:00Z' }); // 24 h
      await put.referral(child, created); // open, and overdue now (2026)
      expect(await rows('referralCompletion', '2016-10-28', '2016-10-28')).toEqual([
        row(
          {},
          {
            referrals: 5,
            completed: 4,
            completedWithin72Hours: 2,
            // 4 / 5
            percentCompleted: 80,
            // 2 / 4
            percentWithin72Hours: 50,
            stillOpen: 1,
            openOverdue: 1,
          },
        ),
      ]);
    });

    it('counts 72 elapsed hours across the spring clock change', async () => {
      // Created Saturday 26 March 2016 12:00Z (GMT); the clocks went forward at 01:00Z on Sunday
      // 27th, so it is due at Tuesday 29th 12:00Z = 13:00 BST.
      const created = '2016-03-26T12:00:00Z';
      const child = freshChild();
      // 11:30Z = 12:30 BST: 71.5 h elapsed (72.5 h by the wall clock). In time.
      await put.referral(child, created, { completedAt: '2016-03-29T11:30:00Z' });
      // 12:30Z = 13:30 BST: 72.5 h elapsed. Late.
      await put.referral(child, created, { completedAt: '2016-03-29T12:30:00Z' });
      expect(await rows('referralCompletion', '2016-03-26', '2016-03-26')).toEqual([
        row(
          {},
          {
            referrals: 2,
            completed: 2,
            completedWithin72Hours: 1,
            percentCompleted: 100,
            percentWithin72Hours: 50,
            stillOpen: 0,
            openOverdue: 0,
          },
        ),
      ]);
    });

    it('takes referrals by the local date of creation and counts one completed after the period', async () => {
      const child = freshChild();
      // 30 June 2016 23:59:59 BST: June; completed 1 July, 10 h later.
      await put.referral(child, '2016-06-30T22:59:59Z', { completedAt: '2016-07-01T08:59:59Z' });
      // 1 July 00:00 BST: July.
      await put.referral(child, '2016-06-30T23:00:00Z', { completedAt: '2016-07-01T09:00:00Z' });
      // 1 June 00:00 BST: June; completed after 80 h, late.
      await put.referral(child, '2016-05-31T23:00:00Z', { completedAt: '2016-06-04T07:00:00Z' });
      // 31 May 23:59 BST: May.
      await put.referral(child, '2016-05-31T22:59:00Z', { completedAt: '2016-06-01T09:00:00Z' });
      expect(await rows('referralCompletion', '2016-06-01', '2016-06-30')).toEqual([
        row(
          {},
          {
            referrals: 2,
            completed: 2,
            completedWithin72Hours: 1,
            percentCompleted: 100,
            percentWithin72Hours: 50,
            stillOpen: 0,
            openOverdue: 0,
          },
        ),
      ]);
    });

    it('counts an open referral as overdue only once now is past its 72 hours', async () => {
      // Now: Thursday 24 November 2016 10:00Z.
      now = new Date('2016-11-24T10:00:00Z');
      const child = freshChild();
      await put.referral(child, '2016-11-21T10:00:00Z'); // due exactly now: not yet overdue
      await put.referral(child, '2016-11-21T09:59:59Z'); // due a second ago: overdue
      await put.referral(child, '2016-11-21T12:00:00Z', { completedAt: '2016-11-22T12:00:00Z' });
      expect(await rows('referralCompletion', '2016-11-21', '2016-11-21')).toEqual([
        row(
          {},
          {
            referrals: 3,
            completed: 1,
            completedWithin72Hours: 1,
            // 1 / 3 = 33.33
            percentCompleted: 33.3,
            percentWithin72Hours: 100,
            stillOpen: 2,
            openOverdue: 1,
          },
        ),
      ]);
    });

    it('groups by the Monday of the local week of creation', async () => {
      const child = freshChild();
      const done = (created: string) =>
        put.referral(child, created, {
          completedAt: new Date(new Date(created).getTime() + 3_600_000).toISOString(),
        });
      await done('2016-08-07T22:30:00Z'); // Sunday 7 August 23:30 BST: week of Monday 1 August
      await done('2016-08-07T23:30:00Z'); // Monday 8 August 00:30 BST: week of 8 August
      await done('2016-08-10T10:00:00Z'); // Wednesday 10 August: week of 8 August
      const oneHour = (n: number) => ({
        referrals: n,
        completed: n,
        completedWithin72Hours: n,
        percentCompleted: 100,
        percentWithin72Hours: 100,
        stillOpen: 0,
        openOverdue: 0,
      });
      expect(await rows('referralCompletion', '2016-08-01', '2016-08-14', ['WEEK'])).toEqual([
        row({ week: '2016-08-01' }, oneHour(1)),
        row({ week: '2016-08-08' }, oneHour(2)),
      ]);
    });
  });

  describe('referrals leading to an assessment', () => {
    // June 2014, BST throughout.
    beforeAll(async () => {
      const child = freshChild();
      const teamA = { team: 'Assessment Team A' };
      const teamB = { team: 'Assessment Team B' };
      // Authorised after the period: still led to one.
      const r1 = await put.referral(child, '2014-06-05T10:00:00Z', teamA);
      await put.assessment(r1, '2014-06-07T10:00:00Z', '2014-07-20T10:00:00Z');
      // Still in progress: led to one.
      const r2 = await put.referral(child, '2014-06-12T10:00:00Z', teamA);
      await put.assessment(r2, '2014-06-14T10:00:00Z');
      // None.
      await put.referral(child, '2014-06-19T10:00:00Z', teamB);
      // 1 June 00:30 BST: June; assessed in August.
      const r4 = await put.referral(child, '2014-05-31T23:30:00Z', teamB);
      await put.assessment(r4, '2014-08-01T10:00:00Z', '2014-08-20T10:00:00Z');
      // 1 July 00:30 BST: July.
      const r5 = await put.referral(child, '2014-06-30T23:30:00Z', teamB);
      await put.assessment(r5, '2014-07-02T10:00:00Z');
    });

    it('counts the referrals created in the period with an assessment, whenever it started', async () => {
      expect(await rows('referralsLeadingToAssessment', '2014-06-01', '2014-06-30')).toEqual([
        // r1, r2, r4 of r1, r2, r3, r4: 3 / 4
        row({}, { referrals: 4, assessed: 3, percentAssessed: 75 }),
      ]);
    });

    it('groups by the team of the contact behind the referral', async () => {
      expect(
        await rows('referralsLeadingToAssessment', '2014-06-01', '2014-06-30', ['TEAM']),
      ).toEqual([
        row({ team: 'Assessment Team A' }, { referrals: 2, assessed: 2, percentAssessed: 100 }),
        row({ team: 'Assessment Team B' }, { referrals: 2, assessed: 1, percentAssessed: 50 }),
      ]);
    });
  });

  describe('re-referrals within 12 months', () => {
    beforeAll(async () => {
      const [x, y, w, z, v] = [
        freshChild(),
        freshChild(),
        freshChild(),
        freshChild(),
        freshChild(),
      ];
      // X: a previous referral exactly 12 months before (15 March to 15 March): a re-referral.
      await put.referral(x, '2018-03-15T10:00:00Z');
      await put.referral(x, '2019-03-15T10:00:00Z');
      // Y: 12 months and a day before (14 March 2018 to 15 March 2019): not.
      await put.referral(y, '2018-03-14T10:00:00Z');
      await put.referral(y, '2019-03-15T11:00:00Z');
      // W: the first referral in the period is not; the second, 15 days later, is.
      await put.referral(w, '2019-03-05T10:00:00Z');
      await put.referral(w, '2019-03-20T10:00:00Z');
      // Z: 14 June 2018 23:30Z is 15 June 00:30 BST, so exactly 12 months before 15 June 2019 by
      // local dates (a UTC date would make it 14 June, a day too early).
      await put.referral(z, '2018-06-14T23:30:00Z');
      await put.referral(z, '2019-06-15T10:00:00Z');
      // V: two referrals at the same instant from two contacts: the second (by id) is one.
      await put.referral(v, '2019-06-03T10:00:00Z');
      await put.referral(v, '2019-06-03T10:00:00Z');
    });

    it('counts a referral with a previous one on or after the same date a year before, by local dates', async () => {
      expect(await rows('reReferrals', '2019-03-01', '2019-06-30', ['MONTH'])).toEqual([
        // X, Y, W, W: X and W's second, 2 / 4
        row({ month: '2019-03' }, { referrals: 4, reReferrals: 2, percentReReferrals: 50 }),
        // Z, V, V: Z and V's second, 2 / 3 = 66.67
        row({ month: '2019-06' }, { referrals: 3, reReferrals: 2, percentReReferrals: 66.7 }),
      ]);
    });

    it('looks back from 29 February to 28 February of the year before', async () => {
      const [p, q] = [freshChild(), freshChild()];
      // 29 February 2024 less 12 months is 28 February 2023.
      await put.referral(p, '2023-02-28T10:00:00Z');
      await put.referral(p, '2024-02-29T10:00:00Z'); // a re-referral
      await put.referral(q, '2023-02-27T10:00:00Z');
      await put.referral(q, '2024-02-29T11:00:00Z'); // not
      expect(await rows('reReferrals', '2024-02-29', '2024-02-29')).toEqual([
        row({}, { referrals: 2, reReferrals: 1, percentReReferrals: 50 }),
      ]);
    });
  });

  describe('access', () => {
    it.each(withRoles(MEASURES, READERS))('answers %s to %s', async (measure, as) => {
      const res = await ask(measure as Measure, '2012-01-01', '2012-01-31', ['MONTH'], as);
      expect(res).toEqual({ status: 200, data: { [measure]: [] } });
    });

    it.each(withRoles(MEASURES, REFUSED))(
      'refuses %s to %s with FORBIDDEN_ROLE',
      async (measure, as) => {
        const res = await ask(measure as Measure, '2012-01-01', '2012-01-31', [], as);
        expect(res.data).toBeNull();
        expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
      },
    );

    it('records each answer and each refusal in the audit under the measure, naming no child', async () => {
      for (const measure of MEASURES) {
        await ask(
          measure,
          '2012-01-01',
          '2012-01-31',
          [],
          'analyst',
          `measures-audit-a-${measure}`,
        );
        await ask(
          measure,
          '2012-01-01',
          '2012-01-31',
          [],
          'sc-practitioner',
          `measures-audit-p-${measure}`,
        );
      }
      const audit = await auditOf(
        sc,
        MEASURES.flatMap((measure) => [
          `measures-audit-a-${measure}`,
          `measures-audit-p-${measure}`,
        ]),
        ['requestId', 'subject', 'childId', 'outcome', 'reason'],
      );
      expect(audit).toEqual(
        MEASURES.flatMap((measure) => [
          {
            requestId: `measures-audit-a-${measure}`,
            subject: SUBJECT[measure],
            childId: null,
            outcome: 'DISCLOSED',
            reason: 'AGGREGATE',
          },
          {
            requestId: `measures-audit-p-${measure}`,
            subject: SUBJECT[measure],
            childId: null,
            outcome: 'DENIED',
            reason: 'FORBIDDEN_ROLE',
          },
        ]),
      );
    });
  });

  describe('validation', () => {
    it.each(badInputs(MEASURES, 'MONTH'))(
      'refuses %s %s with BAD_USER_INPUT naming the field',
      async (measure, _what, from, to, groupBy, field) => {
        const res = await ask(
          measure as Measure,
          from as string,
          to as string,
          groupBy as string[],
        );
        expect(res.data?.[measure as Measure] ?? null).toBeNull();
        expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
      },
    );

    it.each(MEASURES)('accepts a period of exactly five years for %s', async (measure) => {
      const res = await ask(measure, '2018-01-01', '2022-12-31', ['MONTH']);
      expect(res.errors).toBeUndefined();
    });
  });

  describe('statements', () => {
    const groupings: Record<Measure, string[][]> = {
      contactConversion: [
        [],
        ['MONTH'],
        ['WEEK'],
        ['TEAM'],
        ['SOURCE'],
        ['SOURCE', 'TEAM', 'WEEK', 'MONTH'],
      ],
      referralCompletion: [[], ['MONTH', 'WEEK', 'TEAM', 'SOURCE']],
      referralsLeadingToAssessment: [[], ['MONTH', 'WEEK', 'TEAM', 'SOURCE']],
      assessmentCompletion: [[], ['MONTH', 'WEEK', 'TEAM', 'SOURCE']],
      reReferrals: [[], ['MONTH', 'WEEK', 'TEAM', 'SOURCE']],
      childProtectionVisits: [[], ['MONTH'], ['CATEGORY'], ['CATEGORY', 'MONTH']],
    };
    it.each(MEASURES.flatMap((m) => groupings[m].map((g) => [m, g])))(
      'reads %s in one SQL statement, grouped by %j',
      async (measure, groupBy) => {
        sc.statements.reset();
        // A year of the seeded world, so every statement has rows to read.
        const res = await ask(measure as Measure, '2025-01-01', '2025-12-31', groupBy as string[]);
        expect(res.errors).toBeUndefined();
        expect((res.data![measure as Measure] as Row[]).length).toBeGreaterThan(0);
        expect(dataStatements(sc.statements)).toBe(1);
      },
    );
  });
});

describe('further measures with small-number suppression (socialcare)', () => {
  let sc: RunningSubgraph;
  const world = testWorld();
  const children = world.socialcare.children.map((c) => c.id);
  const put = measureFixtures(() => sc);
  const { rows } = measuresClient<Measure>(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, { deps: { analyticsSuppressBelow: 3 } });
    // January 2018 (GMT): four children decided on contacts received that month, three referred
    // (one per child), the fourth not; each referral completed within an hour.
    for (const [i, child] of children.slice(0, 4).entries()) {
      await put.contact(`2018-01-0${i + 2}T10:00:00Z`, [
        { childId: child, decidedAt: `2018-01-0${i + 2}T11:00:00Z`, referred: i < 3 },
      ]);
    }
    await sc.database.dataSource.query(
      `UPDATE referrals SET completed_at = created_at + interval '1 hour'
        WHERE created_at >= '2018-01-01' AND created_at < '2018-02-01'`,
    );
    // February 2018: one more referral for the first child (a re-referral), still open.
    await put.referral(children[0], '2018-02-05T10:00:00Z');
    // One of the January referrals is assessed.
    const [{ id }] = await sc.database.dataSource.query(
      `SELECT id FROM referrals WHERE created_at >= '2018-01-01' AND created_at < '2018-02-01'
        ORDER BY created_at LIMIT 1`,
    );
    await put.assessment(id, '2018-01-03T10:00:00Z');
  });
  afterAll(() => sc.stop());

  it('withholds conversion counts, and counts within their whole, from 1 to 2 under a threshold of 3, and the rate of such a row', async () => {
    expect(await rows('contactConversion', '2018-01-01', '2018-02-28', ['MONTH'])).toEqual([
      // 4 decided, 3 referred, none waiting: the 3 referred would give away the 1 not referred
      row(
        { month: '2018-01' },
        { decided: 4, referred: null, percentReferred: null, awaitingDecision: 0 },
        true,
      ),
      // The February contact behind the referral: 1 decided and referred, withheld
      row(
        { month: '2018-02' },
        { decided: null, referred: null, percentReferred: null, awaitingDecision: 0 },
        true,
      ),
    ]);
  });

  it('withholds referral completion counts, and those whose complement is from 1 to 2', async () => {
    expect(await rows('referralCompletion', '2018-01-01', '2018-02-28')).toEqual([
      // 4 referrals, 3 completed in time, 1 open and overdue now: all but the referrals withheld,
      // since 3 completed of 4 would give the 1 open away
      row(
        {},
        {
          referrals: 4,
          completed: null,
          completedWithin72Hours: null,
          percentCompleted: null,
          percentWithin72Hours: null,
          stillOpen: null,
          openOverdue: null,
        },
        true,
      ),
    ]);
  });

  it('withholds referrals leading to an assessment and re-referrals from 1 to 2', async () => {
    expect(await rows('referralsLeadingToAssessment', '2018-01-01', '2018-01-31')).toEqual([
      // 3 referrals, 1 assessed: withheld, and the rate
      row({}, { referrals: 3, assessed: null, percentAssessed: null }, true),
    ]);
    expect(await rows('reReferrals', '2018-01-01', '2018-02-28')).toEqual([
      // 4 referrals, 1 re-referral (February's): withheld, and the rate
      row({}, { referrals: 4, reReferrals: null, percentReReferrals: null }, true),
    ]);
  });
});
