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

// The step-down measures (issue 20), as the socialcare subgraph answers them: step-downs by the
// family's response within 10 working days, early help assessments started within 10 working
// days, and re-contact after step-down within 3, 6 and 12 months; who may read them, the audit,
// validation, suppression and the one statement each is read in.
//
// The seeded test world's contacts fall from November 2024 on and it has no early help episodes,
// so every period here (2022-2023) holds only the rows each test file writes itself, straight into
// the tables, each step-down about a child no other fixture here uses. Every expected figure is
// worked out by hand in the comment beside it; "wd" is working days, counted from the day after
// the decision's local date (shared/working-days.ts). Instants are UTC; GMT is UTC, BST UTC+1.

const MEASURES = [
  'stepDownOutcomes',
  'earlyHelpAssessmentStarts',
  'reContactAfterStepDown',
] satisfies MeasureName[];
type Measure = (typeof MEASURES)[number];

/** An expected row: its group keys (the rest null), its measures, and not suppressed. */
const row = expectedRows(['month', 'week', 'team', 'source', 'provider']);

const NO_OUTCOMES = {
  accepted: 0,
  declined: 0,
  noResponse: 0,
  awaitingResponse: 0,
  withoutEpisode: 0,
  percentAccepted: null,
  percentDeclined: null,
  percentNoResponse: null,
};
const NO_STARTS = {
  accepted: 0,
  startedWithin10WorkingDays: 0,
  startedLater: 0,
  notStarted: 0,
  awaitingStart: 0,
  percentStartedWithin10WorkingDays: null,
  medianWorkingDaysToStart: null,
};

/** A re-contact row: `w` the windows elapsed, `c` re-contacted, `r` referred, as [3, 6, 12]. */
function reContact(
  steppedDown: number,
  w: [number, number, number],
  c: [number, number, number],
  r: [number, number, number],
  steppedUp12Months = 0,
): Row {
  const pct = (part: number, whole: number) =>
    whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
  return {
    steppedDown,
    windowElapsed3Months: w[0],
    reContacted3Months: c[0],
    reContactReferred3Months: r[0],
    percentReContacted3Months: pct(c[0], w[0]),
    windowElapsed6Months: w[1],
    reContacted6Months: c[1],
    reContactReferred6Months: r[1],
    percentReContacted6Months: pct(c[1], w[1]),
    windowElapsed12Months: w[2],
    reContacted12Months: c[2],
    reContactReferred12Months: r[2],
    percentReContacted12Months: pct(c[2], w[2]),
    steppedUp12Months,
  };
}

interface Episode {
  provider?: string;
  response?: 'ACCEPTED' | 'DECLINED';
  respondedOn?: string;
  startedOn?: string;
}

/** Writes contacts, decisions, referrals and early help episodes as the front door would. */
function fixtures(sc: () => RunningSubgraph) {
  const tables = measureFixtures(sc, {
    label: 'Step-down',
    contact: 'SC',
    referral: 'SR',
    assessment: 'SA',
  });

  return {
    /**
     * A contact about one child received at `receivedAt`, decided an hour later with `outcome`
     * (a referral written for ASSESSMENT_REQUIRED); returns its id.
     */
    async contact(
      childId: string,
      receivedAt: string,
      options: { outcome?: string; decidedAt?: string; team?: string; source?: string } = {},
    ): Promise<string> {
      const decidedAt =
        options.decidedAt ?? new Date(new Date(receivedAt).getTime() + 3_600_000).toISOString();
      const outcome = options.outcome ?? 'NO_FURTHER_ACTION';
      return tables.contact(
        receivedAt,
        [
          {
            childId,
            decidedAt,
            outcome,
            level: outcome === 'STEP_DOWN_TO_EARLY_HELP' ? 2 : 3,
            referred: outcome === 'ASSESSMENT_REQUIRED',
          },
        ],
        { team: options.team, source: options.source, rag: 'GREEN' },
      );
    },

    /**
     * A child stepped down at `decidedAt` on a contact received an hour before, and the episode
     * it opened (none when `episode` is null); returns the contact's id.
     */
    async stepDown(
      childId: string,
      decidedAt: string,
      episode: Episode | null = {},
      options: { team?: string; source?: string } = {},
    ): Promise<string> {
      const receivedAt = new Date(new Date(decidedAt).getTime() - 3_600_000).toISOString();
      const contactId = await this.contact(childId, receivedAt, {
        ...options,
        decidedAt,
        outcome: 'STEP_DOWN_TO_EARLY_HELP',
      });
      if (episode) {
        await tables.query(
          `INSERT INTO early_help_episodes (id, contact_id, child_id, stepped_down_at, provider_id,
             offered_at, family_response, responded_on, assessment_started_on, created_at)
           VALUES ($1, $2, $3, $4, $5, $4, $6, $7, $8, $4)`,
          [
            tables.next('EHT'),
            contactId,
            childId,
            decidedAt,
            episode.provider ?? 'eh-north',
            episode.response ?? null,
            episode.respondedOn ?? null,
            episode.startedOn ?? null,
          ],
        );
      }
      return contactId;
    },

    /** Closes the episode opened on `contactId` as stepped up to the contact `stepUpContactId`. */
    async stepUp(contactId: string, stepUpContactId: string, closedOn: string) {
      await tables.query(
        `UPDATE early_help_episodes
            SET closed_on = $3, closure_reason = 'STEPPED_UP', step_up_contact_id = $2
          WHERE contact_id = $1`,
        [contactId, stepUpContactId, closedOn],
      );
    },
  };
}

describe('step-down measures (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const world = testWorld();
  /** A child no other fixture in this file is about (re-contact reads every later contact). */
  const freshChild = freshChildren(world);
  const put = fixtures(() => sc);
  const { ask, rows } = measuresClient<Measure>(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

  describe('responses and assessment starts within 10 working days', () => {
    // Monday 24 April 2023 (BST). Its 10 wd skip two weekends and two bank holidays (Monday 1 May,
    // the early May bank holiday, and Monday 8 May, the coronation): Tue 25 (1) ... Fri 28 (4),
    // Tue 2 May (5) ... Fri 5 (8), Tue 9 (9), Wed 10 (10). Thursday 11 May is the 11th, Monday 15
    // the 13th.
    const APRIL = '2023-04-24T10:00:00Z';
    // Friday 26 May 2023: Monday 29 May is the spring bank holiday; the 10th wd is Monday 12 June.
    const MAY = '2023-05-26T10:00:00Z';

    beforeAll(async () => {
      // A: accepted on the 10th wd, assessment started that day (10 wd): in time both.
      await put.stepDown(freshChild(), APRIL, {
        response: 'ACCEPTED',
        respondedOn: '2023-05-10',
        startedOn: '2023-05-10',
      });
      // B: declined the same day.
      await put.stepDown(freshChild(), APRIL, { response: 'DECLINED', respondedOn: '2023-04-24' });
      // C: accepted on the 11th wd (no response within 10), started on the 13th.
      await put.stepDown(freshChild(), APRIL, {
        response: 'ACCEPTED',
        respondedOn: '2023-05-11',
        startedOn: '2023-05-15',
      });
      // D: never answered; the 10 wd are long over.
      await put.stepDown(freshChild(), APRIL, {});
      // E: stepped down with no episode recorded (as imported history is), from another team.
      await put.stepDown(freshChild(), APRIL, null, { team: 'MASH South' });
      // G, H, I at another provider: accepted; started the same day (0 wd), on the 11th wd, and
      // not at all.
      const south = { provider: 'eh-south', response: 'ACCEPTED' as const };
      await put.stepDown(freshChild(), APRIL, {
        ...south,
        respondedOn: '2023-04-24',
        startedOn: '2023-04-24',
      });
      await put.stepDown(freshChild(), APRIL, {
        ...south,
        respondedOn: '2023-04-25',
        startedOn: '2023-05-11',
      });
      await put.stepDown(freshChild(), APRIL, { ...south, respondedOn: '2023-04-25' });
      // Not a step-down: not counted.
      await put.contact(freshChild(), '2023-04-24T09:00:00Z', { outcome: 'ASSESSMENT_REQUIRED' });
      // J: no answer yet; K: accepted on Tuesday 30 May, assessment not started.
      await put.stepDown(freshChild(), MAY, {});
      await put.stepDown(freshChild(), MAY, { response: 'ACCEPTED', respondedOn: '2023-05-30' });
    });

    it('puts each step-down in one bucket: accepted or declined within 10 wd, no response, no episode', async () => {
      expect(await rows('stepDownOutcomes', '2023-04-01', '2023-04-30')).toEqual([
        // A, G, H accepted and I accepted (the next day) = 4; B declined; C (on the 11th wd) and
        // D no response = 2; E without an episode. Of the 7 answered or due: 57.1%, 14.3%, 28.6%.
        row(
          {},
          {
            steppedDown: 8,
            accepted: 4,
            declined: 1,
            noResponse: 2,
            awaitingResponse: 0,
            withoutEpisode: 1,
            percentAccepted: 57.1,
            percentDeclined: 14.3,
            percentNoResponse: 28.6,
          },
        ),
      ]);
    });

    it('counts assessments started within 10 wd across weekends and bank holidays, of acceptances', async () => {
      expect(await rows('earlyHelpAssessmentStarts', '2023-04-01', '2023-04-30')).toEqual([
        // Accepted whenever: A, C, G, H, I = 5. Started within 10 wd: A (10), G (0); later: C
        // (13), H (11); I not started. 2 of 5 = 40%; median of 0, 10, 11, 13 = 10.5.
        row(
          {},
          {
            steppedDown: 8,
            accepted: 5,
            startedWithin10WorkingDays: 2,
            startedLater: 2,
            notStarted: 1,
            awaitingStart: 0,
            percentStartedWithin10WorkingDays: 40,
            medianWorkingDaysToStart: 10.5,
          },
        ),
      ]);
    });

    it('awaits an answer and a start through the 10th wd, and no longer from the day after', async () => {
      // Monday 12 June 23:59 BST: still the 10th wd after Friday 26 May.
      now = new Date('2023-06-12T22:59:00Z');
      expect(await rows('stepDownOutcomes', '2023-05-01', '2023-05-31')).toEqual([
        // K accepted; J awaiting. Of the 1 answered: 100%.
        row(
          {},
          {
            ...NO_OUTCOMES,
            steppedDown: 2,
            accepted: 1,
            awaitingResponse: 1,
            percentAccepted: 100,
            percentDeclined: 0,
            percentNoResponse: 0,
          },
        ),
      ]);
      expect(await rows('earlyHelpAssessmentStarts', '2023-05-01', '2023-05-31')).toEqual([
        // K awaits its start: none due yet, so no percentage; none started, no median.
        row({}, { ...NO_STARTS, steppedDown: 2, accepted: 1, awaitingStart: 1 }),
      ]);
      // Tuesday 13 June 00:00 BST: the 11th wd.
      now = new Date('2023-06-12T23:00:00Z');
      expect(await rows('stepDownOutcomes', '2023-05-01', '2023-05-31')).toEqual([
        row(
          {},
          {
            ...NO_OUTCOMES,
            steppedDown: 2,
            accepted: 1,
            noResponse: 1,
            percentAccepted: 50,
            percentDeclined: 0,
            percentNoResponse: 50,
          },
        ),
      ]);
      expect(await rows('earlyHelpAssessmentStarts', '2023-05-01', '2023-05-31')).toEqual([
        row(
          {},
          {
            ...NO_STARTS,
            steppedDown: 2,
            accepted: 1,
            notStarted: 1,
            percentStartedWithin10WorkingDays: 0,
          },
        ),
      ]);
    });

    it('groups by provider, a step-down without an episode last', async () => {
      expect(await rows('stepDownOutcomes', '2023-04-01', '2023-04-30', ['PROVIDER'])).toEqual([
        // eh-north: A accepted, B declined, C and D no response.
        row(
          { provider: 'eh-north' },
          {
            ...NO_OUTCOMES,
            steppedDown: 4,
            accepted: 1,
            declined: 1,
            noResponse: 2,
            percentAccepted: 25,
            percentDeclined: 25,
            percentNoResponse: 50,
          },
        ),
        // eh-south: G, H, I accepted.
        row(
          { provider: 'eh-south' },
          {
            ...NO_OUTCOMES,
            steppedDown: 3,
            accepted: 3,
            percentAccepted: 100,
            percentDeclined: 0,
            percentNoResponse: 0,
          },
        ),
        // E, no episode.
        row({ provider: null }, { ...NO_OUTCOMES, steppedDown: 1, withoutEpisode: 1 }),
      ]);
    });

    it('groups by month of the decision and team of its contact', async () => {
      expect(
        await rows('earlyHelpAssessmentStarts', '2023-04-01', '2023-05-31', ['MONTH', 'TEAM']),
      ).toEqual([
        row(
          { month: '2023-04', team: 'MASH North' },
          {
            steppedDown: 7,
            accepted: 5,
            startedWithin10WorkingDays: 2,
            startedLater: 2,
            notStarted: 1,
            awaitingStart: 0,
            percentStartedWithin10WorkingDays: 40,
            medianWorkingDaysToStart: 10.5,
          },
        ),
        row({ month: '2023-04', team: 'MASH South' }, { ...NO_STARTS, steppedDown: 1 }),
        // Today (TEST_NOW) K is long past its 10 wd.
        row(
          { month: '2023-05', team: 'MASH North' },
          {
            ...NO_STARTS,
            steppedDown: 2,
            accepted: 1,
            notStarted: 1,
            percentStartedWithin10WorkingDays: 0,
          },
        ),
      ]);
    });

    it('refuses a period outside the working-day calendar with CALENDAR_NOT_COVERED', async () => {
      for (const measure of ['stepDownOutcomes', 'earlyHelpAssessmentStarts'] as const) {
        const res = await ask(measure, '2009-12-01', '2010-01-31');
        expect(codes(res.errors)).toEqual([{ code: 'CALENDAR_NOT_COVERED', field: 'from' }]);
      }
    });
  });

  describe('re-contact after step-down', () => {
    // Decisions on Thursday 10 March 2022 (GMT), 10:00. The windows end on 10 June 2022, 10
    // September 2022 and 10 March 2023, local dates; contacts in June are in BST.
    const MARCH = '2022-03-10T10:00:00Z';

    beforeAll(async () => {
      // R0, on 15 February: back on 1 April, within 3 months (ends 15 May).
      const r0 = freshChild();
      await put.stepDown(r0, '2022-02-15T10:00:00Z', null);
      await put.contact(r0, '2022-04-01T09:00:00Z');
      // R1: back on 10 June at 23:30 BST, the last day of 3 months; not referred.
      const r1 = freshChild();
      await put.stepDown(r1, MARCH, null);
      await put.contact(r1, '2022-06-10T22:30:00Z');
      // R2: back on 11 June 00:30 BST (10 June in UTC): not within 3 months, within 6, referred.
      const r2 = freshChild();
      await put.stepDown(r2, MARCH, null);
      await put.contact(r2, '2022-06-10T23:30:00Z', { outcome: 'ASSESSMENT_REQUIRED' });
      // R3: stepped up on 10 March 2023, the last day of 12 months.
      const r3 = freshChild();
      const r3Down = await put.stepDown(r3, MARCH, {});
      const r3Up = await put.contact(r3, '2023-03-10T12:00:00Z');
      await put.stepUp(r3Down, r3Up, '2023-03-10');
      // R4: back on 11 March 2023, a day too late for 12 months, with a referral.
      const r4 = freshChild();
      await put.stepDown(r4, MARCH, null);
      await put.contact(r4, '2023-03-11T12:00:00Z', { outcome: 'ASSESSMENT_REQUIRED' });
      // R5: a contact received the same day but before the decision is not a re-contact.
      const r5 = freshChild();
      await put.contact(r5, '2022-03-10T08:00:00Z', { decidedAt: '2022-03-10T10:30:00Z' });
      await put.stepDown(r5, MARCH, null);
      // R6: never back.
      await put.stepDown(freshChild(), MARCH, null, { team: 'MASH South' });
      // Not a step-down, and back the next week: not counted.
      const other = freshChild();
      await put.contact(other, '2022-03-10T09:00:00Z', { outcome: 'ADVICE_AND_SIGNPOST' });
      await put.contact(other, '2022-03-17T09:00:00Z');
    });

    it('counts children back within 3, 6 and 12 months by local dates, and those with a referral', async () => {
      expect(await rows('reContactAfterStepDown', '2022-03-01', '2022-03-31')).toEqual([
        // R1..R6, every window elapsed. Within 3 months R1; 6: R1, R2 (referred); 12: R1, R2,
        // R3 (a step-up). R4 is a day late; R5's earlier contact and R6 do not count.
        row({}, reContact(6, [6, 6, 6], [1, 2, 3], [0, 1, 1], 1)),
      ]);
    });

    it('counts in each window only the step-downs whose window has fully elapsed', async () => {
      // 10 June 23:59 BST: March's 3-month windows end today, February's ended 15 May.
      now = new Date('2022-06-10T22:59:00Z');
      expect(await rows('reContactAfterStepDown', '2022-02-01', '2022-03-31', ['MONTH'])).toEqual([
        row({ month: '2022-02' }, reContact(1, [1, 0, 0], [1, 0, 0], [0, 0, 0])),
        row({ month: '2022-03' }, reContact(6, [0, 0, 0], [0, 0, 0], [0, 0, 0])),
      ]);
      // 11 June 00:00 BST: the 3-month windows of March have elapsed; R1 came back in time.
      now = new Date('2022-06-10T23:00:00Z');
      expect(await rows('reContactAfterStepDown', '2022-02-01', '2022-03-31')).toEqual([
        row({}, reContact(7, [7, 0, 0], [2, 0, 0], [0, 0, 0])),
      ]);
      // 1 December 2022: 6 months elapsed for all, 12 for none.
      now = new Date('2022-12-01T12:00:00Z');
      expect(await rows('reContactAfterStepDown', '2022-02-01', '2022-03-31')).toEqual([
        row({}, reContact(7, [7, 7, 0], [2, 3, 0], [0, 1, 0])),
      ]);
    });

    it('groups by team and by provider, a step-down without an episode under null', async () => {
      expect(
        await rows('reContactAfterStepDown', '2022-03-01', '2022-03-31', ['TEAM', 'PROVIDER']),
      ).toEqual([
        row(
          { team: 'MASH North', provider: 'eh-north' },
          reContact(1, [1, 1, 1], [0, 0, 1], [0, 0, 0], 1),
        ),
        row({ team: 'MASH North', provider: null }, reContact(4, [4, 4, 4], [1, 2, 2], [0, 1, 1])),
        row({ team: 'MASH South', provider: null }, reContact(1, [1, 1, 1], [0, 0, 0], [0, 0, 0])),
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
        await ask(measure, '2012-01-01', '2012-01-31', [], 'analyst', `step-down-a-${measure}`);
        await ask(
          measure,
          '2012-01-01',
          '2012-01-31',
          [],
          'sc-practitioner',
          `step-down-p-${measure}`,
        );
      }
      const audit = await auditOf(
        sc,
        MEASURES.flatMap((measure) => [`step-down-a-${measure}`, `step-down-p-${measure}`]),
        ['requestId', 'subject', 'childId', 'outcome', 'reason'],
      );
      expect(audit).toEqual(
        MEASURES.flatMap((measure) => [
          {
            requestId: `step-down-a-${measure}`,
            subject: SUBJECT[measure],
            childId: null,
            outcome: 'DISCLOSED',
            reason: 'AGGREGATE',
          },
          {
            requestId: `step-down-p-${measure}`,
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
    it.each(badInputs(MEASURES, 'PROVIDER'))(
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

    it.each(MEASURES)(
      'answers one row of zeros and null rates for %s over a period with nothing in it',
      async (measure) => {
        const [only] = await rows(measure, '2012-01-01', '2012-01-31');
        expect(only.steppedDown).toBe(0);
        expect(only.suppressed).toBe(false);
      },
    );
  });

  describe('statements', () => {
    it.each(
      MEASURES.flatMap((m) =>
        [
          [],
          ['MONTH'],
          ['WEEK'],
          ['TEAM'],
          ['SOURCE'],
          ['PROVIDER', 'SOURCE', 'TEAM', 'WEEK', 'MONTH'],
        ].map((g) => [m, g]),
      ),
    )('reads %s in one SQL statement, grouped by %j', async (measure, groupBy) => {
      sc.statements.reset();
      // The fixtures' step-downs of 2022 and 2023, so every statement has rows to read.
      const res = await ask(measure as Measure, '2022-01-01', '2023-12-31', groupBy as string[]);
      expect(res.errors).toBeUndefined();
      expect((res.data![measure as Measure] as Row[]).length).toBeGreaterThan(0);
      expect(dataStatements(sc.statements)).toBe(1);
    });
  });
});

describe('step-down measures with small-number suppression (socialcare)', () => {
  let sc: RunningSubgraph;
  const world = testWorld();
  const children = world.socialcare.children.map((c) => c.id);
  const put = fixtures(() => sc);
  const { rows } = measuresClient<Measure>(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, { deps: { analyticsSuppressBelow: 3 } });
    // January 2018 (GMT): four children stepped down; three accepted within 10 wd and started
    // their assessment the same day, the fourth declined. Two came back in March, one with a
    // referral.
    for (const [i, child] of children.slice(0, 4).entries()) {
      const accepted = i < 3;
      await put.stepDown(child, `2018-01-0${i + 2}T10:00:00Z`, {
        response: accepted ? 'ACCEPTED' : 'DECLINED',
        respondedOn: `2018-01-0${i + 2}`,
        ...(accepted ? { startedOn: `2018-01-0${i + 2}` } : {}),
      });
    }
    await put.contact(children[0], '2018-03-01T10:00:00Z');
    await put.contact(children[1], '2018-03-02T10:00:00Z', { outcome: 'ASSESSMENT_REQUIRED' });
  });
  afterAll(() => sc.stop());

  it('withholds every response bucket when any is from 1 to 2 under a threshold of 3, but the units', async () => {
    expect(await rows('stepDownOutcomes', '2018-01-01', '2018-01-31')).toEqual([
      // 4 stepped down: 3 accepted would give the 1 declined away
      row(
        {},
        {
          steppedDown: 4,
          accepted: null,
          declined: null,
          noResponse: null,
          awaitingResponse: null,
          withoutEpisode: null,
          percentAccepted: null,
          percentDeclined: null,
          percentNoResponse: null,
        },
        true,
      ),
    ]);
  });

  it('withholds the assessment starts, their rate and median, when 1 of 4 did not accept', async () => {
    expect(await rows('earlyHelpAssessmentStarts', '2018-01-01', '2018-01-31')).toEqual([
      row(
        {},
        {
          steppedDown: 4,
          accepted: null,
          startedWithin10WorkingDays: null,
          startedLater: null,
          notStarted: null,
          awaitingStart: null,
          percentStartedWithin10WorkingDays: null,
          medianWorkingDaysToStart: null,
        },
        true,
      ),
    ]);
  });

  it('withholds re-contact counts of 1 and 2, and the rates, showing only the step-downs', async () => {
    expect(await rows('reContactAfterStepDown', '2018-01-01', '2018-01-31')).toEqual([
      // 4 stepped down, 2 back within 3 months, 1 with a referral
      row(
        {},
        {
          steppedDown: 4,
          windowElapsed3Months: null,
          reContacted3Months: null,
          reContactReferred3Months: null,
          percentReContacted3Months: null,
          windowElapsed6Months: null,
          reContacted6Months: null,
          reContactReferred6Months: null,
          percentReContacted6Months: null,
          windowElapsed12Months: null,
          reContacted12Months: null,
          reContactReferred12Months: null,
          percentReContacted12Months: null,
          steppedUp12Months: null,
        },
        true,
      ),
    ]);
  });

  it('shows a row with no small count whole', async () => {
    expect(await rows('reContactAfterStepDown', '2018-02-01', '2018-02-28')).toEqual([
      row({}, reContact(0, [0, 0, 0], [0, 0, 0], [0, 0, 0])),
    ]);
  });
});
