import { auditOf } from '../support/audit';
import { codes } from '../support/errors';
import { startSubgraph, TEST_NOW, testWorld, type RunningSubgraph } from '../support/system';
import { row, timelinessHelpers } from '../support/timeliness';

// Decision timeliness as the socialcare subgraph answers it. The seeded test world's contacts
// were all received from November 2024 on, so every period here (2012-2023) holds only the
// contacts each test writes itself, straight into `contacts` and `contact_children`, with the
// one-working-day due instant subgraphs/socialcare/clocks.ts gives at receipt (as recordContact stores it).
// Every expected figure is worked out by hand in the comment beside it. Instants are UTC; GMT is
// UTC, BST is UTC+1 (summer 2023: 26 March to 29 October).
// Grouping and small-number suppression are in timeliness-grouping.integration.test.ts.

describe('decision timeliness (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const { insert, timeliness, rows } = timelinessHelpers(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', testWorld(), { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

  describe('the period and the clocks', () => {
    it('answers one total row of zeros and null rates for a period with no contacts', async () => {
      expect(await rows('2012-01-01', '2012-12-31')).toEqual([
        row(
          {},
          {
            received: 0,
            decided: 0,
            decidedWithin24Hours: 0,
            decidedWithinOneWorkingDay: 0,
            percentDecided: null,
            percentWithin24Hours: null,
            percentWithinOneWorkingDay: null,
            medianHoursToDecision: null,
            p90HoursToDecision: null,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
      ]);
    });

    it('answers no rows at all for a grouped period with no contacts', async () => {
      expect(await rows('2012-01-01', '2012-12-31', ['MONTH'])).toEqual([]);
    });

    it('counts a Friday-night contact decided on Monday as in time for one working day, not 24 hours', async () => {
      // Friday 13 January 2023 (GMT). The first working day after Friday is Monday 16th, so every
      // contact received that Friday is due at its end: Tuesday 17th 00:00 GMT.
      await insert(
        // Fri 23:30 -> Mon 09:30: 58 h (2 x 24 + 10). In time (one working day); over 24 h.
        { receivedAt: '2023-01-13T23:30:00Z', closedAt: '2023-01-16T09:30:00Z' },
        // Fri 23:45 -> Mon 23:59:59: 72 h 14 min 59 s = 72.249722 h. In time, the last second.
        { receivedAt: '2023-01-13T23:45:00Z', closedAt: '2023-01-16T23:59:59Z' },
        // Fri 22:00 -> Tue 00:00:01: 74 h 1 s = 74.000278 h. A second late.
        { receivedAt: '2023-01-13T22:00:00Z', closedAt: '2023-01-17T00:00:01Z' },
      );
      expect(await rows('2023-01-13', '2023-01-13')).toEqual([
        row(
          {},
          {
            received: 3,
            decided: 3,
            decidedWithin24Hours: 0,
            decidedWithinOneWorkingDay: 2,
            percentDecided: 100,
            percentWithin24Hours: 0,
            // 2 / 3 = 66.67 -> 66.7
            percentWithinOneWorkingDay: 66.7,
            // sorted 58, 72.249722, 74.000278: the middle one -> 72.25
            medianHoursToDecision: 72.25,
            // position 0.9 x (3 - 1) = 1.8: 72.249722 + 0.8 x (74.000278 - 72.249722)
            //   = 72.249722 + 1.400444 = 73.650167 -> 73.65
            p90HoursToDecision: 73.65,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
      ]);
    });

    it('counts a contact received on a bank holiday as due at the end of the next working day', async () => {
      // Received on Good Friday, 7 April 2023 (BST). Monday 10th is Easter Monday, so the first
      // working day after is Tuesday 11th: due at its end, Wednesday 12th 00:00 BST =
      // 2023-04-11T23:00:00Z. (Taking Easter Monday for a working day would make it due a day
      // earlier, and both decisions below late.)
      await insert(
        // Fri 10:00Z -> Tue 22:30Z: 4 x 24 + 12.5 = 108.5 h. In time.
        { receivedAt: '2023-04-07T10:00:00Z', closedAt: '2023-04-11T22:30:00Z' },
        // Fri 12:00Z -> Tue 23:00:01Z: 4 x 24 + 11 h 1 s = 107.000278 h. A second late.
        { receivedAt: '2023-04-07T12:00:00Z', closedAt: '2023-04-11T23:00:01Z' },
      );
      expect(await rows('2023-04-07', '2023-04-07')).toEqual([
        row(
          {},
          {
            received: 2,
            decided: 2,
            decidedWithin24Hours: 0,
            decidedWithinOneWorkingDay: 1,
            percentDecided: 100,
            percentWithin24Hours: 0,
            percentWithinOneWorkingDay: 50,
            // (107.000278 + 108.5) / 2 = 107.750139 -> 107.75
            medianHoursToDecision: 107.75,
            // position 0.9 x 1 = 0.9: 107.000278 + 0.9 x 1.499722 = 108.350028 -> 108.35
            p90HoursToDecision: 108.35,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
      ]);
    });

    it('counts a decision exactly at each due instant as in time and one a second later as late', async () => {
      // All received Wednesday 1 February 2023 10:00 GMT: due within 24 hours at Thursday 10:00,
      // within one working day at the end of Thursday, Friday 3rd 00:00 GMT.
      await insert(
        // exactly 24 h: in time both ways
        { receivedAt: '2023-02-01T10:00:00Z', closedAt: '2023-02-02T10:00:00Z' },
        // 24 h 1 s = 24.000278 h: late for 24 hours, in time for the working day
        { receivedAt: '2023-02-01T10:00:00Z', closedAt: '2023-02-02T10:00:01Z' },
        // exactly at the working day's end, 38 h: late for 24 hours, in time for the working day
        { receivedAt: '2023-02-01T10:00:00Z', closedAt: '2023-02-03T00:00:00Z' },
        // 38 h 1 s = 38.000278 h: late both ways
        { receivedAt: '2023-02-01T10:00:00Z', closedAt: '2023-02-03T00:00:01Z' },
      );
      expect(await rows('2023-02-01', '2023-02-01')).toEqual([
        row(
          {},
          {
            received: 4,
            decided: 4,
            decidedWithin24Hours: 1,
            decidedWithinOneWorkingDay: 3,
            percentDecided: 100,
            percentWithin24Hours: 25,
            percentWithinOneWorkingDay: 75,
            // (24.000278 + 38) / 2 = 31.000139 -> 31.00
            medianHoursToDecision: 31,
            // position 0.9 x 3 = 2.7: 38 + 0.7 x 0.000278 = 38.000194 -> 38.00
            p90HoursToDecision: 38,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
      ]);
    });

    it('counts 24 real hours across the spring clock change', async () => {
      // Received Saturday 25 March 2023 12:00 GMT; the clocks went forward at 01:00 GMT on Sunday
      // 26th, so 24 elapsed hours later is Sunday 12:00Z = 13:00 BST, not 12:00 BST. Both are in
      // time for the working day (Monday 27th, due Tuesday 00:00 BST = 2023-03-27T23:00:00Z).
      await insert(
        // Sunday 12:30 BST = 11:30Z: 23.5 h elapsed (24.5 h by the wall clock). In time.
        { receivedAt: '2023-03-25T12:00:00Z', closedAt: '2023-03-26T11:30:00Z' },
        // Sunday 13:30 BST = 12:30Z: 24.5 h elapsed. Late.
        { receivedAt: '2023-03-25T12:00:00Z', closedAt: '2023-03-26T12:30:00Z' },
      );
      expect(await rows('2023-03-25', '2023-03-25')).toEqual([
        row(
          {},
          {
            received: 2,
            decided: 2,
            decidedWithin24Hours: 1,
            decidedWithinOneWorkingDay: 2,
            percentDecided: 100,
            percentWithin24Hours: 50,
            percentWithinOneWorkingDay: 100,
            // (23.5 + 24.5) / 2
            medianHoursToDecision: 24,
            // 23.5 + 0.9 x 1
            p90HoursToDecision: 24.4,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
      ]);
    });

    it('counts 24 real hours across the autumn clock change', async () => {
      // Received Saturday 28 October 2023 12:00 BST = 11:00Z; the clocks went back at 01:00 GMT on
      // Sunday 29th, so 24 elapsed hours later is Sunday 11:00Z = 11:00 GMT.
      await insert(
        // Sunday 11:30 GMT: 23.5 h by the wall clock, 24.5 h elapsed. Late.
        { receivedAt: '2023-10-28T11:00:00Z', closedAt: '2023-10-29T11:30:00Z' },
        // Sunday 10:30 GMT: 23.5 h elapsed. In time.
        { receivedAt: '2023-10-28T11:00:00Z', closedAt: '2023-10-29T10:30:00Z' },
      );
      expect(await rows('2023-10-28', '2023-10-28')).toEqual([
        row(
          {},
          {
            received: 2,
            decided: 2,
            decidedWithin24Hours: 1,
            decidedWithinOneWorkingDay: 2,
            percentDecided: 100,
            percentWithin24Hours: 50,
            percentWithinOneWorkingDay: 100,
            medianHoursToDecision: 24,
            p90HoursToDecision: 24.4,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
      ]);
    });

    it('counts a contact received on the last day of the period and decided after it as decided', async () => {
      // Received Wednesday 31 May 2023 23:30 BST (22:30Z), decided Thursday 1 June 09:00 BST
      // (08:00Z): 9.5 h, and before the end of Thursday, the first working day after.
      await insert({ receivedAt: '2023-05-31T22:30:00Z', closedAt: '2023-06-01T08:00:00Z' });
      expect(await rows('2023-05-01', '2023-05-31')).toEqual([
        row(
          {},
          {
            received: 1,
            decided: 1,
            decidedWithin24Hours: 1,
            decidedWithinOneWorkingDay: 1,
            percentDecided: 100,
            percentWithin24Hours: 100,
            percentWithinOneWorkingDay: 100,
            medianHoursToDecision: 9.5,
            p90HoursToDecision: 9.5,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
      ]);
    });

    it.each([
      // Thursday 1 December 2022, GMT: local midnights 2022-12-01T00:00Z and 2022-12-02T00:00Z.
      [
        'GMT',
        '2022-12-01',
        '2022-11-30T23:59:59Z',
        '2022-12-01T00:00:00Z',
        '2022-12-01T23:59:59Z',
        '2022-12-02T00:00:00Z',
      ],
      // Wednesday 1 June 2022, BST: local midnights 2022-05-31T23:00Z and 2022-06-01T23:00Z.
      [
        'BST',
        '2022-06-01',
        '2022-05-31T22:59:59Z',
        '2022-05-31T23:00:00Z',
        '2022-06-01T22:59:59Z',
        '2022-06-01T23:00:00Z',
      ],
    ])(
      'takes a contact received at local midnight into the day it starts, and one a second before into the day before (%s)',
      async (_zone, day, secondBefore, atMidnight, lastSecond, nextMidnight) => {
        const hoursLater = (instant: string, hours: number) =>
          new Date(new Date(instant).getTime() + hours * 3_600_000).toISOString();
        await insert(
          { receivedAt: secondBefore }, // open
          { receivedAt: atMidnight, closedAt: hoursLater(atMidnight, 1) },
          { receivedAt: lastSecond, closedAt: hoursLater(lastSecond, 2) },
          { receivedAt: nextMidnight }, // open
        );
        // The two decided ones only: no open contact counted.
        expect(await rows(day, day)).toEqual([
          row(
            {},
            {
              received: 2,
              decided: 2,
              decidedWithin24Hours: 2,
              decidedWithinOneWorkingDay: 2,
              percentDecided: 100,
              percentWithin24Hours: 100,
              percentWithinOneWorkingDay: 100,
              // (1 + 2) / 2
              medianHoursToDecision: 1.5,
              // 1 + 0.9 x 1
              p90HoursToDecision: 1.9,
              stillOpen: 0,
              openOverdue: 0,
              openPast24Hours: 0,
            },
          ),
        ]);
      },
    );

    it('counts open contacts as overdue only once now is past their due instants', async () => {
      // Now: Tuesday 7 March 2023 10:00 GMT.
      now = new Date('2023-03-07T10:00:00Z');
      await insert(
        // Friday 09:00, open: due for the working day at the end of Monday (Tue 00:00), for 24 h
        // at Saturday 09:00. Past both.
        { receivedAt: '2023-03-03T09:00:00Z' },
        // Monday 09:00, open: due at the end of Tuesday and at Tuesday 09:00. Past 24 h only.
        { receivedAt: '2023-03-06T09:00:00Z' },
        // Monday 10:00, open: 24 h due at Tuesday 10:00, which is now: not yet past.
        { receivedAt: '2023-03-06T10:00:00Z' },
        // Tuesday 09:30, open: past neither.
        { receivedAt: '2023-03-07T09:30:00Z' },
        // Friday 10:00, decided Monday 12:00: 74 h; in time for the working day (Tue 00:00).
        { receivedAt: '2023-03-03T10:00:00Z', closedAt: '2023-03-06T12:00:00Z' },
      );
      expect(await rows('2023-03-03', '2023-03-07')).toEqual([
        row(
          {},
          {
            received: 5,
            decided: 1,
            decidedWithin24Hours: 0,
            decidedWithinOneWorkingDay: 1,
            // 1 / 5
            percentDecided: 20,
            percentWithin24Hours: 0,
            percentWithinOneWorkingDay: 100,
            medianHoursToDecision: 74,
            p90HoursToDecision: 74,
            stillOpen: 4,
            openOverdue: 1,
            openPast24Hours: 2,
          },
        ),
      ]);
    });

    it('takes the median and 90th percentile of the decided contacts, interpolated, to 2 places', async () => {
      // All received Monday 3 June 2019 09:00Z (10:00 BST); due for the working day at the end
      // of Tuesday (2019-06-04T23:00Z), which every decision below meets.
      const received = '2019-06-03T09:00:00Z';
      await insert(
        { receivedAt: received, closedAt: '2019-06-03T09:30:00Z' }, // 0.5 h
        { receivedAt: received, closedAt: '2019-06-03T10:20:00Z' }, // 1 h 20 min = 1.333333 h
        { receivedAt: received, closedAt: '2019-06-03T11:40:00Z' }, // 2 h 40 min = 2.666667 h
        { receivedAt: received, closedAt: '2019-06-03T19:00:00Z' }, // 10 h
        { receivedAt: received, closedAt: '2019-06-04T16:00:00Z' }, // 31 h: over 24
        { receivedAt: received }, // open: no hours
      );
      expect(await rows('2019-06-03', '2019-06-03')).toEqual([
        row(
          {},
          {
            received: 6,
            decided: 5,
            decidedWithin24Hours: 4,
            decidedWithinOneWorkingDay: 5,
            // 5 / 6 = 83.33
            percentDecided: 83.3,
            // 4 / 5
            percentWithin24Hours: 80,
            percentWithinOneWorkingDay: 100,
            // sorted 0.5, 1.333333, 2.666667, 10, 31: the third -> 2.67
            medianHoursToDecision: 2.67,
            // position 0.9 x (5 - 1) = 3.6: 10 + 0.6 x (31 - 10) = 22.6
            p90HoursToDecision: 22.6,
            stillOpen: 1,
            openOverdue: 1,
            openPast24Hours: 1,
          },
        ),
      ]);
    });
  });

  describe('access', () => {
    it.each(['analyst', 'sc-manager', 'admin'])('answers %s', async (as) => {
      const res = await timeliness('2012-01-01', '2012-01-31', ['MONTH'], as);
      expect(res).toEqual({ status: 200, data: { decisionTimeliness: [] } });
    });

    it.each(['sc-practitioner', 'sc-social-worker', 'police-mash', 'health-visitor'])(
      'refuses %s with FORBIDDEN_ROLE',
      async (as) => {
        const res = await timeliness('2012-01-01', '2012-01-31', [], as);
        expect(res.data).toBeNull();
        expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
      },
    );

    it('records each answer and each refusal in the audit, naming no child', async () => {
      await timeliness('2012-01-01', '2012-01-31', [], 'analyst', 'timeliness-audit-analyst');
      await timeliness('2012-01-01', '2012-01-31', [], 'sc-practitioner', 'timeliness-audit-sc');
      const audit = await auditOf(
        sc,
        ['timeliness-audit-analyst', 'timeliness-audit-sc'],
        ['requestId', 'userId', 'subject', 'childId', 'outcome', 'reason'],
      );
      expect(audit).toEqual([
        {
          requestId: 'timeliness-audit-analyst',
          userId: 'analyst',
          subject: 'DecisionTimeliness',
          childId: null,
          outcome: 'DISCLOSED',
          reason: 'AGGREGATE',
        },
        {
          requestId: 'timeliness-audit-sc',
          userId: 'sc-practitioner',
          subject: 'DecisionTimeliness',
          childId: null,
          outcome: 'DENIED',
          reason: 'FORBIDDEN_ROLE',
        },
      ]);
    });
  });

  describe('validation', () => {
    it.each([
      ['`from` after `to`', '2023-02-02', '2023-02-01', [], 'from'],
      ['a period of five years and a day', '2018-01-01', '2023-01-01', [], 'to'],
      ['five years from 29 February and a day (1 March)', '2020-02-29', '2025-03-01', [], 'to'],
      ['a grouping given twice', '2023-01-01', '2023-01-31', ['MONTH', 'RAG', 'MONTH'], 'groupBy'],
      ['a date that does not exist', '2023-02-30', '2023-03-31', [], 'from'],
    ])(
      'refuses %s with BAD_USER_INPUT naming the field',
      async (_what, from, to, groupBy, field) => {
        const res = await timeliness(from, to, groupBy as string[]);
        expect(res.data?.decisionTimeliness ?? null).toBeNull();
        expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
      },
    );

    it.each([
      ['2018-01-01', '2022-12-31'],
      ['2020-02-29', '2025-02-28'],
    ])('accepts a period of exactly five years, %s to %s', async (from, to) => {
      const res = await timeliness(from, to, ['OUTCOME']);
      expect(res.errors).toBeUndefined();
    });
  });
});
