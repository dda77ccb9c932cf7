import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import pg from 'pg';
import type { SubgraphName } from '../../shared/config';
import { verifyAuditChain } from '../../shared/audit';
import { internalToken, principalOf, withGrants } from '../support/auth';
import {
  databaseOn,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/private-postgres';
import { startProxy } from '../support/proxy';
import {
  gatewayHeaders,
  postGraphQL,
  startGateway,
  startSubgraph,
  startSystem,
  testWorld,
  type GraphQLResponse,
  type RunningSubgraph,
  type RunningSystem,
} from '../support/system';
import { childRepresentation, cleanChildren } from '../support/truth';

// Faults the MASH must ride out: an agency slow, killed or without its database, a write cut off
// half-way or answered into the void, a service shutting down, and connections worth keeping.
// The rules for an agency that is simply unreachable are in federation.e2e.test.ts.

const world = testWorld();
const [child] = cleanChildren(world, ['police', 'health', 'education']);
const sc = world.socialcare.children.find((c) => c.id === child.socialcareId)!;
const BREAK_GLASS = { breakGlass: 'Fault test: reading every section of the child' };

const CHILD_VIEW = `
  query ($id: ID!) {
    child(id: $id) {
      id familyName
      police { person { id } }
      health { patient { id } }
      education { pupil { id } }
    }
  }`;

interface ChildView {
  child: {
    id: string;
    familyName: string;
    police: { person: { id: string } | null } | null;
    health: { patient: { id: string } | null } | null;
    education: { pupil: { id: string } | null } | null;
  } | null;
}

/** The child's view in full, as every agency answers it. */
const FULL_VIEW = {
  id: sc.id,
  familyName: sc.familyName,
  police: { person: { id: child.policeId } },
  health: { patient: { id: child.healthId } },
  education: { pupil: { id: child.educationId } },
};

/** What a user sees of a child view: the status, the child and each error's code and agency. */
function seen(res: GraphQLResponse<ChildView>) {
  return {
    status: res.status,
    child: res.data?.child ?? null,
    errors: (res.errors ?? []).map((e) => ({
      code: e.extensions?.code,
      serviceName: e.extensions?.serviceName,
      message: e.message,
    })),
  };
}

/** An error naming the agency that is missing, with the reason in its message. */
function agencyUnavailable(agency: string, reason: RegExp) {
  return {
    code: 'AGENCY_UNAVAILABLE',
    serviceName: agency,
    message: expect.stringMatching(reason),
  };
}

const RECORD_CONTACT = `mutation ($input: RecordContactInput!) {
  recordContact(input: $input) { id version stage children: decisions { child { id } } }
}`;

const SCREEN_CONTACT = `mutation ($input: ScreenContactInput!) {
  screenContact(input: $input) { id version stage rag }
}`;

function contactInput(children: object[], concern: string) {
  return {
    idempotencyKey: randomUUID(),
    source: '6',
    referrer: 'PC 9 Example, response team',
    concern,
    children,
  };
}

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.stop());

function subgraphUrls(): Record<SubgraphName, string> {
  return Object.fromEntries(Object.values(system.subgraphs).map((s) => [s.name, s.url])) as Record<
    SubgraphName,
    string
  >;
}

describe('the gateway when a partner agency is slow or dies', () => {
  it('answers by its timeout when police is slow, with the child, the other agencies and an error naming police', async () => {
    const timeoutMs = 1_000;
    const proxy = await startProxy(system.subgraphs.police.url);
    proxy.delayMs = 10_000;
    const gateway = await startGateway({
      subgraphUrls: { ...subgraphUrls(), police: proxy.url },
      timeoutMs,
    });
    try {
      const started = Date.now();
      const res = await gateway.query<ChildView>(CHILD_VIEW, { id: sc.id }, BREAK_GLASS);
      const ms = Date.now() - started;
      expect({
        ...seen(res),
        waitedForPolice: ms >= timeoutMs,
        inTime: ms < timeoutMs + 2_500,
      }).toEqual({
        status: 200,
        child: { ...FULL_VIEW, police: null },
        errors: [agencyUnavailable('police', /timed out/)],
        waitedForPolice: true,
        inTime: true,
      });
    } finally {
      await gateway.stop();
      await proxy.stop();
    }
  });

  it('answers without police while police is killed mid-run, and in full once it is back on its port, without a gateway restart', async () => {
    const police = system.subgraphs.police;
    type Phase = 'before' | 'outage' | 'after';
    let phase: Phase | 'killing' | 'restarting' = 'before';
    const outcomes: { from: string; to: string; kind: string; ms: number }[] = [];
    const kindOf = (res: GraphQLResponse<ChildView>): string => {
      const view = seen(res);
      if (view.status === 200 && view.errors.length === 0) {
        return JSON.stringify(view.child) === JSON.stringify(FULL_VIEW) ? 'full' : 'wrong child';
      }
      const partial =
        JSON.stringify(view.child) === JSON.stringify({ ...FULL_VIEW, police: null }) &&
        view.errors.length === 1 &&
        view.errors[0].code === 'AGENCY_UNAVAILABLE' &&
        view.errors[0].serviceName === 'police';
      return partial ? 'without police' : JSON.stringify(view);
    };
    const headers = await gatewayHeaders({ ...BREAK_GLASS, breakGlassChild: sc.id });
    let running = true;
    const worker = async () => {
      while (running) {
        const from = phase;
        const started = Date.now();
        let kind: string;
        try {
          const res = await fetch(system.gatewayUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ query: CHILD_VIEW, variables: { id: sc.id } }),
            signal: AbortSignal.timeout(10_000),
          });
          kind = kindOf({ status: res.status, ...((await res.json()) as object) });
        } catch (error) {
          kind = `no answer: ${String(error)}`;
        }
        outcomes.push({ from, to: phase, kind, ms: Date.now() - started });
      }
    };
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((r) => setTimeout(r, 10));
    };
    const count = (p: Phase) => outcomes.filter((o) => o.from === p && o.to === p).length;

    const workers = Array.from({ length: 4 }, worker);
    await until(() => count('before') >= 8);
    // Killed while it is answering: the next request police receives is cut off mid-flight.
    const killed = new Promise<void>((resolve) => {
      police.httpServer.once('request', () => {
        phase = 'killing';
        void police.crash().then(() => {
          phase = 'outage';
          resolve();
        });
      });
    });
    await killed;
    await until(() => count('outage') >= 8);
    phase = 'restarting';
    await police.restart();
    phase = 'after';
    await until(() => count('after') >= 8);
    running = false;
    await Promise.all(workers);

    const kinds = (filter: (o: (typeof outcomes)[number]) => boolean) => [
      ...new Set(outcomes.filter(filter).map((o) => o.kind)),
    ];
    const cutOff = outcomes.filter((o) => o.to !== o.from && o.from === 'before');
    expect({
      before: kinds((o) => o.from === 'before' && o.to === 'before'),
      // The requests in flight when police died: one of them was inside police.
      inFlightAtTheKill: cutOff.some((o) => o.kind === 'without police'),
      inFlight: kinds((o) => o.from !== o.to),
      outage: kinds((o) => o.from === 'outage' && o.to === 'outage'),
      after: kinds((o) => o.from === 'after'),
      slowestUnder5s: Math.max(...outcomes.map((o) => o.ms)) < 5_000,
    }).toEqual({
      before: ['full'],
      inFlightAtTheKill: true,
      inFlight: expect.arrayContaining(['without police']),
      outage: ['without police'],
      after: ['full'],
      slowestUnder5s: true,
    });
    expect(
      kinds((o) => o.from !== o.to).filter((k) => k !== 'full' && k !== 'without police'),
    ).toEqual([]);
  });

  it('keeps its connections to police alive: 20 queries in a row open only a few', async () => {
    const server = system.subgraphs.police.httpServer;
    let connections = 0;
    let requests = 0;
    const onConnection = () => (connections += 1);
    const onRequest = () => (requests += 1);
    server.on('connection', onConnection);
    server.on('request', onRequest);
    const views: unknown[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        views.push(seen(await system.query<ChildView>(CHILD_VIEW, { id: sc.id }, BREAK_GLASS)));
      }
    } finally {
      server.off('connection', onConnection);
      server.off('request', onRequest);
    }
    expect({
      views: [...new Set(views.map((v) => JSON.stringify(v)))],
      policeRequests: requests,
      fewConnections: connections <= 3,
    }).toEqual({
      views: [JSON.stringify({ status: 200, child: FULL_VIEW, errors: [] })],
      policeRequests: 20,
      fewConnections: true,
    });
  });
});

describe('a write retried after its answer was lost', () => {
  // The answer is lost between the gateway and the user: the gateway answered, the user never
  // heard, and tries again with the same idempotency key or the same version.
  const lose = async (query: string, input: object) => {
    const proxy = await startProxy(system.gatewayUrl);
    proxy.loseNextAnswers = 1;
    try {
      const res = await postGraphQL(proxy.url, query, { input }, await gatewayHeaders());
      return `answered ${JSON.stringify(res)}`;
    } catch {
      return proxy.lost === 1 ? 'lost' : 'failed before the gateway answered';
    } finally {
      await proxy.stop();
    }
  };
  const socialcareSql = <T>(sql: string, params: unknown[]) =>
    system.subgraphs.socialcare.database.dataSource.query(sql, params) as Promise<T[]>;

  it('creates one contact when recordContact is retried with the same idempotency key', async () => {
    const input = contactInput(
      [{ childId: sc.id }],
      `Lost answer test ${randomUUID()}: child heard screaming at night.`,
    );
    const first = await lose(RECORD_CONTACT, input);
    const retry = await system.query<{ recordContact: { id: string } }>(RECORD_CONTACT, { input });
    const stored = await socialcareSql<{ id: string }>(
      `SELECT id FROM contacts WHERE concern = $1`,
      [input.concern],
    );
    const submissions = await socialcareSql<{ contactId: string }>(
      `SELECT contact_id AS "contactId" FROM contact_submissions WHERE idempotency_key = $1`,
      [input.idempotencyKey],
    );
    expect({ first, retry, stored, submissions }).toEqual({
      first: 'lost',
      retry: {
        status: 200,
        data: {
          recordContact: {
            id: stored[0]?.id,
            version: 1,
            stage: 'RECEIVED',
            children: [{ child: { id: sc.id } }],
          },
        },
      },
      stored: [{ id: expect.stringMatching(/^CT\d{7}$/) }],
      submissions: [{ contactId: stored[0]?.id }],
    });
  });

  it('rates a contact once when screenContact is retried with the same version', async () => {
    const recorded = await system.query<{ recordContact: { id: string } }>(RECORD_CONTACT, {
      input: contactInput([{ childId: sc.id }], 'Lost rating test: child left alone overnight.'),
    });
    const id = recorded.data!.recordContact.id;
    const input = { contactId: id, version: 1, rag: 'AMBER', reason: 'Neglect, no immediate harm' };
    const first = await lose(SCREEN_CONTACT, input);
    const retry = await system.query(SCREEN_CONTACT, { input });
    const ratings = await socialcareSql(
      `SELECT rag, reason FROM contact_ratings WHERE contact_id = $1`,
      [id],
    );
    const audited = await socialcareSql(
      `SELECT child_id AS "childId", reason FROM audit_log
        WHERE subject = $1 AND reason = 'CONTACT_SCREENED'`,
      [`Contact ${id}`],
    );
    expect({ first, retry, ratings, audited }).toEqual({
      first: 'lost',
      retry: {
        status: 200,
        data: { screenContact: { id, version: 2, stage: 'SCREENED', rag: 'AMBER' } },
      },
      ratings: [{ rag: 'AMBER', reason: input.reason }],
      audited: [{ childId: sc.id, reason: 'CONTACT_SCREENED' }],
    });
  });
});

describe('a subgraph shutting down', () => {
  let education: RunningSubgraph;

  beforeAll(async () => {
    education = await startSubgraph('education', world);
  });
  afterAll(() => education?.stop());

  it('finishes a request in flight, refuses new connections, then closes its database', async () => {
    const principal = principalOf();
    const body = JSON.stringify({
      query: `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Child { id education { pupil { id } } } } }`,
      variables: await withGrants(
        { r: [childRepresentation(world, sc.id, 'education')] },
        principal,
      ),
    });
    const token = await internalToken(principal, 'education');
    const arrived = once(education.httpServer, 'request');
    const req = http.request(education.url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
      },
    });
    const answer = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
        });
      });
    });
    // Half the body now, the rest once shutdown has begun: the request is in flight throughout.
    req.write(body.slice(0, 20));
    const [, response] = (await arrived) as [http.IncomingMessage, http.ServerResponse];
    let databaseOpenWhenAnswered: boolean | undefined;
    response.once('finish', () => {
      databaseOpenWhenAnswered = education.database.dataSource.isInitialized;
    });
    const stopping = education.stop(5_000);
    const refused = await connectionRefused(education.port);
    const openWhileDraining = education.database.dataSource.isInitialized;
    req.end(body.slice(20));
    const answered = await answer;
    await stopping;
    expect({
      refused,
      openWhileDraining,
      answered,
      databaseOpenWhenAnswered,
      databaseOpenAfterStop: education.database.dataSource.isInitialized,
    }).toEqual({
      refused: true,
      openWhileDraining: true,
      answered: {
        status: 200,
        body: {
          data: { _entities: [{ id: sc.id, education: { pupil: { id: child.educationId } } }] },
        },
      },
      databaseOpenWhenAnswered: true,
      databaseOpenAfterStop: false,
    });
  });
});

/** Whether a new TCP connection to the port on loopback is refused. */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

// A real PostgreSQL server of the test's own (the embedded binaries), so the test can stop it and
// start it again.
describe('a subgraph on its own PostgreSQL server', () => {
  let server: PrivatePostgres | undefined;
  let police: RunningSubgraph;
  let socialcare: RunningSubgraph;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    [police, socialcare] = await Promise.all([
      startSubgraph('police', world, {
        createDatabase: databaseOn(server, 'mash-police-faults'),
      }),
      startSubgraph('socialcare', world, {
        createDatabase: databaseOn(server, 'mash-socialcare-faults'),
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([police?.stop(), socialcare?.stop()]);
    await server?.destroy();
  });

  it('answers without police while its database is stopped, and in full once it is started again, restarting nothing else', async () => {
    const gateway = await startGateway({
      subgraphUrls: { ...subgraphUrls(), police: police.url },
    });
    const probe = async (path: string) =>
      (await fetch(police.url.replace('/graphql', path))).status;
    const view = async () =>
      seen(await gateway.query<ChildView>(CHILD_VIEW, { id: sc.id }, BREAK_GLASS));
    try {
      const before = { ready: await probe('/ready'), view: await view() };
      await server!.stop();
      const down = {
        ready: await probe('/ready'),
        health: await probe('/health'),
        view: await view(),
        again: await view(),
      };
      await server!.start();
      const after = { ready: await probe('/ready'), view: await view() };
      const full = { status: 200, child: FULL_VIEW, errors: [] };
      const withoutPolice = {
        status: 200,
        child: { ...FULL_VIEW, police: null },
        // Police cannot record the disclosure in its audit log, so it discloses nothing.
        errors: [
          {
            code: 'AUDIT_UNAVAILABLE',
            serviceName: 'police',
            message: 'The disclosure could not be recorded, so nothing is disclosed',
          },
        ],
      };
      expect({ before, down, after }).toEqual({
        before: { ready: 200, view: full },
        down: { ready: 503, health: 200, view: withoutPolice, again: withoutPolice },
        after: { ready: 200, view: full },
      });
    } finally {
      await gateway.stop();
    }
  });

  it('leaves nothing of a contact whose transaction is cut off half-way, and records it once on retry', async () => {
    // One connection holds the lock, another watches (pg_stat_activity is read once per
    // transaction, so the holder would see the same snapshot over and over).
    const [sql, holder] = [0, 1].map(() => {
      const client = new pg.Client({ connectionString: server!.url('socialcare') });
      // Should the test fail half-way, its connections end with the server in afterAll.
      client.on('error', () => undefined);
      return client;
    });
    await Promise.all([sql.connect(), holder.connect()]);
    try {
      const tables = [
        'contacts',
        'contact_children',
        'contact_submissions',
        'children',
        'households',
        'audit_log',
      ];
      // Changes only: reading the retry's answer audits a disclosure, which is not the write.
      const counts = async () => {
        const n: Record<string, number> = {};
        for (const t of tables) {
          const { rows } = await sql.query(
            `SELECT count(*)::int AS n FROM ${t} ${t === 'audit_log' ? `WHERE action = 'CHANGE'` : ''}`,
          );
          n[t] = rows[0].n as number;
        }
        return n;
      };
      const familyName = `Halfwritten-${randomUUID().slice(0, 8)}`;
      const input = contactInput(
        [
          { childId: sc.id },
          {
            newChild: {
              givenName: 'Ada',
              familyName,
              dateOfBirth: '2019-04-02',
              address: { line: '1 Example Row', postcode: 'E1 6AN' },
            },
          },
        ],
        'Interrupted write test: siblings seen outside late at night.',
      );
      const initially = await counts();

      // The audit rows come last in the transaction: hold their table, so the write stops with
      // the submission, the new child, its household, the contact and its children written.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE audit_log IN SHARE MODE');
      const cutOff = socialcare.query<{ recordContact: { id: string } | null }>(RECORD_CONTACT, {
        input,
      });
      let pid: number | undefined;
      while (pid === undefined) {
        const { rows } = await sql.query(
          `SELECT pid FROM pg_stat_activity
              WHERE application_name = 'mash-socialcare-faults' AND state = 'active'
                AND wait_event_type = 'Lock'`,
        );
        pid = rows[0]?.pid as number | undefined;
        if (pid === undefined) await new Promise((r) => setTimeout(r, 20));
      }
      const { rows: written } = await sql.query(
        `SELECT DISTINCT relation::regclass::text AS rel FROM pg_locks
            WHERE pid = $1 AND granted AND mode = 'RowExclusiveLock'
              AND relation::regclass::text = ANY($2)
            ORDER BY 1`,
        [pid, tables],
      );
      await sql.query('SELECT pg_terminate_backend($1)', [pid]);
      // Let go of the table only once the backend is gone, so its transaction cannot go on.
      for (;;) {
        const { rows } = await sql.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
        if (rows.length === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await holder.query('ROLLBACK');
      const failed = await cutOff;
      const afterCutOff = await counts();
      const { rows: namesakes } = await sql.query(
        'SELECT id FROM children WHERE family_name = $1',
        [familyName],
      );

      const retry = await socialcare.query<{ recordContact: { id: string } }>(RECORD_CONTACT, {
        input,
      });
      const { rows: submissions } = await sql.query(
        `SELECT contact_id AS "contactId" FROM contact_submissions WHERE idempotency_key = $1`,
        [input.idempotencyKey],
      );
      const afterRetry = await counts();
      const chain = await verifyAuditChain(socialcare.database.dataSource);
      expect({
        written: written.map((r) => r.rel),
        failed: { recordContact: failed.data?.recordContact ?? null, errors: !!failed.errors },
        afterCutOff,
        namesakes,
        retried: retry.errors ?? retry.data?.recordContact.id,
        submissions,
        afterRetry,
        chainBroken: chain.broken,
      }).toEqual({
        written: ['children', 'contact_children', 'contact_submissions', 'contacts', 'households'],
        failed: { recordContact: null, errors: true },
        afterCutOff: initially,
        namesakes: [],
        retried: submissions[0]?.contactId,
        submissions: [{ contactId: expect.stringMatching(/^CT\d{7}$/) }],
        afterRetry: {
          ...initially,
          contacts: initially.contacts + 1,
          contact_children: initially.contact_children + 2,
          contact_submissions: initially.contact_submissions + 1,
          children: initially.children + 1,
          households: initially.households + 1,
          // The new child's creation, and the contact for each of its two children.
          audit_log: initially.audit_log + 3,
        },
        chainBroken: null,
      });
    } finally {
      await Promise.all([sql.end(), holder.end()]);
    }
  });
});
