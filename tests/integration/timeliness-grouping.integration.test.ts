import { decisionDueOneWorkingDay } from '../../subgraphs/socialcare/clocks';
import { dataStatements, startSubgraph, testWorld, type RunningSubgraph } from '../support/system';
import {
  allOpenAndOverdue,
  QUERY,
  row,
  timelinessHelpers,
  type Measures,
  type Row,
} from '../support/timeliness';

// Decision timeliness by group (month, local week, RAG, outcome, team, source), and with
// small-number suppression, as the socialcare subgraph answers it; the period, the clocks, who
// may ask and validation are in timeliness.integration.test.ts. The seeded test world's contacts
// were all received from November 2024 on, so every period here (2018-2021) holds only the
// contacts the tests write themselves. Every expected figure is worked out by hand in the comment
// beside it. Instants are UTC; GMT is UTC, BST is UTC+1. The clock is TEST_NOW.

describe('decision timeliness (socialcare)', () => {
  let sc: RunningSubgraph;
  const { insert, timeliness, rows } = timelinessHelpers(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', testWorld());
  });
  afterAll(() => sc.stop());

  describe('grouping', () => {
    // June and July 2021 (BST). Each decided contact is in time both ways unless said otherwise.
    beforeAll(async () => {
      await insert(
        { receivedAt: '2021-06-10T09:00:00Z', closedAt: '2021-06-10T11:00:00Z', rag: 'RED' }, // 2 h
        // 30 h: late for 24 h; Tuesday 15th is due at the end of Wednesday 16th: in time
        { receivedAt: '2021-06-15T09:00:00Z', closedAt: '2021-06-16T15:00:00Z', rag: 'RED' },
        { receivedAt: '2021-06-20T09:00:00Z', rag: 'AMBER' }, // open
        // 30 June 23:30Z is 1 July 00:30 BST: a July contact. 9.5 h.
        { receivedAt: '2021-06-30T23:30:00Z', closedAt: '2021-07-01T09:00:00Z', rag: 'AMBER' },
        { receivedAt: '2021-07-05T09:00:00Z', rag: null }, // open, not yet rated
        { receivedAt: '2021-07-06T09:00:00Z', closedAt: '2021-07-06T10:00:00Z', rag: 'GREEN' }, // 1 h
        { receivedAt: '2021-07-07T09:00:00Z', closedAt: '2021-07-07T10:00:00Z', rag: 'RED' }, // 1 h
      );
    });

    /** One contact decided in time both ways after `hours`. */
    function oneDecided(hours: number): Measures {
      return {
        received: 1,
        decided: 1,
        decidedWithin24Hours: 1,
        decidedWithinOneWorkingDay: 1,
        percentDecided: 100,
        percentWithin24Hours: 100,
        percentWithinOneWorkingDay: 100,
        medianHoursToDecision: hours,
        p90HoursToDecision: hours,
        stillOpen: 0,
        openOverdue: 0,
        openPast24Hours: 0,
      };
    }

    it('groups by month of local receipt and RAG, in that order, unrated last', async () => {
      expect(await rows('2021-06-01', '2021-07-31', ['MONTH', 'RAG'])).toEqual([
        row(
          { month: '2021-06', rag: 'RED' },
          {
            received: 2,
            decided: 2,
            decidedWithin24Hours: 1,
            decidedWithinOneWorkingDay: 2,
            percentDecided: 100,
            percentWithin24Hours: 50,
            percentWithinOneWorkingDay: 100,
            // (2 + 30) / 2
            medianHoursToDecision: 16,
            // 2 + 0.9 x 28
            p90HoursToDecision: 27.2,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
        row({ month: '2021-06', rag: 'AMBER' }, allOpenAndOverdue(1)),
        row({ month: '2021-07', rag: 'RED' }, oneDecided(1)),
        row({ month: '2021-07', rag: 'AMBER' }, oneDecided(9.5)),
        row({ month: '2021-07', rag: 'GREEN' }, oneDecided(1)),
        row({ month: '2021-07', rag: null }, allOpenAndOverdue(1)),
      ]);
    });

    it('orders rows by the groupings in the order given', async () => {
      const answer = await rows('2021-06-01', '2021-07-31', ['RAG', 'MONTH']);
      expect(answer.map((r) => [r.rag, r.month])).toEqual([
        ['RED', '2021-06'],
        ['RED', '2021-07'],
        ['AMBER', '2021-06'],
        ['AMBER', '2021-07'],
        ['GREEN', '2021-07'],
        [null, '2021-07'],
      ]);
    });

    it('groups by the Monday of the local week, one week spanning two months', async () => {
      await insert(
        { receivedAt: '2021-11-30T10:00:00Z', closedAt: '2021-11-30T11:00:00Z' }, // Tue, 1 h
        { receivedAt: '2021-12-03T10:00:00Z', closedAt: '2021-12-03T13:00:00Z' }, // Fri, 3 h
        { receivedAt: '2021-12-05T23:30:00Z' }, // Sunday 23:30 GMT, open
        { receivedAt: '2021-12-06T00:00:00Z', closedAt: '2021-12-06T02:00:00Z' }, // Mon, 2 h
      );
      expect(await rows('2021-11-29', '2021-12-12', ['WEEK'])).toEqual([
        row(
          { week: '2021-11-29' },
          {
            received: 3,
            decided: 2,
            decidedWithin24Hours: 2,
            decidedWithinOneWorkingDay: 2,
            // 2 / 3 = 66.67
            percentDecided: 66.7,
            percentWithin24Hours: 100,
            percentWithinOneWorkingDay: 100,
            // (1 + 3) / 2
            medianHoursToDecision: 2,
            // 1 + 0.9 x 2
            p90HoursToDecision: 2.8,
            stillOpen: 1,
            openOverdue: 1,
            openPast24Hours: 1,
          },
        ),
        row({ week: '2021-12-06' }, oneDecided(2)),
      ]);
    });

    it('takes a Sunday 23:30 UTC receipt in summer into the next week (00:30 BST Monday)', async () => {
      await insert(
        // Sunday 10 October 2021 23:30 BST: the week of Monday 4th
        { receivedAt: '2021-10-10T22:30:00Z', closedAt: '2021-10-10T23:30:00Z' },
        // Monday 11 October 2021 00:30 BST: the week of Monday 11th
        { receivedAt: '2021-10-10T23:30:00Z', closedAt: '2021-10-11T00:30:00Z' },
      );
      expect(await rows('2021-10-04', '2021-10-17', ['WEEK'])).toEqual([
        row({ week: '2021-10-04' }, oneDecided(1)),
        row({ week: '2021-10-11' }, oneDecided(1)),
      ]);
    });

    it("groups by the outcome of the contact's highest-level child, ties to the more serious", async () => {
      // Monday 2 to Friday 6 March 2020 (GMT); each decided the day it was received.
      await insert(
        {
          // level 4 beats level 2: STRATEGY_DISCUSSION. 2 h.
          receivedAt: '2020-03-02T10:00:00Z',
          closedAt: '2020-03-02T12:00:00Z',
          children: [
            { level: 2, outcome: 'STEP_DOWN_TO_EARLY_HELP' },
            { level: 4, outcome: 'STRATEGY_DISCUSSION' },
          ],
        },
        {
          // both level 3: the more serious, STRATEGY_DISCUSSION. 4 h.
          receivedAt: '2020-03-03T10:00:00Z',
          closedAt: '2020-03-03T14:00:00Z',
          children: [
            { level: 3, outcome: 'ASSESSMENT_REQUIRED' },
            { level: 3, outcome: 'STRATEGY_DISCUSSION' },
          ],
        },
        {
          // both level 2: ADVICE_AND_SIGNPOST is more serious than NO_FURTHER_ACTION. 1 h.
          receivedAt: '2020-03-04T10:00:00Z',
          closedAt: '2020-03-04T11:00:00Z',
          children: [
            { level: 2, outcome: 'NO_FURTHER_ACTION' },
            { level: 2, outcome: 'ADVICE_AND_SIGNPOST' },
          ],
        },
        {
          // the level decides before seriousness: level 3 NO_FURTHER_ACTION. 3 h.
          receivedAt: '2020-03-05T10:00:00Z',
          closedAt: '2020-03-05T13:00:00Z',
          children: [
            { level: 3, outcome: 'NO_FURTHER_ACTION' },
            { level: 2, outcome: 'ASSESSMENT_REQUIRED' },
          ],
        },
        {
          // one child decided, the other not: open, no outcome yet.
          receivedAt: '2020-03-06T10:00:00Z',
          children: [
            { level: 4, outcome: 'STRATEGY_DISCUSSION', decidedAt: '2020-03-06T11:00:00Z' },
            { level: null, outcome: null, decidedAt: null },
          ],
        },
      );
      expect(await rows('2020-03-02', '2020-03-06', ['OUTCOME'])).toEqual([
        row({ outcome: 'NO_FURTHER_ACTION' }, oneDecided(3)),
        row({ outcome: 'ADVICE_AND_SIGNPOST' }, oneDecided(1)),
        row(
          { outcome: 'STRATEGY_DISCUSSION' },
          {
            received: 2,
            decided: 2,
            decidedWithin24Hours: 2,
            decidedWithinOneWorkingDay: 2,
            percentDecided: 100,
            percentWithin24Hours: 100,
            percentWithinOneWorkingDay: 100,
            // (2 + 4) / 2
            medianHoursToDecision: 3,
            // 2 + 0.9 x 2
            p90HoursToDecision: 3.8,
            stillOpen: 0,
            openOverdue: 0,
            openPast24Hours: 0,
          },
        ),
        row({ outcome: null }, allOpenAndOverdue(1)),
      ]);
    });

    it('groups by team and then source, sources in the census order (1A before 2A before 10)', async () => {
      // Week of Monday 7 September 2020; each decided in 1 h.
      const decided = (receivedAt: string, team: string, source: string) => ({
        receivedAt,
        closedAt: receivedAt.replace('T09', 'T10'),
        team,
        source,
      });
      await insert(
        decided('2020-09-07T09:00:00Z', 'MASH North', '10'),
        decided('2020-09-07T09:00:00Z', 'MASH North', '2A'),
        decided('2020-09-08T09:00:00Z', 'MASH South', '6'),
        decided('2020-09-09T09:00:00Z', 'MASH North', '1A'),
        decided('2020-09-10T09:00:00Z', 'MASH North', '2A'),
      );
      expect(await rows('2020-09-07', '2020-09-11', ['TEAM', 'SOURCE'])).toEqual([
        row({ team: 'MASH North', source: '1A' }, oneDecided(1)),
        row(
          { team: 'MASH North', source: '2A' },
          {
            ...oneDecided(1),
            received: 2,
            decided: 2,
            decidedWithin24Hours: 2,
            decidedWithinOneWorkingDay: 2,
          },
        ),
        row({ team: 'MASH North', source: '10' }, oneDecided(1)),
        row({ team: 'MASH South', source: '6' }, oneDecided(1)),
      ]);
    });

    it.each([
      [[]],
      [['MONTH']],
      [['WEEK']],
      [['RAG']],
      [['SOURCE']],
      [['TEAM']],
      [['OUTCOME']],
      [['OUTCOME', 'TEAM', 'SOURCE', 'RAG', 'WEEK', 'MONTH']],
    ])('reads its answer in one SQL statement, grouped by %j', async (groupBy) => {
      sc.statements.reset();
      const res = await timeliness('2021-06-01', '2021-07-31', groupBy);
      expect(res.errors).toBeUndefined();
      expect(dataStatements(sc.statements)).toBe(1);
    });
  });
});

describe('decision timeliness with small-number suppression (socialcare)', () => {
  let sc: RunningSubgraph;
  let seq = 0;
  const world = testWorld();
  const child = world.socialcare.children[0];

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, { deps: { analyticsSuppressBelow: 3 } });
    // Week of Monday 8 January 2018 (GMT). RED: 3 decided in 1 h. AMBER: 3 decided in 2 h and
    // 1 open. GREEN: 1 decided in 1 h.
    const contacts = [
      ...['RED', 'RED', 'RED', 'GREEN'].map((rag) => ({ rag, hours: 1 })),
      ...['AMBER', 'AMBER', 'AMBER'].map((rag) => ({ rag, hours: 2 })),
      { rag: 'AMBER', hours: null },
    ];
    for (const { rag, hours } of contacts) {
      const id = `TS${String((seq += 1)).padStart(6, '0')}`;
      const receivedAt = new Date('2018-01-08T09:00:00Z');
      const closedAt = hours === null ? null : new Date(receivedAt.getTime() + hours * 3_600_000);
      await sc.database.dataSource.query(
        `INSERT INTO contacts (id, received_at, source_code, referrer, concern, rag, team, version,
           stage, recorded_at, decision_due_working_day_at, closed_at)
         VALUES ($1, $2, '6', 'Suppression test referrer', 'Suppression test concern', $3,
           'MASH North', 1, $4, $2, $5, $6)`,
        [
          id,
          receivedAt,
          rag,
          closedAt ? 'DECIDED' : 'SCREENED',
          decisionDueOneWorkingDay(receivedAt),
          closedAt,
        ],
      );
      await sc.database.dataSource.query(
        `INSERT INTO contact_children (contact_id, child_id, decided_at, level, outcome)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, child.id, closedAt, closedAt ? 2 : null, closedAt ? 'NO_FURTHER_ACTION' : null],
      );
    }
  });
  afterAll(() => sc.stop());

  it('withholds a row with a count, or a count within its whole, from 1 to 2 under a threshold of 3, but its received', async () => {
    const res = await sc.query<{ decisionTimeliness: Row[] }>(
      QUERY,
      { from: '2018-01-08', to: '2018-01-14', groupBy: ['RAG'] },
      { as: 'analyst' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.decisionTimeliness).toEqual([
      // 3 of everything, or 0: nothing withheld
      row(
        { rag: 'RED' },
        {
          received: 3,
          decided: 3,
          decidedWithin24Hours: 3,
          decidedWithinOneWorkingDay: 3,
          percentDecided: 100,
          percentWithin24Hours: 100,
          percentWithinOneWorkingDay: 100,
          medianHoursToDecision: 1,
          p90HoursToDecision: 1,
          stillOpen: 0,
          openOverdue: 0,
          openPast24Hours: 0,
        },
      ),
      // 4 received, 3 decided, 1 open (overdue both ways at TEST_NOW): showing the 3 decided
      // beside the 4 received would give the 1 away, so only the 4 received is shown
      row(
        { rag: 'AMBER' },
        {
          received: 4,
          decided: null,
          decidedWithin24Hours: null,
          decidedWithinOneWorkingDay: null,
          percentDecided: null,
          percentWithin24Hours: null,
          percentWithinOneWorkingDay: null,
          medianHoursToDecision: null,
          p90HoursToDecision: null,
          stillOpen: null,
          openOverdue: null,
          openPast24Hours: null,
        },
        true,
      ),
      // 1 received and decided: withheld, its zeros too (0 open beside it would say all decided)
      row(
        { rag: 'GREEN' },
        {
          received: null,
          decided: null,
          decidedWithin24Hours: null,
          decidedWithinOneWorkingDay: null,
          percentDecided: null,
          percentWithin24Hours: null,
          percentWithinOneWorkingDay: null,
          medianHoursToDecision: null,
          p90HoursToDecision: null,
          stillOpen: null,
          openOverdue: null,
          openPast24Hours: null,
        },
        true,
      ),
    ]);
  });
});
