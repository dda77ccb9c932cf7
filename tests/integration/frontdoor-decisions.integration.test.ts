import { codes } from '../support/errors';
import { frontdoorHelpers, knownChild, sibling } from '../support/frontdoor';
import { startSubgraph, TEST_NOW, testWorld, type RunningSubgraph } from '../support/system';

// The front door as one socialcare subgraph serves it: screening and rating a contact, partner
// checks, threshold decisions and referrals. Recording a contact is in
// frontdoor.integration.test.ts, the queue in frontdoor-queue.integration.test.ts.
// TEST_NOW is Friday 20 November 2026, 12:00 UTC (GMT); each test may move the clock.

describe('the MASH front door (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const { newContact, change, screened, decision, contact } = frontdoorHelpers(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', testWorld(), { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

  describe('screening and rating', () => {
    it('screens a contact with a RAG and reason, starting the RAG response clock', async () => {
      const c = await screened('RED');
      expect(c).toMatchObject({
        version: 2,
        stage: 'SCREENED',
        rag: 'RED',
        screenedBy: 'sc-practitioner',
        ratings: [{ rag: 'RED', ratedBy: 'sc-practitioner' }],
      });
      expect(c.clocks.ragResponse).toEqual({
        startedAt: '2026-11-20T12:00:00.000Z',
        dueAt: '2026-11-20T16:00:00.000Z',
        stoppedAt: null,
        status: 'ON_TIME',
        secondsLeft: 4 * 3600,
      });
    });

    it('keeps every rating when a contact is re-rated, restarting the clock from the change', async () => {
      const c = await screened('GREEN');
      now = new Date(TEST_NOW.getTime() + 2 * 3600_000);
      const res = await change('screenContact', {
        contactId: c.id,
        version: c.version,
        rag: 'RED',
        reason: 'Police now report an injury to the child; urgent',
      });
      const after = res.data!.screenContact;
      expect(after.ratings.map((r) => r.rag)).toEqual(['GREEN', 'RED']);
      expect(after.clocks.ragResponse).toMatchObject({
        startedAt: '2026-11-20T14:00:00.000Z',
        dueAt: '2026-11-20T18:00:00.000Z',
      });
    });

    it('asks probation, a registry partner like any other, and takes its answer', async () => {
      const c = await screened('AMBER');
      const asked = (
        await change('requestPartnerChecks', {
          contactId: c.id,
          version: c.version,
          agencies: ['PROBATION'],
        })
      ).data!.requestPartnerChecks;
      const answered = (
        await change(
          'recordPartnerCheck',
          { contactId: c.id, version: asked.version, agency: 'PROBATION', outcome: 'NO_RECORD' },
          'probation-mash',
        )
      ).data!.recordPartnerCheck;
      expect(
        [asked, answered].map((x) => x.partnerChecks.map((p) => [p.agency, p.outcome])),
      ).toEqual([[['PROBATION', null]], [['PROBATION', 'NO_RECORD']]]);
    });

    it('leaves the RAG response to the decision when a check is never answered', async () => {
      const c = await screened('RED');
      const asked = (
        await change('requestPartnerChecks', {
          contactId: c.id,
          version: c.version,
          agencies: ['POLICE', 'HEALTH'],
        })
      ).data!.requestPartnerChecks;
      now = new Date(TEST_NOW.getTime() + 3600_000);
      const police = (
        await change(
          'recordPartnerCheck',
          { contactId: c.id, version: asked.version, agency: 'POLICE', outcome: 'NO_RECORD' },
          'police-mash',
        )
      ).data!.recordPartnerCheck;
      now = new Date(TEST_NOW.getTime() + 10 * 3600_000);
      const decided = (await change('recordThresholdDecision', decision(police, knownChild.id)))
        .data!.recordThresholdDecision;
      expect(decided.clocks.ragResponse).toMatchObject({
        dueAt: '2026-11-20T16:00:00.000Z',
        stoppedAt: '2026-11-20T22:00:00.000Z',
        status: 'MISSED',
      });
    });

    it('keeps a clock met or missed as it was when the contact is re-rated afterwards', async () => {
      const c = await screened('RED');
      const asked = (
        await change('requestPartnerChecks', {
          contactId: c.id,
          version: c.version,
          agencies: ['POLICE'],
        })
      ).data!.requestPartnerChecks;
      now = new Date(TEST_NOW.getTime() + 5 * 3600_000);
      const late = (
        await change(
          'recordPartnerCheck',
          { contactId: c.id, version: asked.version, agency: 'POLICE', outcome: 'NO_RECORD' },
          'police-mash',
        )
      ).data!.recordPartnerCheck;
      now = new Date(TEST_NOW.getTime() + 6 * 3600_000);
      const rerated = (
        await change('screenContact', {
          contactId: c.id,
          version: late.version,
          rag: 'GREEN',
          reason: 'Police found nothing; lower urgency now',
        })
      ).data!.screenContact;
      expect({
        rag: rerated.clocks.ragResponse,
        check: rerated.partnerChecks[0].clock,
      }).toEqual({
        rag: {
          startedAt: '2026-11-20T12:00:00.000Z',
          dueAt: '2026-11-20T16:00:00.000Z',
          stoppedAt: '2026-11-20T17:00:00.000Z',
          status: 'MISSED',
          secondsLeft: null,
        },
        check: { dueAt: '2026-11-20T16:00:00.000Z', status: 'MISSED' },
      });
    });

    it('gives a BLUE contact no RAG response clock', async () => {
      const c = await screened('BLUE');
      expect(c.clocks.ragResponse).toBeNull();
    });

    it('refuses a change made against an older version, overwriting nothing', async () => {
      const c = await screened('AMBER');
      const stale = await change('screenContact', {
        contactId: c.id,
        version: c.version - 1,
        rag: 'GREEN',
        reason: 'A stale screen typed in another window',
      });
      expect(codes(stale.errors)).toEqual([{ code: 'VERSION_CONFLICT', field: 'version' }]);
      expect(stale.errors![0].extensions!.currentVersion).toBe(c.version);
      const now2 = await contact(c.id);
      expect(now2.rag).toBe('AMBER');
    });

    it('answers a retried screening with the contact unchanged', async () => {
      const c = await newContact();
      const input = {
        contactId: c.id,
        version: c.version,
        rag: 'AMBER',
        reason: 'Neglect concerns from school',
      };
      const first = await change('screenContact', input);
      const retry = await change('screenContact', input);
      expect(retry.data!.screenContact.version).toBe(first.data!.screenContact.version);
      expect(retry.data!.screenContact.ratings).toHaveLength(1);
    });

    it('refuses a police user screening a contact', async () => {
      const c = await newContact();
      const res = await change(
        'screenContact',
        {
          contactId: c.id,
          version: c.version,
          rag: 'RED',
          reason: 'Police deciding for themselves',
        },
        'police-mash',
      );
      expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
    });

    it('refuses an invalid RAG before anything runs', async () => {
      const c = await newContact();
      const res = await change('screenContact', {
        contactId: c.id,
        version: c.version,
        rag: 'PURPLE',
        reason: 'Not a rating at all',
      });
      expect(res).toBeRefusedWith('BAD_USER_INPUT');
      expect(res.errors).toHaveLength(1);
      expect((await contact(c.id)).version).toBe(1);
    });
  });

  describe('partner checks', () => {
    it('asks partners, each check due by the RAG target, and each agency answers its own', async () => {
      const c = await screened('RED');
      now = new Date(TEST_NOW.getTime() + 30 * 60_000);
      const asked = (
        await change('requestPartnerChecks', {
          contactId: c.id,
          version: c.version,
          agencies: ['POLICE', 'HEALTH'],
        })
      ).data!.requestPartnerChecks;
      expect(asked).toMatchObject({
        stage: 'CHECKS_REQUESTED',
        outstandingChecks: ['HEALTH', 'POLICE'],
        partnerChecks: [
          { agency: 'HEALTH', clock: { dueAt: '2026-11-20T16:30:00.000Z', status: 'ON_TIME' } },
          { agency: 'POLICE', clock: { dueAt: '2026-11-20T16:30:00.000Z', status: 'ON_TIME' } },
        ],
      });
      const byHealth = await change(
        'recordPartnerCheck',
        { contactId: c.id, version: asked.version, agency: 'POLICE', outcome: 'NO_RECORD' },
        'health-mash',
      );
      expect(codes(byHealth.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
      now = new Date(TEST_NOW.getTime() + 5 * 3600_000);
      const police = (
        await change(
          'recordPartnerCheck',
          {
            contactId: c.id,
            version: asked.version,
            agency: 'POLICE',
            outcome: 'INFORMATION_SHARED',
          },
          'police-mash',
        )
      ).data!.recordPartnerCheck;
      expect(police.partnerChecks.find((p) => p.agency === 'POLICE')).toMatchObject({
        outcome: 'INFORMATION_SHARED',
        clock: { status: 'MISSED' },
      });
      const health = (
        await change(
          'recordPartnerCheck',
          {
            contactId: c.id,
            version: police.version,
            agency: 'HEALTH',
            outcome: 'NOTHING_OF_CONCERN',
          },
          'health-mash',
        )
      ).data!.recordPartnerCheck;
      expect(health).toMatchObject({ stage: 'CHECKS_ANSWERED', outstandingChecks: [] });
      expect(health.clocks.ragResponse).toMatchObject({
        stoppedAt: '2026-11-20T17:00:00.000Z',
        status: 'MISSED',
      });
    });

    it('refuses checks before screening, and on a BLUE contact', async () => {
      const c = await newContact();
      const unscreened = await change('requestPartnerChecks', {
        contactId: c.id,
        version: c.version,
        agencies: ['POLICE'],
      });
      expect(codes(unscreened.errors)).toEqual([{ code: 'INVALID_TRANSITION', field: undefined }]);
      const blue = await screened('BLUE');
      const res = await change('requestPartnerChecks', {
        contactId: blue.id,
        version: blue.version,
        agencies: ['POLICE'],
      });
      expect(codes(res.errors)).toEqual([{ code: 'INVALID_TRANSITION', field: undefined }]);
    });

    it('refuses an answer to a check never asked for', async () => {
      const c = await screened('AMBER');
      const res = await change(
        'recordPartnerCheck',
        { contactId: c.id, version: c.version, agency: 'EDUCATION', outcome: 'NO_RECORD' },
        'education-mash',
      );
      expect(codes(res.errors)).toEqual([{ code: 'INVALID_TRANSITION', field: 'agency' }]);
    });
  });

  describe('threshold decisions', () => {
    it('refuses a decision before screening', async () => {
      const c = await newContact();
      const res = await change('recordThresholdDecision', decision(c, knownChild.id));
      expect(codes(res.errors)).toEqual([{ code: 'INVALID_TRANSITION', field: undefined }]);
      expect((await contact(c.id)).decisions[0].outcome).toBeNull();
    });

    it('decides a child, creates the referral and closes the contact, withdrawing open checks', async () => {
      const c = await screened('AMBER');
      const asked = (
        await change('requestPartnerChecks', {
          contactId: c.id,
          version: c.version,
          agencies: ['POLICE'],
        })
      ).data!.requestPartnerChecks;
      now = new Date(TEST_NOW.getTime() + 3 * 3600_000);
      const res = await change('recordThresholdDecision', decision(asked, knownChild.id));
      expect(res.errors).toBeUndefined();
      const decided = res.data!.recordThresholdDecision;
      expect(decided).toMatchObject({
        stage: 'DECIDED',
        closedAt: '2026-11-20T15:00:00.000Z',
        nextDueAt: null,
        outstandingChecks: [],
        partnerChecks: [{ agency: 'POLICE', withdrawnAt: '2026-11-20T15:00:00.000Z', clock: null }],
        clocks: {
          decisionWithin24Hours: { stoppedAt: '2026-11-20T15:00:00.000Z', status: 'MET' },
          decisionWithinOneWorkingDay: { stoppedAt: '2026-11-20T15:00:00.000Z', status: 'MET' },
        },
        decisions: [
          {
            level: 3,
            outcome: 'ASSESSMENT_REQUIRED',
            referral: { completedAt: null, clock: { status: 'ON_TIME' } },
          },
        ],
      });
    });

    it('refuses a decision on a closed contact', async () => {
      const c = await screened('GREEN');
      const decided = (
        await change(
          'recordThresholdDecision',
          decision(c, knownChild.id, { outcome: 'NO_FURTHER_ACTION', level: 1 }),
        )
      ).data!.recordThresholdDecision;
      const res = await change(
        'recordThresholdDecision',
        decision(decided, knownChild.id, {
          outcome: 'STRATEGY_DISCUSSION',
          level: 4,
          consent: 'NOT_SOUGHT',
          lawfulBasis: 'DPA 2018 Sch 1 para 18: consent would put the child at risk',
        }),
      );
      expect(codes(res.errors)).toEqual([{ code: 'CONTACT_CLOSED', field: undefined }]);
      const re = await change('screenContact', {
        contactId: decided.id,
        version: decided.version,
        rag: 'RED',
        reason: 'Trying to re-rate a closed contact',
      });
      expect(codes(re.errors)).toEqual([{ code: 'CONTACT_CLOSED', field: undefined }]);
    });

    it('lets only one of two simultaneous decisions through; the other is a version conflict', async () => {
      const c = await screened('AMBER');
      const [a, b] = await Promise.all([
        change('recordThresholdDecision', decision(c, knownChild.id)),
        change(
          'recordThresholdDecision',
          decision(c, knownChild.id, { outcome: 'STEP_DOWN_TO_EARLY_HELP', level: 2 }),
          'sc-manager',
        ),
      ]);
      const results = [a, b].map((r) => (r.errors ? codes(r.errors)[0].code : 'OK')).sort();
      expect(results).toEqual(['OK', 'VERSION_CONFLICT']);
      const stored = await contact(c.id);
      const winner = a.errors ? 'STEP_DOWN_TO_EARLY_HELP' : 'ASSESSMENT_REQUIRED';
      expect(stored.decisions[0].outcome).toBe(winner);
      const referrals = (await sc.database.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals WHERE contact_id = $1`,
        [c.id],
      )) as { n: number }[];
      expect(referrals[0].n).toBe(winner === 'ASSESSMENT_REQUIRED' ? 1 : 0);
    });

    it('answers a retried decision with the contact unchanged and one referral', async () => {
      const c = await screened('AMBER');
      const input = decision(c, knownChild.id);
      const first = await change('recordThresholdDecision', input);
      const retry = await change('recordThresholdDecision', input);
      expect(retry.errors).toBeUndefined();
      expect(retry.data!.recordThresholdDecision.version).toBe(
        first.data!.recordThresholdDecision.version,
      );
      const referrals = (await sc.database.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals WHERE contact_id = $1`,
        [c.id],
      )) as { n: number }[];
      expect(referrals[0].n).toBe(1);
    });

    it('refuses a retry to a reader who may not see the closed contact', async () => {
      const c = await screened('AMBER', {
        children: [
          { newChild: { givenName: 'Onlyone', familyName: 'Contact', dateOfBirth: '2015-05-05' } },
        ],
      });
      const childId = c.decisions[0].child.id;
      const asked = (
        await change('requestPartnerChecks', {
          contactId: c.id,
          version: c.version,
          agencies: ['POLICE'],
        })
      ).data!.requestPartnerChecks;
      const answered = (
        await change(
          'recordPartnerCheck',
          { contactId: c.id, version: asked.version, agency: 'POLICE', outcome: 'NO_RECORD' },
          'police-mash',
        )
      ).data!.recordPartnerCheck;
      const closed = await change(
        'recordThresholdDecision',
        decision(answered, childId, { outcome: 'NO_FURTHER_ACTION', level: 1 }),
      );
      expect(closed.data!.recordThresholdDecision.stage).toBe('DECIDED');
      // "Retries" of changes already made, by users with no relationship to the child now.
      const retries = await Promise.all([
        change(
          'requestPartnerChecks',
          { contactId: c.id, version: 999, agencies: ['POLICE'] },
          'sc-practitioner-south',
        ),
        change(
          'recordPartnerCheck',
          { contactId: c.id, version: 999, agency: 'POLICE', outcome: 'NO_RECORD' },
          'police-mash',
        ),
      ]);
      expect(retries.map((r) => ({ data: r.data ?? null, errors: codes(r.errors) }))).toEqual([
        { data: null, errors: [{ code: 'FORBIDDEN_NO_RELATIONSHIP', field: undefined }] },
        { data: null, errors: [{ code: 'FORBIDDEN_NO_RELATIONSHIP', field: undefined }] },
      ]);
    });

    it('needs the lawful basis when consent was not sought or refused', async () => {
      const c = await screened('RED');
      const res = await change(
        'recordThresholdDecision',
        decision(c, knownChild.id, { consent: 'REFUSED' }),
      );
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field: 'lawfulBasis' }]);
    });

    it.each([
      [{ level: 5 }, 'level'],
      [{ level: 0 }, 'level'],
      [{ rationale: 'too short' }, 'rationale'],
    ])('refuses %j naming %s', async (overrides, field) => {
      const c = await screened('AMBER');
      const res = await change('recordThresholdDecision', decision(c, knownChild.id, overrides));
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    });

    it('refuses an outcome outside the DfE wording before anything runs', async () => {
      const c = await screened('AMBER');
      const res = await change(
        'recordThresholdDecision',
        decision(c, knownChild.id, { outcome: 'MAYBE' }),
      );
      expect(res).toBeRefusedWith('BAD_USER_INPUT');
      expect(res.errors).toHaveLength(1);
    });

    it('keeps a contact about siblings open until each child has its own decision', async () => {
      if (!sibling) return;
      const c = await screened('AMBER', {
        children: [{ childId: knownChild.id }, { childId: sibling.id }],
      });
      const one = (await change('recordThresholdDecision', decision(c, knownChild.id))).data!
        .recordThresholdDecision;
      expect(one.stage).toBe('SCREENED');
      const two = (
        await change(
          'recordThresholdDecision',
          decision(one, sibling.id, { outcome: 'NO_FURTHER_ACTION', level: 1 }),
        )
      ).data!.recordThresholdDecision;
      expect(two.stage).toBe('DECIDED');
      expect(two.decisions.map((d) => d.outcome).sort()).toEqual([
        'ASSESSMENT_REQUIRED',
        'NO_FURTHER_ACTION',
      ]);
    });

    it('completes a referral once, stopping its 72-hour clock', async () => {
      const c = await screened('RED');
      const decided = (await change('recordThresholdDecision', decision(c, knownChild.id))).data!
        .recordThresholdDecision;
      const referralId = decided.decisions[0].referral!.id;
      now = new Date(TEST_NOW.getTime() + 80 * 3600_000);
      const complete = (as: string) =>
        sc.query<{
          completeReferral: { completedAt: string; completedBy: string; clock: { status: string } };
        }>(
          `mutation ($id: ID!) { completeReferral(input: { referralId: $id }) { completedAt completedBy clock { status } } }`,
          { id: referralId },
          { as },
        );
      const done = await complete('sc-social-worker');
      expect(done.data!.completeReferral).toEqual({
        completedAt: '2026-11-23T20:00:00.000Z',
        completedBy: 'sc-social-worker',
        clock: { status: 'MISSED' },
      });
      expect((await complete('sc-social-worker')).data!.completeReferral.completedAt).toBe(
        '2026-11-23T20:00:00.000Z',
      );
      expect(codes((await complete('sc-manager')).errors)).toEqual([
        { code: 'INVALID_TRANSITION', field: 'referralId' },
      ]);
    });

    it('records the team and worker a referral is allocated to when it is completed, refusing an unregistered team', async () => {
      const c = await screened('RED');
      const decided = (await change('recordThresholdDecision', decision(c, knownChild.id))).data!
        .recordThresholdDecision;
      const referralId = decided.decisions[0].referral!.id;
      const complete = (team: string, worker: string) =>
        sc.query<{
          completeReferral: { allocatedTeam: string | null; allocatedWorker: string | null };
        }>(
          `mutation ($id: ID!, $team: String, $worker: String) {
             completeReferral(input: { referralId: $id, allocatedTeam: $team, allocatedWorker: $worker }) {
               allocatedTeam allocatedWorker
             }
           }`,
          { id: referralId, team, worker },
          { as: 'sc-social-worker' },
        );
      expect(codes((await complete('Assessment Team 9', 'Sam Carter')).errors)).toEqual([
        { code: 'BAD_USER_INPUT', field: 'allocatedTeam' },
      ]);
      expect(codes((await complete('assessment-2', '  ')).errors)).toEqual([
        { code: 'BAD_USER_INPUT', field: 'allocatedWorker' },
      ]);
      expect((await complete('assessment-2', ' Sam Carter ')).data!.completeReferral).toEqual({
        allocatedTeam: 'Assessment Team 2',
        allocatedWorker: 'Sam Carter',
      });
    });
  });
});
