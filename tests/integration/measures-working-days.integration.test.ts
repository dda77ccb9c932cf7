import { syncWorkingDayCalendar } from '../../subgraphs/socialcare/analytics/calendar';
import { isWorkingDay, workingDaysBetween } from '../../shared/working-days';
import { codes } from '../support/errors';
import {
  expectedRows,
  FIELDS,
  measureFixtures,
  measuresClient,
  type Row,
} from '../support/measures';
import type { RunningSubgraph } from '../support/system';
import { dataStatements, startSubgraph, TEST_NOW, testWorld } from '../support/system';

// The measures that count working days, in SQL on `working_day_calendar`: assessment completion
// buckets and child protection visits in time; and the calendar table itself. Working days are
// Monday to Friday less England and Wales bank holidays, counted from the day AFTER the first
// date through the second (shared/working-days.ts): Monday to the next Monday is 5.
//
// Every period here holds only the rows each test writes itself (the seeded world starts in
// November 2024), except the issue's own example in February 2026, which is read from its own
// team's row. Every expected figure is worked out by hand in the comment beside it; "wd" is
// working days. Instants are UTC; GMT is UTC, BST is UTC+1.

type Measure = 'assessmentCompletion' | 'childProtectionVisits';

const assessmentRow = expectedRows(['month', 'week', 'team', 'source']);
const visitRow = expectedRows(['month', 'category']);

interface Buckets {
  authorised: number | null;
  workingDays1To15: number | null;
  workingDays16To25: number | null;
  workingDays26To35: number | null;
  workingDays36To45: number | null;
  workingDaysOver45: number | null;
  percentWithin45WorkingDays: number | null;
  inProgress: number | null;
  inProgressOver45WorkingDays: number | null;
}

const NO_ASSESSMENTS: Buckets = {
  authorised: 0,
  workingDays1To15: 0,
  workingDays16To25: 0,
  workingDays26To35: 0,
  workingDays36To45: 0,
  workingDaysOver45: 0,
  percentWithin45WorkingDays: null,
  inProgress: 0,
  inProgressOver45WorkingDays: 0,
};

/** An expected assessment row: the buckets given, the rest 0, not suppressed. */
function assessed(
  measures: Partial<Buckets>,
  groups: Parameters<typeof assessmentRow>[0] = {},
  suppressed = false,
): Row {
  return assessmentRow(groups, { ...NO_ASSESSMENTS, ...measures }, suppressed);
}

interface Visits {
  plans: number | null;
  visits: number | null;
  visitsInTime: number | null;
  percentVisitsInTime: number | null;
  plansOverdueNow: number | null;
}

/** An expected visit row against `frequency` working days. */
function visited(
  measures: Visits,
  groups: Parameters<typeof visitRow>[0] = {},
  frequency = 10,
  suppressed = false,
): Row {
  return visitRow(groups, { ...measures, frequencyWorkingDays: frequency }, suppressed);
}

/** Writes referrals, assessments, plans and visits straight into socialcare's tables. */
function fixtures(sc: () => RunningSubgraph, children: string[]) {
  const tables = measureFixtures(sc, {
    label: 'Working days',
    contact: 'WC',
    referral: 'WR',
    assessment: 'WA',
  });
  /** The child of the id `ahead` ids on from the last handed out: the children in turn, by id. */
  const child = (ahead = 0) => children[(tables.issued() + ahead) % children.length];

  return {
    /**
     * A referral created at `referredAt` and its assessment, started two hours after it (or at
     * `startedAt`) and authorised at `authorisedAt` when given; the referral is completed two
     * hours after it, on a contact of `team` received an hour before it.
     */
    async assessment(
      referredAt: string,
      authorisedAt: string | null,
      options: { startedAt?: string; team?: string } = {},
    ) {
      const twoHoursOn = new Date(new Date(referredAt).getTime() + 7_200_000).toISOString();
      // The child of the referral's contact, whose id is the next one handed out.
      const referralId = await tables.referral(child(1), referredAt, {
        completedAt: twoHoursOn,
        team: options.team ?? 'MASH North',
      });
      await tables.assessment(referralId, options.startedAt ?? twoHoursOn, authorisedAt);
    },

    /** A child protection plan from `startedOn` (to `endedOn`) with visits at the instants given. */
    async plan(
      startedOn: string,
      endedOn: string | null,
      visits: string[] = [],
      category = 'NEGLECT',
    ) {
      const id = tables.next('WP');
      await tables.query(
        `INSERT INTO child_protection_plans (id, child_id, started_on, ended_on, category)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, child(), startedOn, endedOn, category],
      );
      for (const visitedAt of visits) {
        await tables.query(
          `INSERT INTO child_protection_visits (plan_id, visited_at, visited_by)
           VALUES ($1, $2, 'sc-social-worker')`,
          [id, visitedAt],
        );
      }
    },
  };
}

describe('measures counting working days (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const world = testWorld();
  const put = fixtures(
    () => sc,
    world.socialcare.children.map((c) => c.id),
  );
  const { ask, rows } = measuresClient<Measure>(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

  describe('the working-day calendar', () => {
    async function calendar() {
      return (await sc.database.dataSource.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, is_working_day AS "isWorkingDay",
                working_days_through AS "through"
           FROM working_day_calendar ORDER BY day`,
      )) as { day: string; isWorkingDay: boolean; through: number }[];
    }

    it('holds every date of 2010-2028 once, agreeing with shared/working-days.ts', async () => {
      const days = await calendar();
      // 19 years of 365 days and the 29 Februaries of 2012, 2016, 2020, 2024 and 2028.
      expect(days.length).toBe(19 * 365 + 5);
      expect([days[0].day, days[days.length - 1].day]).toEqual(['2010-01-01', '2028-12-31']);
      const wrong = days.filter((d) => d.isWorkingDay !== isWorkingDay(d.day));
      expect(wrong).toEqual([]);
      // Differences of the running count are workingDaysBetween, over spans of every length.
      const mismatches: string[] = [];
      for (let i = 0; i < days.length; i += 97) {
        for (let j = i; j < days.length; j += 389) {
          const sql = days[j].through - days[i].through;
          const js = workingDaysBetween(days[i].day, days[j].day);
          if (sql !== js) mismatches.push(`${days[i].day}..${days[j].day}: ${sql} vs ${js}`);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('counts 45 wd from Monday 1 December 2025 to Thursday 5 February 2026, 46 to Friday 6th', async () => {
      // December after the 1st: 2-5 (4), 8-12 (9), 15-19 (14), 22-24 (17), Christmas Day and
      // Boxing Day, 29-31 (20). January: New Year's Day, Friday 2 (21), then four full weeks
      // (41). February: 2-5 (45), 6 (46).
      const [answer] = await sc.database.dataSource.query(
        `SELECT (SELECT working_days_through FROM working_day_calendar WHERE day = '2026-02-05')
              - (SELECT working_days_through FROM working_day_calendar WHERE day = '2025-12-01')
                  AS "to5th",
                (SELECT working_days_through FROM working_day_calendar WHERE day = '2026-02-06')
              - (SELECT working_days_through FROM working_day_calendar WHERE day = '2025-12-01')
                  AS "to6th"`,
      );
      expect(answer).toEqual({ to5th: 45, to6th: 46 });
    });

    it('is refreshed in one statement, changing nothing when current and repairing what differs', async () => {
      const before = await calendar();
      sc.statements.reset();
      expect(await syncWorkingDayCalendar(sc.database.dataSource)).toEqual({
        written: 0,
        removed: 0,
      });
      expect(dataStatements(sc.statements)).toBe(1);
      // Christmas Day made a working day, a year the data does not cover added, a day removed.
      await sc.database.dataSource.query(
        `UPDATE working_day_calendar SET is_working_day = true WHERE day = '2025-12-25'`,
      );
      await sc.database.dataSource.query(
        `INSERT INTO working_day_calendar VALUES ('2029-01-02', true, 99999)`,
      );
      await sc.database.dataSource.query(
        `DELETE FROM working_day_calendar WHERE day = '2028-12-29'`,
      );
      expect(await syncWorkingDayCalendar(sc.database.dataSource)).toEqual({
        written: 2,
        removed: 1,
      });
      expect(await calendar()).toEqual(before);
    });
  });

  describe('assessment completion', () => {
    it('buckets by wd from the referral, at each bucket edge, across the August bank holiday', async () => {
      // Referrals on Monday 3 July 2017 10:00Z (11:00 BST), each authorised at 14:00Z. Counting
      // from Tuesday 4th: each Monday after adds 5 (10 July 5, 17th 10, 24th 15, 31st 20, 7
      // August 25, 14th 30, 21st 35); Friday 25 August 39; Monday 28 August is the summer bank
      // holiday (still 39); Tuesday 29th 40, Monday 4 September 44, Tuesday 5th 45.
      const referred = '2017-07-03T10:00:00Z';
      for (const authorised of [
        '2017-07-03', // 0 wd, the same day: 1-15
        '2017-07-24', // 15: 1-15
        '2017-07-25', // 16: 16-25
        '2017-08-07', // 25: 16-25
        '2017-08-08', // 26: 26-35
        '2017-08-21', // 35: 26-35
        '2017-08-22', // 36: 36-45
        '2017-09-05', // 45 (46 if the bank holiday were counted): 36-45
        '2017-09-06', // 46: over 45
      ]) {
        await put.assessment(referred, `${authorised}T14:00:00Z`);
      }
      expect(await rows('assessmentCompletion', '2017-07-01', '2017-09-30')).toEqual([
        assessed({
          authorised: 9,
          workingDays1To15: 2,
          workingDays16To25: 2,
          workingDays26To35: 2,
          workingDays36To45: 2,
          workingDaysOver45: 1,
          // 8 / 9 = 88.89
          percentWithin45WorkingDays: 88.9,
        }),
      ]);
    });

    it('takes the referral and the authorisation by their local dates, and the period by the authorisation', async () => {
      // Summer 2013 (BST). Monday 1 July counting from Tuesday 2nd: 22 July is 15 wd, 23rd 16.
      // Referred 30 June 23:30Z = Monday 1 July 00:30 BST, authorised Monday 22 July: 15 wd, 1-15
      // (from the UTC date, Sunday 30 June, it would be 16).
      await put.assessment('2013-06-30T23:30:00Z', '2013-07-22T14:00:00Z');
      // Referred Monday 1 July, authorised 22 July 23:30Z = Tuesday 23 July 00:30 BST: 16 wd,
      // 16-25 (from the UTC date, 15).
      await put.assessment('2013-07-01T10:00:00Z', '2013-07-22T23:30:00Z');
      // Authorised 30 September 23:30Z = 1 October 00:30 BST: October, not counted.
      await put.assessment('2013-07-01T10:00:00Z', '2013-09-30T23:30:00Z');
      // Referred Monday 3 June, authorised 30 June 23:30Z = Monday 1 July 00:30 BST: July, and
      // 20 wd (June 4-7 4, 10-14 9, 17-21 14, 24-28 19, 1 July 20): 16-25.
      await put.assessment('2013-06-03T10:00:00Z', '2013-06-30T23:30:00Z');
      expect(await rows('assessmentCompletion', '2013-07-01', '2013-09-30')).toEqual([
        assessed({
          authorised: 3,
          workingDays1To15: 1,
          workingDays16To25: 2,
          percentWithin45WorkingDays: 100,
        }),
      ]);
    });

    it('skips Good Friday, Easter Monday and the early May bank holiday', async () => {
      // Referred Monday 10 April 2017: Tue 11-Thu 13 (3), Good Friday 14th and Easter Monday
      // 17th skipped, 18-21 (7), 24-28 (12), Monday 1 May skipped, 2-4 May (15), Friday 5th (16).
      await put.assessment('2017-04-10T09:00:00Z', '2017-05-04T15:00:00Z'); // 15: 1-15
      await put.assessment('2017-04-10T09:00:00Z', '2017-05-05T15:00:00Z'); // 16: 16-25
      // Referred on Good Friday itself: Easter Monday skipped, 18-21 (4), 24-28 (9), 2-5 May (13).
      await put.assessment('2017-04-14T09:00:00Z', '2017-05-05T15:00:00Z'); // 13: 1-15
      expect(await rows('assessmentCompletion', '2017-05-01', '2017-05-31', ['MONTH'])).toEqual([
        assessed(
          {
            authorised: 3,
            workingDays1To15: 2,
            workingDays16To25: 1,
            percentWithin45WorkingDays: 100,
          },
          { month: '2017-05' },
        ),
      ]);
    });

    it('counts a referral on Monday 1 December 2025 authorised on Thursday 5 February 2026 as 45, on Friday 6th over 45', async () => {
      // The seeded world has assessments then too: this team's row holds only these two.
      const team = 'Working Days Example';
      await put.assessment('2025-12-01T10:00:00Z', '2026-02-05T15:00:00Z', { team });
      await put.assessment('2025-12-01T10:00:00Z', '2026-02-06T15:00:00Z', { team });
      const answer = await rows('assessmentCompletion', '2026-02-05', '2026-02-06', ['TEAM']);
      expect(answer.find((r) => r.team === team)).toEqual(
        assessed(
          {
            authorised: 2,
            workingDays36To45: 1,
            workingDaysOver45: 1,
            percentWithin45WorkingDays: 50,
          },
          { team },
        ),
      );
    });

    it('counts assessments started in the period and still in progress, apart from those authorised', async () => {
      // January 2018, now 20 November 2026: any still in progress is far past 45 wd.
      await put.assessment('2018-01-08T10:00:00Z', null); // started 8 January: counted
      await put.assessment('2018-01-31T21:00:00Z', null); // started 31 January 23:00: counted
      await put.assessment('2017-12-20T10:00:00Z', null, { startedAt: '2017-12-28T10:00:00Z' }); // started before
      await put.assessment('2018-01-15T10:00:00Z', '2018-03-01T10:00:00Z'); // authorised in March
      expect(await rows('assessmentCompletion', '2018-01-01', '2018-01-31')).toEqual([
        assessed({ inProgress: 2, inProgressOver45WorkingDays: 2 }),
      ]);
    });

    it('counts one in progress as over 45 wd once today is the 46th working day after its referral', async () => {
      // Now Wednesday 14 March 2018 (GMT). Counting back 45 wd from it: 12-14 March (3), 5-9
      // (8), 1-2 (10), 26-28 February (13), 19-23 (18), 12-16 (23), 5-9 (28), 1-2 (30), 29-31
      // January (33), 22-26 (38), 15-19 (43), 11-12 (45): a referral on Wednesday 10 January has
      // 45 wd to today, one on Tuesday 9 January 46.
      now = new Date('2018-03-14T12:00:00Z');
      const inFebruary = (startedAt: string) => ({ startedAt });
      await put.assessment('2018-01-10T10:00:00Z', null, inFebruary('2018-02-06T10:00:00Z')); // 45
      await put.assessment('2018-01-09T10:00:00Z', null, inFebruary('2018-02-07T10:00:00Z')); // 46
      await put.assessment('2018-02-01T10:00:00Z', null); // 29 wd
      expect(await rows('assessmentCompletion', '2018-02-01', '2018-02-28')).toEqual([
        assessed({ inProgress: 3, inProgressOver45WorkingDays: 1 }),
      ]);
    });
  });

  describe('child protection visits', () => {
    // Christmas 2022: Boxing Day Monday 26 December and Christmas Day's substitute Tuesday 27th
    // are bank holidays, and New Year's Day's substitute Monday 2 January 2023.
    beforeAll(async () => {
      // P1, neglect, from Thursday 1 December 2022. 15 December: 2 (1), 5-9 (6), 12-15 (10): in
      // time. 30 December: 16 (1), 19-23 (6), 28-30 (9): in time (11 if Christmas were worked).
      // 16 January: 3-6 (4), 9-13 (9), 16 (10): in time. Ended 30 June 2023.
      await put.plan(
        '2022-12-01',
        '2023-06-30',
        ['2022-12-15T10:00:00Z', '2022-12-30T10:00:00Z', '2023-01-16T10:00:00Z'],
        'NEGLECT',
      );
      // P2, physical, from Monday 5 December, never ended. 20 December: 6-9 (4), 12-16 (9), 19
      // (10), 20 (11): late. 4 January: 21-23 (3), 28-30 (6), 3-4 (8): in time. Now (2026)
      // long overdue.
      await put.plan(
        '2022-12-05',
        null,
        ['2022-12-20T10:00:00Z', '2023-01-04T10:00:00Z'],
        'PHYSICAL',
      );
      // P3, emotional, from Tuesday 1 November. 28 November from the start: 2-4 (3), 7-11 (8),
      // 14-18 (13), 21-25 (18), 28 (19): late. 12 December from that visit: 29-30 (2), 1-2 (4),
      // 5-9 (9), 12 (10): in time (from the plan's start it would be 29, late). Ended 1 March.
      await put.plan(
        '2022-11-01',
        '2023-03-01',
        ['2022-11-28T10:00:00Z', '2022-12-12T10:00:00Z'],
        'EMOTIONAL',
      );
      // P4, sexual, from Monday 3 October to 30 November: 14 October 9 wd, in time (October is
      // outside every period below); 15 November: 17-21 (5), 24-28 (10), 31 (11), 1-4 (15), 7-11
      // (20), 14-15 (22): late.
      await put.plan(
        '2022-10-03',
        '2022-11-30',
        ['2022-10-14T10:00:00Z', '2022-11-15T10:00:00Z'],
        'SEXUAL',
      );
      // P5, multiple, 2 January to 28 February 2023, never visited.
      await put.plan('2023-01-02', '2023-02-28', [], 'MULTIPLE');
      // P6, neglect, 15 November to 1 December 2022: active on 1 December.
      await put.plan('2022-11-15', '2022-12-01', [], 'NEGLECT');
    });

    it('counts visits within 10 wd of the previous visit, or of the start, across Christmas', async () => {
      expect(await rows('childProtectionVisits', '2022-12-01', '2022-12-31')).toEqual([
        // Plans P1, P2, P3, P6. Visits P1 x2 (in time), P2 (late), P3 (in time): 3 / 4. P2 is
        // overdue now.
        visited({
          plans: 4,
          visits: 4,
          visitsInTime: 3,
          percentVisitsInTime: 75,
          plansOverdueNow: 1,
        }),
      ]);
    });

    it('groups by category, in the schema order', async () => {
      expect(await rows('childProtectionVisits', '2022-12-01', '2022-12-31', ['CATEGORY'])).toEqual(
        [
          visited(
            { plans: 1, visits: 1, visitsInTime: 1, percentVisitsInTime: 100, plansOverdueNow: 0 },
            { category: 'EMOTIONAL' },
          ),
          // P1 and P6
          visited(
            { plans: 2, visits: 2, visitsInTime: 2, percentVisitsInTime: 100, plansOverdueNow: 0 },
            { category: 'NEGLECT' },
          ),
          visited(
            { plans: 1, visits: 1, visitsInTime: 0, percentVisitsInTime: 0, plansOverdueNow: 1 },
            { category: 'PHYSICAL' },
          ),
        ],
      );
    });

    it('groups by month: visits by their month, plans in every month they were active, overdue plans in the last', async () => {
      expect(await rows('childProtectionVisits', '2022-11-01', '2023-01-31', ['MONTH'])).toEqual([
        // Plans P3, P4, P6; visits P3 28 November (late), P4 15 November (late).
        visited(
          { plans: 3, visits: 2, visitsInTime: 0, percentVisitsInTime: 0, plansOverdueNow: 0 },
          { month: '2022-11' },
        ),
        // As the December period, but P2, overdue now, counts as overdue only in January, the
        // last month of the period it was active in: the months add up to the period's 1.
        visited(
          { plans: 4, visits: 4, visitsInTime: 3, percentVisitsInTime: 75, plansOverdueNow: 0 },
          { month: '2022-12' },
        ),
        // Plans P1, P2, P3, P5; visits P1 16 January and P2 4 January, both in time.
        visited(
          { plans: 4, visits: 2, visitsInTime: 2, percentVisitsInTime: 100, plansOverdueNow: 1 },
          { month: '2023-01' },
        ),
      ]);
    });

    it('takes each visit on its local date, and one on the weekend after a due Friday as in time', async () => {
      // July 2021, BST. From Monday 5 July: 19 July is 10 wd, 20th 11.
      // 18 July 23:30Z = Monday 19 July 00:30 BST: 10, in time.
      await put.plan('2021-07-05', '2021-08-31', ['2021-07-18T23:30:00Z']);
      // 19 July 23:30Z = Tuesday 20 July 00:30 BST: 11, late (by the UTC date, 10).
      await put.plan('2021-07-05', '2021-08-31', ['2021-07-19T23:30:00Z']);
      // From Friday 9 July the 10th wd is Friday 23rd: Saturday 24th is still 10, in time;
      // Monday 26th 11, late.
      await put.plan('2021-07-09', '2021-08-31', ['2021-07-24T10:00:00Z']);
      await put.plan('2021-07-09', '2021-08-31', ['2021-07-26T10:00:00Z']);
      expect(await rows('childProtectionVisits', '2021-07-01', '2021-07-31')).toEqual([
        visited({
          plans: 4,
          visits: 4,
          visitsInTime: 2,
          percentVisitsInTime: 50,
          plansOverdueNow: 0,
        }),
      ]);
    });

    it('counts a running plan as overdue once more than 10 wd have passed since its latest visit or start', async () => {
      // Now Tuesday 23 March 2021 12:00Z (GMT).
      now = new Date('2021-03-23T12:00:00Z');
      // From Friday 5 March, visited Saturday 20th (10 wd, in time); 20th to today: 22-23 (2).
      await put.plan('2021-03-05', null, ['2021-03-20T10:00:00Z']);
      // From Monday 8 March, never visited: 9-12 (4), 15-19 (9), 22-23 (11): overdue.
      await put.plan('2021-03-08', null);
      // From Tuesday 9 March, never visited: 10 wd today: due today, not overdue.
      await put.plan('2021-03-09', null);
      // From Monday 8 March, ended Monday 22nd: no longer running.
      await put.plan('2021-03-08', '2021-03-22');
      // From Monday 8 March, visited today at 11:00Z (11 wd: late); 0 wd since.
      await put.plan('2021-03-08', null, ['2021-03-23T11:00:00Z']);
      // From Wednesday 24 March, after today: not running yet.
      await put.plan('2021-03-24', null);
      expect(await rows('childProtectionVisits', '2021-03-01', '2021-03-31')).toEqual([
        visited({
          plans: 6,
          visits: 2,
          visitsInTime: 1,
          percentVisitsInTime: 50,
          plansOverdueNow: 1,
        }),
      ]);
    });
  });

  describe('dates outside the calendar', () => {
    it.each([
      ['assessmentCompletion', '2009-12-01', '2010-01-31', 'from'],
      ['assessmentCompletion', '2028-12-01', '2029-01-31', 'to'],
      ['childProtectionVisits', '2009-12-01', '2010-01-31', 'from'],
      ['childProtectionVisits', '2028-12-01', '2029-01-31', 'to'],
    ] as const)(
      'refuses %s for %s to %s with CALENDAR_NOT_COVERED',
      async (measure, from, to, field) => {
        const res = await ask(measure, from, to);
        expect(res.data).toBeNull();
        expect(codes(res.errors)).toEqual([{ code: 'CALENDAR_NOT_COVERED', field }]);
      },
    );

    it('refuses to count an assessment whose referral is before the calendar, rather than guess', async () => {
      // Referred 30 December 2009, authorised 20 January 2010: 2009 has no bank-holiday data.
      await put.assessment('2009-12-30T10:00:00Z', '2010-01-20T10:00:00Z');
      const res = await ask('assessmentCompletion', '2010-01-01', '2010-01-31');
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.uncounted])).toEqual([
        ['CALENDAR_NOT_COVERED', 1],
      ]);
      expect(res.errors?.[0].message).toMatch(
        /outside the working-day calendar, which covers 2010-2028/,
      );
    });

    it('refuses to count a first visit to a plan that started before the calendar', async () => {
      await put.plan('2009-12-15', '2010-03-01', ['2010-01-05T10:00:00Z']);
      const res = await ask('childProtectionVisits', '2010-01-01', '2010-01-31');
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.uncounted])).toEqual([
        ['CALENDAR_NOT_COVERED', 1],
      ]);
    });

    it('refuses what needs today counted when today is after the calendar', async () => {
      now = new Date('2029-02-01T12:00:00Z');
      await put.assessment('2011-01-10T10:00:00Z', null); // in progress: wd to today needed
      await put.plan('2011-01-03', null, ['2011-01-14T10:00:00Z']); // running: wd to today needed
      for (const measure of ['assessmentCompletion', 'childProtectionVisits'] as const) {
        const res = await ask(measure, '2011-01-01', '2011-01-31');
        expect(res.data).toBeNull();
        expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.uncounted])).toEqual([
          ['CALENDAR_NOT_COVERED', 1],
        ]);
      }
    });
  });
});

describe('measures counting working days with other settings (socialcare)', () => {
  let sc: RunningSubgraph;
  const world = testWorld();
  const put = fixtures(
    () => sc,
    world.socialcare.children.map((c) => c.id),
  );

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, {
      deps: { analyticsSuppressBelow: 3, cpVisitWorkingDays: 20 },
    });
  });
  afterAll(() => sc.stop());

  async function rows(query: string, variables: Record<string, unknown>, field: string) {
    const res = await sc.query<Record<string, Row[]>>(query, variables, { as: 'analyst' });
    expect(res.errors).toBeUndefined();
    return res.data![field];
  }

  it('measures visits against the configured frequency, 20 wd', async () => {
    // Four plans from Monday 1 October 2012, one visit each. From Tuesday 2nd: 2-5 (4), 8-12
    // (9), 15 (10), 16 (11), 22 (15), 29 (20), 30 (21). Under 20: the first three in time.
    for (const [day, category] of [
      ['16', 'NEGLECT'],
      ['22', 'NEGLECT'],
      ['29', 'NEGLECT'],
      ['30', 'PHYSICAL'],
    ]) {
      await put.plan('2012-10-01', '2012-12-31', [`2012-10-${day}T10:00:00Z`], category);
    }
    const query = `query ($groupBy: [ChildProtectionVisitGrouping!]) {
      childProtectionVisits(from: "2012-10-01", to: "2012-10-31", groupBy: $groupBy) {
        ${FIELDS.childProtectionVisits}
      }
    }`;
    // Small-number suppression (3): 3 of 4 visits in time would give the 1 late away, so only the
    // plans and visits are shown.
    expect(await rows(query, { groupBy: [] }, 'childProtectionVisits')).toEqual([
      visited(
        {
          plans: 4,
          visits: 4,
          visitsInTime: null,
          percentVisitsInTime: null,
          plansOverdueNow: null,
        },
        {},
        20,
        true,
      ),
    ]);
    // The physical plan's row, of 1, is withheld whole.
    expect(await rows(query, { groupBy: ['CATEGORY'] }, 'childProtectionVisits')).toEqual([
      visited(
        { plans: 3, visits: 3, visitsInTime: 3, percentVisitsInTime: 100, plansOverdueNow: 0 },
        { category: 'NEGLECT' },
        20,
      ),
      visited(
        {
          plans: null,
          visits: null,
          visitsInTime: null,
          percentVisitsInTime: null,
          plansOverdueNow: null,
        },
        { category: 'PHYSICAL' },
        20,
        true,
      ),
    ]);
  });

  it('withholds every assessment bucket under a threshold of 3 when any is from 1 to 2, but the units', async () => {
    // Referred Monday 5 March 2012, authorised Friday 9th: 4 wd, three times. Referred Monday 2
    // January 2012 (New Year's Day's substitute), authorised Friday 30 March: 64 wd, over 45.
    for (let i = 0; i < 3; i += 1)
      await put.assessment('2012-03-05T10:00:00Z', '2012-03-09T15:00:00Z');
    await put.assessment('2012-01-02T10:00:00Z', '2012-03-30T15:00:00Z');
    const query = `{ assessmentCompletion(from: "2012-03-01", to: "2012-03-31") { ${FIELDS.assessmentCompletion} } }`;
    expect(await rows(query, {}, 'assessmentCompletion')).toEqual([
      // 3 within 15 of 4 would give the 1 over 45 away: only the units, authorised and in
      // progress, are shown.
      assessed(
        {
          authorised: 4,
          workingDays1To15: null,
          workingDays16To25: null,
          workingDays26To35: null,
          workingDays36To45: null,
          workingDaysOver45: null,
          percentWithin45WorkingDays: null,
          inProgress: 0,
          inProgressOver45WorkingDays: null,
        },
        {},
        true,
      ),
    ]);
  });
});
