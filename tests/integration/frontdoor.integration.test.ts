import { codes } from '../support/errors';
import { frontdoorHelpers, knownChild } from '../support/frontdoor';
import { startSubgraph, TEST_NOW, testWorld, type RunningSubgraph } from '../support/system';

// The front door as one socialcare subgraph serves it: recording a contact. Screening, partner
// checks and decisions are in frontdoor-decisions.integration.test.ts, the queue in
// frontdoor-queue.integration.test.ts; what they share is in tests/support/frontdoor.ts.
// TEST_NOW is Friday 20 November 2026, 12:00 UTC (GMT); each test may move the clock.

const world = testWorld();

describe('the MASH front door (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const { record, contactInput, newContact, countContacts } = frontdoorHelpers(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', testWorld(), { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

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
              disability: 'YES',
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
        `SELECT c.id, c.nhs_number, h.postcode, c.disability
           FROM children c LEFT JOIN households h ON h.id = c.household_id
          WHERE c.id = ANY($1) ORDER BY c.id`,
        [ids],
      )) as { id: string; nhs_number: string | null; postcode: string | null }[];
      // Disability as given; not given: not recorded.
      expect(rows).toEqual([
        { id: ids[0], nhs_number: '9434765919', postcode: 'N15 4AB', disability: 'YES' },
        { id: ids[1], nhs_number: null, postcode: null, disability: null },
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
});

function isValidNhs(n: string): boolean {
  const digits = n.split('').map(Number);
  const sum = digits.slice(0, 9).reduce((s, d, i) => s + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === digits[9] && check !== 10;
}
