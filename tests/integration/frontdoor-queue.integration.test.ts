import { randomUUID } from 'node:crypto';
import { codes } from '../support/errors';
import { frontdoorHelpers, type ContactView, type Errors } from '../support/frontdoor';
import {
  dataStatements,
  startSubgraph,
  TEST_NOW,
  testWorld,
  type RunningSubgraph,
} from '../support/system';

// The front door as one socialcare subgraph serves it: the MASH queue, its order, filters and
// pages, and the one snapshot each page is read in. Recording contacts and deciding them are in
// frontdoor.integration.test.ts and frontdoor-decisions.integration.test.ts. The clock is
// TEST_NOW, Friday 20 November 2026, 12:00 UTC (GMT).

describe('the MASH front door (socialcare)', () => {
  let sc: RunningSubgraph;
  const { newContact, change, screened, decision } = frontdoorHelpers(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', testWorld());
    // The test world leaves one contact open. The queue's tests read the queue as the recording
    // and deciding tests used to leave it, in the same file: several pages of open contacts,
    // received at several instants (overdue now, and in time), unrated, rated every RAG, and
    // awaiting partner checks.
    for (const hours of [1, 5, 20, 30, 50, 75]) {
      const receivedAt = new Date(TEST_NOW.getTime() - hours * 3_600_000).toISOString();
      await newContact({ receivedAt });
    }
    for (const rag of ['RED', 'AMBER', 'GREEN', 'BLUE', 'RED', 'AMBER']) await screened(rag);
    for (const rag of ['RED', 'GREEN']) {
      const c = await screened(rag);
      const asked = await change('requestPartnerChecks', {
        contactId: c.id,
        version: c.version,
        agencies: ['POLICE'],
      });
      expect(asked.errors).toBeUndefined();
    }
  });
  afterAll(() => sc.stop());

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

    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    // Each of these decodes to something the queue would once have sent PostgreSQL, which
    // answered with an internal error quoting its own message (issue 18, finding 5).
    it.each([
      ['a date that does not exist', cursor(['2026-02-30T00:00:00.000Z', 'CT0000001'])],
      ['an instant PostgreSQL cannot read', cursor(['1', 'CT0000001'])],
      ['an instant with a six-digit year', cursor(['+275760-09-13T00:00:00.000Z', 'CT0000001'])],
      ['the year 0', cursor(['0000-01-01T00:00:00.000Z', 'CT0000001'])],
      ['an absurdly early year', cursor(['0001-01-01T00:00:00.000Z', 'CT0000001'])],
      ['an instant not in UTC', cursor(['2026-11-20T12:00:00.000+01:00', 'CT0000001'])],
      ['an id with a NUL', cursor(['2026-11-20T12:00:00.000Z', 'CT\u0000'])],
      ['an id no contact could have', cursor(['2026-11-20T12:00:00.000Z', "x' OR 1=1"])],
      ['a number for the id', cursor(['2026-11-20T12:00:00.000Z', 1])],
      ['an object', cursor({ due: '2026-11-20T12:00:00.000Z', id: 'CT0000001' })],
      ['three parts', cursor(['2026-11-20T12:00:00.000Z', 'CT0000001', 'x'])],
      ['JSON null', cursor(null)],
    ])('refuses a cursor holding %s as BAD_USER_INPUT on `after`', async (_label, after) => {
      const res = await sc.query(QUEUE, { after });
      expect(res.errors?.map((e) => [e.message, e.extensions?.code, e.extensions?.field])).toEqual([
        [
          '`after` must be a cursor this queue returned (`pageInfo.endCursor`)',
          'BAD_USER_INPUT',
          'after',
        ],
      ]);
    });

    it('takes a cursor of its own, from the canonical form it writes', async () => {
      const first = await sc.query<{ mashQueue: { pageInfo: { endCursor: string } } }>(QUEUE, {
        first: 1,
      });
      const res = await sc.query(QUEUE, {
        first: 1,
        after: first.data?.mashQueue.pageInfo.endCursor,
      });
      expect(res.errors).toBeUndefined();
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

      /**
       * A registered socialcare team no seeded contact is worked by, emptied of the contacts
       * earlier tests put in it, so the next contact is alone in its queue page.
       */
      async function emptyTeam(): Promise<string> {
        const team = 'Assessment Team 2';
        await sc.database.dataSource.query(
          `UPDATE contacts SET team = 'MASH Central' WHERE team = $1`,
          [team],
        );
        return team;
      }

      /** A screened contact, alone in its team, about a new child on no other contact. */
      async function screenedAlone() {
        const team = await emptyTeam();
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
        const team = await emptyTeam();
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
});
