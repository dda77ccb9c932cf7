import { randomUUID } from 'node:crypto';
import { codes } from '../support/errors';
import type { GraphQLResponse, RunningSubgraph } from '../support/system';
import { dataStatements, startSubgraph, TEST_NOW, testWorld } from '../support/system';

// The front door as one socialcare subgraph serves it: contacts, stages, versions, the queue.
// TEST_NOW is Friday 20 November 2026, 12:00 UTC (GMT); each test may move the clock.

const CONTACT = `
  id version stage rag ragReason screenedBy recordedBy receivedAt recordedAt closedAt nextDueAt
  ratings { rag reason ratedBy ratedAt }
  partnerChecks { agency requestedBy answeredBy outcome withdrawnAt clock { dueAt status } }
  outstandingChecks
  clocks {
    ragResponse { startedAt dueAt stoppedAt status secondsLeft }
    decisionWithin24Hours { startedAt dueAt stoppedAt status secondsLeft }
    decisionWithinOneWorkingDay { startedAt dueAt stoppedAt status secondsLeft }
  }
  decisions {
    child { id givenName familyName unborn }
    decidedBy level outcome consent lawfulBasis reportedNhsNumber
    referral { id createdBy completedAt clock { dueAt status } }
  }`;

interface ContactView {
  id: string;
  version: number;
  stage: string;
  rag: string | null;
  nextDueAt: string | null;
  closedAt: string | null;
  ratings: { rag: string; reason: string; ratedBy: string | null }[];
  partnerChecks: {
    agency: string;
    outcome: string | null;
    withdrawnAt: string | null;
    clock: { dueAt: string; status: string } | null;
  }[];
  outstandingChecks: string[];
  clocks: Record<
    string,
    { startedAt: string; dueAt: string; stoppedAt: string | null; status: string } | null
  >;
  decisions: {
    child: { id: string; givenName: string; unborn: boolean };
    level: number | null;
    outcome: string | null;
    referral: { id: string; completedAt: string | null; clock: { status: string } } | null;
  }[];
}

type Errors = GraphQLResponse<unknown>['errors'];

describe('the MASH front door (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const world = testWorld();
  const knownChild = world.socialcare.children.find((c) => c.dateOfBirth && c.householdId)!;
  const sibling = world.socialcare.children.find(
    (c) => c.householdId === knownChild.householdId && c.id !== knownChild.id,
  );

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', world, { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

  async function record(input: Record<string, unknown>, as?: string) {
    return sc.query<{ recordContact: ContactView }>(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { ${CONTACT} } }`,
      { input },
      as ? { as } : undefined,
    );
  }

  function contactInput(overrides: Record<string, unknown> = {}) {
    return {
      idempotencyKey: randomUUID(),
      source: '6',
      referrer: 'PC 4411 Example, Northside Police',
      concern: 'Domestic incident at the family home overnight; child present and upset.',
      children: [{ childId: knownChild.id }],
      ...overrides,
    };
  }

  async function newContact(overrides: Record<string, unknown> = {}): Promise<ContactView> {
    const res = await record(contactInput(overrides));
    expect(res.errors).toBeUndefined();
    return res.data!.recordContact;
  }

  async function change(
    mutation: string,
    input: Record<string, unknown>,
    as?: string,
  ): Promise<{ data?: Record<string, ContactView>; errors?: Errors }> {
    const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
    return sc.query<Record<string, ContactView>>(
      `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { ${CONTACT} } }`,
      { input },
      as ? { as } : undefined,
    );
  }

  async function screened(rag = 'AMBER', overrides: Record<string, unknown> = {}) {
    const c = await newContact(overrides);
    const res = await change('screenContact', {
      contactId: c.id,
      version: c.version,
      rag,
      reason: 'Child present at a domestic incident; previous incidents known',
    });
    expect(res.errors).toBeUndefined();
    return res.data!.screenContact;
  }

  function decision(c: ContactView, childId: string, overrides: Record<string, unknown> = {}) {
    return {
      contactId: c.id,
      version: c.version,
      childId,
      level: 3,
      outcome: 'ASSESSMENT_REQUIRED',
      rationale:
        'Repeated domestic abuse with the child present; needs a child and family assessment.',
      consent: 'GIVEN',
      ...overrides,
    };
  }

  describe('recording a contact', () => {
    it('records a contact at RECEIVED with its author, its clocks running from receipt', async () => {
      const c = await newContact();
      expect(c).toMatchObject({
        version: 1,
        stage: 'RECEIVED',
        rag: null,
        recordedBy: 'sc-practitioner',
        receivedAt: TEST_NOW.toISOString(),
        recordedAt: TEST_NOW.toISOString(),
        closedAt: null,
        ratings: [],
        partnerChecks: [],
        outstandingChecks: [],
        clocks: {
          ragResponse: null,
          decisionWithin24Hours: {
            startedAt: '2026-11-20T12:00:00.000Z',
            dueAt: '2026-11-21T12:00:00.000Z',
            stoppedAt: null,
            status: 'ON_TIME',
            secondsLeft: 86_400,
          },
          // Received Friday: the first working day after is Monday 23rd, due at its end.
          decisionWithinOneWorkingDay: {
            startedAt: '2026-11-20T12:00:00.000Z',
            dueAt: '2026-11-24T00:00:00.000Z',
            stoppedAt: null,
            status: 'ON_TIME',
            secondsLeft: 3.5 * 86_400,
          },
        },
        nextDueAt: '2026-11-21T12:00:00.000Z',
      });
      expect(c.decisions.map((d) => d.child.id)).toEqual([knownChild.id]);
    });

    it('returns the first contact when the same submission is retried under its key', async () => {
      const input = contactInput();
      const first = await record(input);
      now = new Date(TEST_NOW.getTime() + 60_000);
      const retry = await record(input);
      expect(retry.data!.recordContact.id).toBe(first.data!.recordContact.id);
      const rows = (await sc.database.dataSource.query(
        `SELECT count(*)::int AS n FROM contact_submissions WHERE idempotency_key = $1`,
        [input.idempotencyKey],
      )) as { n: number }[];
      expect(rows[0].n).toBe(1);
    });

    it('creates one contact when the same submission arrives twice at once', async () => {
      const input = contactInput();
      const [a, b] = await Promise.all([record(input), record(input)]);
      expect([a.errors, b.errors]).toEqual([undefined, undefined]);
      expect(a.data!.recordContact.id).toBe(b.data!.recordContact.id);
    });

    it('refuses a different payload under a key already used, keeping the first', async () => {
      const input = contactInput();
      const first = await record(input);
      const res = await record({ ...input, concern: 'A different concern entirely, typed later.' });
      expect(res.data).toBeNull();
      expect(codes(res.errors)).toEqual([
        { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' },
      ]);
      expect(res.errors![0].extensions!.contactId).toBe(first.data!.recordContact.id);
    });

    it('treats the same key from another user as their own submission', async () => {
      const input = contactInput();
      const mine = await record(input);
      const theirs = await record(input, 'sc-manager');
      expect(theirs.data!.recordContact.id).not.toBe(mine.data!.recordContact.id);
    });

    it('refuses an unknown child id, naming the field, and stores nothing', async () => {
      const before = await countContacts();
      const res = await record(
        contactInput({ children: [{ childId: knownChild.id }, { childId: 'SC999999999' }] }),
      );
      expect(codes(res.errors)).toEqual([{ code: 'NOT_FOUND', field: 'children[1].childId' }]);
      expect(await countContacts()).toBe(before);
    });

    it('creates a new child, and an unborn one, from a contact about siblings', async () => {
      const c = await newContact({
        children: [
          {
            newChild: {
              givenName: 'Testchild',
              familyName: 'Newfamily',
              dateOfBirth: '2019-03-04',
              sex: 'FEMALE',
              address: { line: '1 Example Road', postcode: 'n15 4ab' },
            },
            nhsNumber: '943 476 5919',
          },
          { newChild: { familyName: 'Newfamily', expectedDateOfBirth: '2027-02-01' } },
        ],
      });
      expect(c.decisions.map((d) => d.child)).toEqual([
        expect.objectContaining({ givenName: 'Testchild', familyName: 'Newfamily', unborn: false }),
        expect.objectContaining({ givenName: 'Unborn', familyName: 'Newfamily', unborn: true }),
      ]);
      expect(c.decisions[0]).toMatchObject({ reportedNhsNumber: '9434765919' });
      const ids = c.decisions.map((d) => d.child.id);
      const rows = (await sc.database.dataSource.query(
        `SELECT c.id, c.nhs_number, h.postcode FROM children c LEFT JOIN households h ON h.id = c.household_id
          WHERE c.id = ANY($1) ORDER BY c.id`,
        [ids],
      )) as { id: string; nhs_number: string | null; postcode: string | null }[];
      expect(rows).toEqual([
        { id: ids[0], nhs_number: '9434765919', postcode: 'N15 4AB' },
        { id: ids[1], nhs_number: null, postcode: null },
      ]);
      // The new ids follow every id already stored.
      const max = world.socialcare.children
        .map((k) => Number(k.id.slice(2)))
        .sort((a, b) => b - a)[0];
      expect(ids.every((id) => Number(id.slice(2)) > max)).toBe(true);
    });

    it('refuses a new child whose NHS number a known child has, naming that child', async () => {
      const holder = world.socialcare.children.find(
        (k) => k.nhsNumber && /^\d{10}$/.test(k.nhsNumber) && isValidNhs(k.nhsNumber),
      )!;
      const res = await record(
        contactInput({
          children: [
            {
              newChild: { givenName: 'Some', familyName: 'One', dateOfBirth: '2018-01-01' },
              nhsNumber: holder.nhsNumber,
            },
          ],
        }),
      );
      expect(codes(res.errors)).toEqual([
        { code: 'CHILD_ALREADY_KNOWN', field: 'children[0].nhsNumber' },
      ]);
      expect(res.errors![0].extensions!.childIds).toEqual([holder.id]);
    });

    it('creates one child when two contacts about the same new child arrive at once', async () => {
      const newChild = {
        givenName: 'Simultaneous',
        familyName: 'Arrival',
        dateOfBirth: '2020-06-01',
      };
      const [a, b] = await Promise.all([
        record(contactInput({ children: [{ newChild }] })),
        record(contactInput({ children: [{ newChild }] }), 'sc-manager'),
      ]);
      const outcomes = [a, b].map((r) => (r.errors ? codes(r.errors)[0].code : 'OK')).sort();
      expect(outcomes).toEqual(['CHILD_ALREADY_KNOWN', 'OK']);
      const rows = (await sc.database.dataSource.query(
        `SELECT count(*)::int AS n FROM children WHERE family_name = 'Arrival'`,
      )) as { n: number }[];
      expect(rows[0].n).toBe(1);
    });

    it('refuses a new child with a known child’s name and date of birth unless confirmed new', async () => {
      const newChild = {
        givenName: knownChild.givenName.toUpperCase(),
        familyName: knownChild.familyName,
        dateOfBirth: knownChild.dateOfBirth,
      };
      const refused = await record(contactInput({ children: [{ newChild }] }));
      expect(codes(refused.errors)).toEqual([
        { code: 'CHILD_ALREADY_KNOWN', field: 'children[0].newChild' },
      ]);
      const confirmed = await record(
        contactInput({ children: [{ newChild: { ...newChild, confirmedNew: true } }] }),
      );
      expect(confirmed.errors).toBeUndefined();
    });

    it.each([
      [{ source: '11' }, 'source'],
      [{ source: '' }, 'source'],
      [{ concern: 'short' }, 'concern'],
      [{ referrer: '   ' }, 'referrer'],
      [{ idempotencyKey: 'short' }, 'idempotencyKey'],
      [{ receivedAt: '2026-11-20T12:00:01.000Z' }, 'receivedAt'],
      [{ receivedAt: '2026-10-01T12:00:00.000Z' }, 'receivedAt'],
      [{ children: [] }, 'children'],
      [
        {
          children: [{ childId: 'SC1', newChild: { familyName: 'X', dateOfBirth: '2020-01-01' } }],
        },
        'children[0]',
      ],
      [{ children: [{ childId: 'SC1' }, { childId: 'SC1' }] }, 'children'],
      [
        {
          children: [{ newChild: { givenName: 'A', familyName: 'B', dateOfBirth: '2027-01-01' } }],
        },
        'children[0].newChild.dateOfBirth',
      ],
      [
        { children: [{ newChild: { familyName: 'B', expectedDateOfBirth: '2026-01-01' } }] },
        'children[0].newChild.expectedDateOfBirth',
      ],
      [
        { children: [{ newChild: { familyName: 'B', dateOfBirth: '2020-01-01' } }] },
        'children[0].newChild.givenName',
      ],
      [{ children: [{ childId: 'SC100001', nhsNumber: '9434765918' }] }, 'children[0].nhsNumber'],
      [{ children: [{ childId: 'SC100001', upn: 'A801200005001' }] }, 'children[0].upn'],
      [
        {
          children: [
            {
              newChild: {
                givenName: 'A',
                familyName: 'B',
                dateOfBirth: '2020-01-01',
                address: { line: '1 Road', postcode: 'NOT A CODE' },
              },
            },
          ],
        },
        'children[0].newChild.address.postcode',
      ],
    ])('refuses %j with BAD_USER_INPUT naming %s', async (overrides, field) => {
      const before = await countContacts();
      const res = await record(contactInput(overrides));
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
      expect(await countContacts()).toBe(before);
    });

    it('accepts a receipt earlier than its recording, and starts the clocks there', async () => {
      // A 23:30 call on Thursday typed in at 08:00 on Friday.
      now = new Date('2026-11-20T08:00:00Z');
      const c = await newContact({ receivedAt: '2026-11-19T23:30:00.000Z' });
      expect(c.clocks.decisionWithin24Hours).toMatchObject({
        startedAt: '2026-11-19T23:30:00.000Z',
        dueAt: '2026-11-20T23:30:00.000Z',
      });
      // Received Thursday: due at the end of Friday.
      expect(c.clocks.decisionWithinOneWorkingDay!.dueAt).toBe('2026-11-21T00:00:00.000Z');
    });

    it('refuses a contact whose deadline falls past the bank-holiday data, storing nothing', async () => {
      // Friday 29 December 2028: the first working day after it is in 2029, not yet in the data.
      now = new Date('2028-12-29T10:00:00Z');
      const before = await countContacts();
      const res = await record(contactInput());
      expect(codes(res.errors)).toEqual([{ code: 'CALENDAR_NOT_COVERED', field: undefined }]);
      expect(await countContacts()).toBe(before);
    });

    it('refuses an analyst, who records nothing', async () => {
      const res = await record(contactInput(), 'analyst');
      expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
    });

    it('refuses a partner agency, whose contact would open the child to every agency', async () => {
      const before = await countContacts();
      const res = await record(contactInput(), 'police-mash');
      expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
      expect(await countContacts()).toBe(before);
    });

    it('creates each new sibling once when two contacts list them in opposite orders at once', async () => {
      const older = { givenName: 'Orderone', familyName: 'Crossed', dateOfBirth: '2016-02-02' };
      const younger = { givenName: 'Ordertwo', familyName: 'Crossed', dateOfBirth: '2018-03-03' };
      const [a, b] = await Promise.all([
        record(contactInput({ children: [{ newChild: older }, { newChild: younger }] })),
        record(
          contactInput({ children: [{ newChild: younger }, { newChild: older }] }),
          'sc-manager',
        ),
      ]);
      const outcomes = [a, b].map((r) => (r.errors ? codes(r.errors)[0].code : 'OK')).sort();
      expect(outcomes).toEqual(['CHILD_ALREADY_KNOWN', 'OK']);
      const rows = (await sc.database.dataSource.query(
        `SELECT count(*)::int AS n FROM children WHERE family_name = 'Crossed'`,
      )) as { n: number }[];
      expect(rows[0].n).toBe(2);
    });

    it('answers a retry as the first submission even once its receipt is too old to type in', async () => {
      now = new Date('2026-11-19T09:00:00Z');
      const input = contactInput({ receivedAt: '2026-11-18T23:30:00.000Z' });
      const first = await record(input);
      now = new Date('2026-12-20T09:00:00Z');
      const retry = await record(input);
      expect(retry.data!.recordContact.id).toBe(first.data!.recordContact.id);
    });
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
  });

  describe('the queue', () => {
    interface QueuePage {
      mashQueue: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: {
          cursor: string;
          node: { id: string; nextDueAt: string; rag: string | null; stage: string };
        }[];
      };
    }
    const QUEUE = `query ($first: Int, $after: String, $filter: MashQueueFilter) {
      mashQueue(first: $first, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id nextDueAt rag stage } }
      }
    }`;

    async function wholeQueue(filter?: Record<string, unknown>, first = 7) {
      const ids: { id: string; nextDueAt: string; rag: string | null; stage: string }[] = [];
      let after: string | null = null;
      let total = 0;
      for (;;) {
        const res: { data?: QueuePage; errors?: Errors } = await sc.query<QueuePage>(QUEUE, {
          first,
          after,
          filter,
        });
        expect(res.errors).toBeUndefined();
        const page = res.data!.mashQueue;
        total = page.totalCount;
        ids.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return { rows: ids, total };
    }

    it('lists every open contact once, most urgent first, across pages', async () => {
      const { rows, total } = await wholeQueue();
      const open = (await sc.database.dataSource.query(
        `SELECT id FROM contacts WHERE closed_at IS NULL ORDER BY id`,
      )) as { id: string }[];
      expect(rows.map((r) => r.id).sort()).toEqual(open.map((r) => r.id));
      expect(total).toBe(open.length);
      const dues = rows.map((r) => r.nextDueAt);
      expect(dues).toEqual([...dues].sort());
    });

    it('puts a RED contact rated now ahead of a GREEN one received at the same time', async () => {
      const green = await screened('GREEN');
      const red = await screened('RED');
      const { rows } = await wholeQueue();
      const order = rows.map((r) => r.id);
      expect(order.indexOf(red.id)).toBeLessThan(order.indexOf(green.id));
    });

    it('filters by RAG, stage and overdue', async () => {
      const { rows: reds } = await wholeQueue({ rag: ['RED'] });
      expect(reds.every((r) => r.rag === 'RED')).toBe(true);
      const { rows: received } = await wholeQueue({ stage: ['RECEIVED'] });
      expect(received.every((r) => r.stage === 'RECEIVED' && r.rag === null)).toBe(true);
      const { rows: overdue } = await wholeQueue({ overdue: true });
      expect(overdue.every((r) => r.nextDueAt < TEST_NOW.toISOString())).toBe(true);
      const { rows: inTime } = await wholeQueue({ overdue: false });
      expect(inTime.every((r) => r.nextDueAt >= TEST_NOW.toISOString())).toBe(true);
    });

    it('refuses a cursor it did not make', async () => {
      const res = await sc.query(QUEUE, { after: 'not-a-cursor' });
      expect(codes(res.errors as Errors)).toEqual([{ code: 'BAD_USER_INPUT', field: 'after' }]);
    });

    it('costs the same statements for a page of 10 as of 50', async () => {
      const heavy = `query ($first: Int) { mashQueue(first: $first) { edges { node {
        id clocks { ragResponse { dueAt } decisionWithin24Hours { dueAt } }
        outstandingChecks ratings { rag } partnerChecks { agency clock { status } }
        decisions { child { id givenName } referral { id } }
      } } } }`;
      for (let i = 0; i < 55; i++) await newContact();
      const counts: number[] = [];
      for (const first of [10, 50]) {
        sc.statements.reset();
        const res = await sc.query<{ mashQueue: { edges: unknown[] } }>(heavy, { first });
        expect(res.data!.mashQueue.edges).toHaveLength(first);
        counts.push(dataStatements(sc.statements));
      }
      expect(counts[0]).toBe(counts[1]);
    });

    describe('one snapshot per page', () => {
      interface Row {
        id: string;
        stage: string;
        closedAt: string | null;
        clocks: { decisionWithin24Hours: { stoppedAt: string | null } };
        decisions: { decidedAt: string | null; child: { id: string; hasOpenContact: boolean } }[];
      }
      const ROW = `id stage closedAt clocks { decisionWithin24Hours { stoppedAt } }
        decisions { decidedAt child { id hasOpenContact } }`;
      const PAGE = `query ($team: String!) {
        mashQueue(first: 200, filter: { team: [$team] }) { edges { node { ${ROW} } } }
      }`;

      /** A screened contact, in a team of its own, about a new child on no other contact. */
      async function screenedAlone() {
        const team = `SNAPSHOT-${randomUUID().slice(0, 8)}`;
        const c = await screened('AMBER', {
          team,
          children: [
            {
              newChild: {
                givenName: `Snap${randomUUID().slice(0, 6)}`,
                familyName: 'Shot',
                dateOfBirth: '2017-05-05',
              },
            },
          ],
        });
        return { contact: c, childId: c.decisions[0].child.id, team };
      }

      /** The statements of one request, from the start of its snapshot to its COMMIT. */
      function snapshotOf(statements: string[]) {
        const all = statements.map((s) => s.trim());
        const begin = all.indexOf('START TRANSACTION');
        if (begin === -1) return { before: all, opening: [], reads: 0, after: [] };
        const commit = all.indexOf('COMMIT', begin);
        const audit = /audit_log|audit_append|pg_advisory_xact_lock|^(START TRANSACTION|COMMIT)/;
        return {
          before: all.slice(0, begin),
          opening: all.slice(begin, begin + 2),
          reads: commit - begin - 2,
          after: all.slice(commit + 1).filter((s) => !audit.test(s)),
        };
      }

      const SNAPSHOT = [
        'START TRANSACTION',
        'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY',
      ];

      it('reads a page and everything its rows show in one read-only repeatable-read snapshot, and nothing after it', async () => {
        // A known child, so that the page shows a household's postcode too.
        const team = `SNAPSHOT-${randomUUID().slice(0, 8)}`;
        const c = await screened('AMBER', { team });
        sc.statements.reset();
        const res = await sc.query<{ mashQueue: { edges: { node: Row }[] } }>(
          `query ($team: String!) { mashQueue(filter: { team: [$team] }) { edges { node {
            ${ROW} outstandingChecks nextDueAt ratings { rag } partnerChecks { agency }
            decisions { referral { id } informedBy { requestId }
              child { postcode caseTeam matchLinks { agency } } }
          } } } }`,
          { team },
        );
        expect(res.errors).toBeUndefined();
        expect(
          res.data!.mashQueue.edges.map((e) => [
            e.node.id,
            e.node.decisions[0].child.hasOpenContact,
          ]),
        ).toEqual([[c.id, true]]);
        // The page, contacts, children rows, checks, ratings, referrals, views, children,
        // households, match decisions and relationship facts: one statement each.
        expect(snapshotOf(sc.statements.statements)).toEqual({
          before: [],
          opening: SNAPSHOT,
          reads: 11,
          after: [],
        });
      });

      it("reads a contact and its children's relationship facts in one read-only repeatable-read snapshot", async () => {
        const { contact: c } = await screenedAlone();
        sc.statements.reset();
        const res = await sc.query<{ contact: Row }>(
          `query ($id: ID!) { contact(id: $id) { ${ROW} } }`,
          { id: c.id },
        );
        expect(res.errors).toBeUndefined();
        // The contact, its children rows, the children and their relationship facts.
        expect(snapshotOf(sc.statements.statements)).toEqual({
          before: [],
          opening: SNAPSHOT,
          reads: 4,
          after: [],
        });
      });

      /**
       * Plays a decision committed in the middle of a read: holds `table` locked, starts `read`,
       * waits until it is blocked on the table (its earlier statements done), runs `write` to the
       * end, then lets the read go on.
       */
      async function decidedMidRead<T>(
        table: string,
        read: () => Promise<T>,
        write: () => Promise<void>,
      ): Promise<T> {
        const lock = sc.database.dataSource.createQueryRunner();
        await lock.connect();
        await lock.startTransaction();
        try {
          await lock.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
          let settled = false;
          const reading = read().finally(() => {
            settled = true;
          });
          for (let waited = 0; ; waited += 10) {
            const [{ n }] = (await sc.database.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass`,
              [table],
            )) as { n: number }[];
            if (n > 0) break;
            if (settled || waited > 10_000) throw new Error(`the read never waited for ${table}`);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          await write();
          await lock.commitTransaction();
          return await reading;
        } finally {
          if (lock.isTransactionActive) await lock.rollbackTransaction();
          await lock.release();
        }
      }

      async function decide(c: ContactView, childId: string) {
        const res = await sc.query<{ recordThresholdDecision: { stage: string } }>(
          `mutation ($input: RecordThresholdDecisionInput!) {
            recordThresholdDecision(input: $input) { stage }
          }`,
          { input: decision(c, childId, { outcome: 'NO_FURTHER_ACTION', level: 1 }) },
        );
        expect(res.errors).toBeUndefined();
        expect(res.data!.recordThresholdDecision.stage).toBe('DECIDED');
      }

      it("shows a contact decided while its page is read as it was when the page was read: open, with its child's open contact (PostgreSQL only)", async () => {
        const { contact: c, childId, team } = await screenedAlone();
        // The child's open-contact fact reads referrals, after the page and its contacts.
        const res = await decidedMidRead(
          'referrals',
          () => sc.query<{ mashQueue: { edges: { node: Row }[] } }>(PAGE, { team }),
          () => decide(c, childId),
        );
        expect(res.errors).toBeUndefined();
        expect(res.data!.mashQueue.edges.map((e) => e.node)).toEqual([
          {
            id: c.id,
            stage: 'SCREENED',
            closedAt: null,
            clocks: { decisionWithin24Hours: { stoppedAt: null } },
            decisions: [{ decidedAt: null, child: { id: childId, hasOpenContact: true } }],
          },
        ]);
        // The decision stands: the next page no longer shows the contact.
        const next = await sc.query<{ mashQueue: { edges: unknown[] } }>(PAGE, { team });
        expect(next.data!.mashQueue.edges).toEqual([]);
      });

      it('shows a contact decided while it is read as it was when it was read (PostgreSQL only)', async () => {
        const { contact: c, childId } = await screenedAlone();
        const res = await decidedMidRead(
          'referrals',
          () =>
            sc.query<{ contact: Row }>(`query ($id: ID!) { contact(id: $id) { ${ROW} } }`, {
              id: c.id,
            }),
          () => decide(c, childId),
        );
        expect(res.errors).toBeUndefined();
        expect(res.data!.contact).toEqual({
          id: c.id,
          stage: 'SCREENED',
          closedAt: null,
          clocks: { decisionWithin24Hours: { stoppedAt: null } },
          decisions: [{ decidedAt: null, child: { id: childId, hasOpenContact: true } }],
        });
      });
    });
  });

  async function countContacts(): Promise<number> {
    const rows = (await sc.database.dataSource.query(
      `SELECT count(*)::int AS n FROM contacts`,
    )) as {
      n: number;
    }[];
    return rows[0].n;
  }

  async function contact(id: string): Promise<ContactView> {
    const res = await sc.query<{ contact: ContactView }>(
      `query ($id: ID!) { contact(id: $id) { ${CONTACT} } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.contact;
  }
});

function isValidNhs(n: string): boolean {
  const digits = n.split('').map(Number);
  const sum = digits.slice(0, 9).reduce((s, d, i) => s + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === digits[9] && check !== 10;
}
