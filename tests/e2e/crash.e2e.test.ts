import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../shared/audit';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config';
import { createDatabase, openOwnerDataSource, type Database } from '../../shared/database';
import { runningServer, stopCluster } from '../../shared/embedded-postgres';
import { listen } from '../../shared/http';
import { prepareDatabases, SCHEMAS } from '../../seed/seed';
import { seedSubgraph } from '../../seed/load';
import { freePorts, waitForExit, waitReady } from '../../scripts/running';
import { createServer as createSocialcare } from '../../subgraphs/socialcare/server';
import {
  internalToken,
  principalOf,
  testGrantVerifier,
  testInternalVerifier,
  testKeys,
  type AsUser,
  withGrants,
} from '../support/auth';
import { embeddedDataDir, type EmbeddedDataDir } from '../support/embedded';
import {
  databaseOn,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/private-postgres';
import {
  startSubgraph,
  TEST_NOW,
  TEST_PSEUDONYM_KEY,
  testWorld,
  type RunningSubgraph,
} from '../support/system';
import { childRepresentation, cleanChildren } from '../support/truth';

// What has been acknowledged stays written, whatever dies mid-write: the database server, the
// service process, or neither while a verifier reads beside them. An acknowledgement here is an
// answer with status 200, no errors and the data: the write and its audit row have committed.

const REPO = path.resolve(__dirname, '..', '..');
const world = testWorld();
const [child] = cleanChildren(world, ['police']);
const knownChild = world.socialcare.children.find((c) => c.id === child.socialcareId)!;

const RECORD_CONTACT = `mutation ($input: RecordContactInput!) {
  recordContact(input: $input) { id }
}`;

const POLICE_SECTION = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on Child { police { summary } } }
}`;

/** A contact for the known child that no other write shares: its own key and concern. */
function contactInput() {
  const key = randomUUID();
  return {
    idempotencyKey: key,
    source: '6',
    referrer: 'PC 9 Example, response team',
    concern: `Crash test ${key}: child seen alone outside late at night.`,
    children: [{ childId: knownChild.id }],
  };
}

/**
 * Sends a GraphQL request to a subgraph with the internal token the gateway would mint for `as`;
 * the data once acknowledged (status 200, no errors), else null. A write the fault leaves
 * hanging counts as unacknowledged after 10 s.
 */
async function send<T>(
  url: string,
  audience: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
  as: AsUser = {},
): Promise<T | null> {
  const principal = principalOf(as);
  const token = await internalToken(principal, audience);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: await withGrants(variables, principal) }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  return res.status === 200 && !body.errors && body.data ? body.data : null;
}

/** Records a contact at `url`; the contact's id once acknowledged, else null. */
async function recordContact(url: string): Promise<string | null> {
  const data = await send<{ recordContact: { id: string } | null }>(
    url,
    'socialcare',
    RECORD_CONTACT,
    { input: contactInput() },
  );
  return data?.recordContact?.id ?? null;
}

/** Reads the child's police section, which police audits; its request id once acknowledged. */
async function readPoliceSection(url: string): Promise<string | null> {
  const requestId = `crash-${randomUUID()}`;
  const data = await send<{ _entities: { police: { summary: string } | null }[] }>(
    url,
    'police',
    POLICE_SECTION,
    { r: [childRepresentation(world, knownChild.id, 'police')] },
    { as: 'police-mash', requestId },
  );
  return data?._entities[0]?.police?.summary ? requestId : null;
}

/** Where a test is: before the fault, during it ('down', or 'verifying'), or after it. */
type Phase = 'before' | 'down' | 'verifying' | 'after';

/** One write of a burst: the phase it started and ended in, and its acknowledgement, if any. */
interface Outcome<T> {
  from: Phase;
  to: Phase;
  ack: T | null;
}

/**
 * Writers sending one write after another until stopped, each outcome tagged with the phase the
 * test was in when it was sent and when it was answered.
 */
function startBurst<T>(workers: number, write: () => Promise<T | null>) {
  const outcomes: Outcome<T>[] = [];
  let phase: Phase = 'before';
  let running = true;
  const worker = async () => {
    while (running) {
      const from = phase;
      const ack = await write().catch(() => null);
      outcomes.push({ from, to: phase, ack });
      // A writer whose target is down fails at once: keep it from spinning.
      if (ack === null) await new Promise((r) => setTimeout(r, 5));
    }
  };
  const all = Array.from({ length: workers }, worker);
  return {
    set phase(next: Phase) {
      phase = next;
    },
    /** Waits until `n` writes sent and answered in `p` were acknowledged. */
    async acknowledged(p: Phase, n: number): Promise<void> {
      const deadline = Date.now() + 20_000;
      while (outcomes.filter((o) => o.from === p && o.to === p && o.ack !== null).length < n) {
        if (Date.now() > deadline) throw new Error(`fewer than ${n} writes acknowledged (${p})`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    /** Waits until `n` writes were answered in `p` without an acknowledgement. */
    async refused(p: Phase, n: number): Promise<void> {
      const deadline = Date.now() + 20_000;
      while (outcomes.filter((o) => o.to === p && o.ack === null).length < n) {
        if (Date.now() > deadline) throw new Error(`fewer than ${n} writes refused (${p})`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop(): Promise<Outcome<T>[]> {
      running = false;
      await Promise.all(all);
      return outcomes;
    },
  };
}

/**
 * What a finished burst around a fault shows: writes acknowledged before it and after it, and
 * writes sent before it that it cut off (so it struck mid-burst, not between writes).
 */
function summary<T>(outcomes: Outcome<T>[]) {
  const acked = (p: Phase) => outcomes.some((o) => o.from === p && o.to === p && o.ack !== null);
  return {
    acknowledgedBefore: acked('before'),
    cutOff: outcomes.some((o) => o.from === 'before' && o.to === 'down' && o.ack === null),
    acknowledgedAfter: acked('after'),
  };
}

const acknowledged = <T>(outcomes: Outcome<T>[]) =>
  outcomes.flatMap((o) => (o.ack === null ? [] : [o.ack]));

/** The acknowledged contacts found in socialcare's tables, each with its audit row. */
async function contactsFound(dataSource: DataSource, ids: string[]) {
  return (await dataSource.query(
    `SELECT c.id,
            (SELECT count(*)::int FROM audit_log a
              WHERE a.subject = 'Contact ' || c.id AND a.reason = 'CONTACT_RECORDED') AS audited
       FROM contacts c WHERE c.id = ANY($1) ORDER BY c.id`,
    [ids],
  )) as { id: string; audited: number }[];
}

/** Every acknowledged contact, each with its one audit row. */
const contactsExpected = (ids: string[]) => [...ids].sort().map((id) => ({ id, audited: 1 }));

/**
 * The burst's contacts (acknowledged or not) with no audit row of their recording: a change
 * committed without its audit. The seeded contacts predate the log and are not asked about.
 */
async function contactsUnaudited(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(
    `SELECT c.id FROM contacts c
      WHERE c.concern LIKE 'Crash test %' AND NOT EXISTS (
        SELECT 1 FROM audit_log a WHERE a.subject = 'Contact ' || c.id)`,
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

// A durable PostgreSQL server of this file's own (the embedded binaries, fsync on), which the
// tests crash and start again; each test writes to databases of its own on it.
let server: PrivatePostgres;
beforeAll(async () => {
  server = await startPrivatePostgres();
});
afterAll(() => server?.destroy());

/**
 * Takes a SHARE lock on `audit_log` in `database` on the private server and keeps it, so that
 * writers reaching their audit row wait there, mid-transaction; resolves once a connection of
 * `applicationName` is waiting, with a function that lets go (a crash of the server lets go
 * first).
 */
async function holdAuditLog(database: string, applicationName: string) {
  // The watcher is another connection: pg_stat_activity is read once per transaction.
  const [holder, watcher] = [0, 1].map(() => {
    const client = new pg.Client({ connectionString: server.url(database) });
    client.on('error', () => undefined);
    return client;
  });
  await Promise.all([holder.connect(), watcher.connect()]);
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE audit_log IN SHARE MODE');
  for (;;) {
    const { rows } = await watcher.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [applicationName],
    );
    if (rows[0].n > 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return () => Promise.all([holder.end(), watcher.end()]).catch(() => undefined);
}

describe('a crash mid-write loses no acknowledged write', () => {
  let socialcare: RunningSubgraph;
  let police: RunningSubgraph;

  beforeAll(async () => {
    [socialcare, police] = await Promise.all([
      startSubgraph('socialcare', world, {
        createDatabase: databaseOn(server, 'mash-crash-socialcare'),
      }),
      startSubgraph('police', world, { createDatabase: databaseOn(server, 'mash-crash-police') }),
    ]);
  });
  afterAll(() => Promise.all([socialcare?.stop(), police?.stop()]));

  it('keeps every write acknowledged before the database server crashed, and every audit chain holds', async () => {
    const [{ fsync, synchronousCommit }] = (await socialcare.database.dataSource.query(
      `SELECT current_setting('fsync') AS fsync,
              current_setting('synchronous_commit') AS "synchronousCommit"`,
    )) as { fsync: string; synchronousCommit: string }[];
    const contacts = startBurst(4, () => recordContact(socialcare.url));
    const reads = startBurst(4, () => readPoliceSection(police.url));
    const both = (phase: Phase) => {
      contacts.phase = phase;
      reads.phase = phase;
    };
    await Promise.all([contacts.acknowledged('before', 10), reads.acknowledged('before', 10)]);
    const pidBefore = runningServer(server.cluster.clusterDir)?.pid;
    // The crash strikes with writes of both databases caught half-way, waiting for their audit row.
    const held = await Promise.all([
      holdAuditLog('socialcare', 'mash-crash-socialcare'),
      holdAuditLog('police', 'mash-crash-police'),
    ]);
    both('down');
    await stopCluster(server.cluster.clusterDir, 'immediate');
    await Promise.all(held.map((release) => release()));
    await Promise.all([contacts.refused('down', 4), reads.refused('down', 4)]);
    await server.start();
    both('after');
    await Promise.all([contacts.acknowledged('after', 5), reads.acknowledged('after', 5)]);
    const [contactOutcomes, readOutcomes] = await Promise.all([contacts.stop(), reads.stop()]);

    const contactIds = acknowledged(contactOutcomes);
    const requestIds = acknowledged(readOutcomes);
    const readsAudited = (await police.database.dataSource.query(
      `SELECT DISTINCT request_id AS "requestId" FROM audit_log
        WHERE request_id = ANY($1) ORDER BY 1`,
      [requestIds],
    )) as { requestId: string }[];
    expect({
      durable: { fsync, synchronousCommit },
      crashed: runningServer(server.cluster.clusterDir)?.pid !== pidBefore,
      contacts: summary(contactOutcomes),
      reads: summary(readOutcomes),
      contactsFound: await contactsFound(socialcare.database.dataSource, contactIds),
      contactsUnaudited: await contactsUnaudited(socialcare.database.dataSource),
      readsAudited: readsAudited.map((r) => r.requestId),
      chains: {
        socialcare: (await verifyAuditChain(socialcare.database.dataSource)).broken,
        police: (await verifyAuditChain(police.database.dataSource)).broken,
      },
    }).toEqual({
      durable: { fsync: 'on', synchronousCommit: 'on' },
      crashed: true,
      contacts: {
        acknowledgedBefore: true,
        cutOff: true,
        acknowledgedAfter: true,
      },
      reads: {
        acknowledgedBefore: true,
        cutOff: true,
        acknowledgedAfter: true,
      },
      contactsFound: contactsExpected(contactIds),
      contactsUnaudited: [],
      readsAudited: [...requestIds].sort(),
      chains: { socialcare: null, police: null },
    });
  });
});

/** A subgraph's real entrypoint as a process of its own, as `npm start` runs it. */
interface SubgraphProcess {
  url: string;
  process: ChildProcess;
}

/**
 * Starts `subgraphs/<name>/index.ts` with `env` (its database settings) on `port`, its internal
 * tokens verified against the test keys; resolves once it is ready.
 */
async function spawnSubgraph(
  name: SubgraphName,
  port: number,
  env: Record<string, string>,
): Promise<SubgraphProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-crash-keys-'));
  const jwks = path.join(dataDir, 'internal-jwks.json');
  fs.writeFileSync(jwks, JSON.stringify((await testKeys()).internal.jwks));
  const prefix = name.toUpperCase();
  // node itself runs the entrypoint (no tsx wrapper), so SIGKILL reaches the service.
  const proc = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${name}/index.ts`], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      MASH_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      [`${prefix}_PORT`]: String(port),
      INTERNAL_JWKS: jwks,
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      ...env,
    },
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/ready`, 30_000, () => proc.exitCode !== null);
  } catch (error) {
    proc.kill('SIGKILL');
    throw new Error(`${name} did not start: ${String(error)}\n${stderr}`);
  }
  return { url: `${base}/graphql`, process: proc };
}

describe('a service process killed mid-write', () => {
  let database: Database;
  let service: SubgraphProcess | undefined;
  const DATABASE = 'socialcare_killed';

  beforeAll(async () => {
    // Up even if the crash test above stopped half-way with it down.
    await server.start();
    database = await createDatabase({
      database: { kind: 'postgres', url: server.url(DATABASE) },
      ...SCHEMAS.socialcare,
    });
    await seedSubgraph('socialcare', database.dataSource, world);
  });
  afterAll(async () => {
    if (service && service.process.exitCode === null) {
      service.process.kill('SIGKILL');
      await waitForExit(service.process);
    }
    await database?.close();
  });

  it('leaves every acknowledged write in place, nothing half-written, and the audit chain whole', async () => {
    const [port] = await freePorts(1);
    const env = { SOCIALCARE_DATABASE_URL: server.url(DATABASE) };
    service = await spawnSubgraph('socialcare', port, env);
    const url = service.url;
    const contacts = startBurst(4, () => recordContact(url));
    await contacts.acknowledged('before', 10);
    // Killed with its writes caught half-way: rows written, their audit row not yet.
    const release = await holdAuditLog(DATABASE, 'mash-socialcare');
    const [{ n: writesOpenAtTheKill }] = (await database.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'mash-socialcare' AND backend_xid IS NOT NULL`,
      [DATABASE],
    )) as { n: number }[];
    contacts.phase = 'down';
    service.process.kill('SIGKILL');
    await waitForExit(service.process);
    const killedBy = service.process.signalCode;
    // Let the writes go on: each finds its client gone and is rolled back.
    await release();
    await contacts.refused('down', 4);
    service = await spawnSubgraph('socialcare', port, env);
    contacts.phase = 'after';
    await contacts.acknowledged('after', 5);
    const outcomes = await contacts.stop();

    const ids = acknowledged(outcomes);
    expect({
      killedBy,
      writesOpenAtTheKill: writesOpenAtTheKill > 0,
      contacts: summary(outcomes),
      contactsFound: await contactsFound(database.dataSource, ids),
      contactsUnaudited: await contactsUnaudited(database.dataSource),
      chain: (await verifyAuditChain(database.dataSource)).broken,
    }).toEqual({
      killedBy: 'SIGKILL',
      writesOpenAtTheKill: true,
      contacts: {
        acknowledgedBefore: true,
        cutOff: true,
        acknowledgedAfter: true,
      },
      contactsFound: contactsExpected(ids),
      contactsUnaudited: [],
      chain: null,
    });
  });
});

describe('a verifier started against a running cluster', () => {
  let embedded: EmbeddedDataDir;

  beforeAll(async () => {
    embedded = embeddedDataDir('mash-crash-verify-');
    await embedded.start();
    await prepareDatabases(embedded.config, [...SUBGRAPH_NAMES]);
    // Seeded as its owner, as npm start's seeder does; the service then runs as its service role.
    const owner = await openOwnerDataSource({
      database: embedded.config.subgraphs.socialcare.database,
      ...SCHEMAS.socialcare,
    });
    try {
      await seedSubgraph('socialcare', owner, world);
    } finally {
      await owner.destroy();
    }
  });
  afterAll(() => embedded?.remove());

  /**
   * Opens each agency's database as its service role, as a service starting on the cluster does,
   * and verifies its chain; in socialcare's, also finds the contacts `ids`.
   */
  async function reopened(ids: string[]) {
    const found: Record<string, unknown> = {};
    const chains: Record<string, unknown> = {};
    for (const name of SUBGRAPH_NAMES) {
      const db = await createDatabase({
        database: embedded.config.subgraphs[name].database,
        ...SCHEMAS[name],
      });
      try {
        chains[name] = (await verifyAuditChain(db.dataSource)).broken;
        if (name === 'socialcare') {
          found.contactsFound = await contactsFound(db.dataSource, ids);
          found.contactsUnaudited = await contactsUnaudited(db.dataSource);
        }
      } finally {
        await db.close();
      }
    }
    return { ...found, chains };
  }

  it('does no harm: writes go on beside it, the server keeps running, and after a restart every database opens and every chain holds', async () => {
    const database = await createDatabase({
      database: embedded.config.subgraphs.socialcare.database,
      ...SCHEMAS.socialcare,
      applicationName: 'mash-crash-verify-socialcare',
    });
    const app = createSocialcare({
      dataSource: database.dataSource,
      verifyToken: await testInternalVerifier('socialcare'),
      verifyGrant: await testGrantVerifier(),
      now: () => TEST_NOW,
      pseudonymKey: TEST_PSEUDONYM_KEY,
    });
    const running = await listen(await app.start(), 0);
    const serving = { closed: false };
    const close = async () => {
      if (serving.closed) return;
      serving.closed = true;
      await running.close(100);
      await app.apollo.stop();
      await database.close();
    };
    try {
      const serverBefore = runningServer(embedded.clusterDir);
      const contacts = startBurst(4, () => recordContact(running.url));
      await contacts.acknowledged('before', 10);
      contacts.phase = 'verifying';
      const verify = await runScript('scripts/audit-verify.ts', {
        MASH_DATA_DIR: embedded.dataDir,
      });
      contacts.phase = 'after';
      await contacts.acknowledged('after', 10);
      const outcomes = await contacts.stop();
      const serverAfter = runningServer(embedded.clusterDir);
      await close();

      await stopCluster(embedded.clusterDir, 'fast');
      await embedded.start();
      const ids = acknowledged(outcomes);
      expect({
        verify: { ...verify, stdout: verify.stdout.trimEnd().split('\n') },
        sameServer: serverAfter,
        writes: {
          whileVerifying: outcomes.some((o) => o.from === 'verifying' && o.ack !== null),
          refused: outcomes.filter((o) => o.ack === null).length,
        },
        ...(await reopened(ids)),
      }).toEqual({
        verify: {
          status: 0,
          stdout: [
            expect.stringMatching(
              /^socialcare: ok, \d+ rows, every link holds; head \d+ [0-9a-f]{64}$/,
            ),
            // Only socialcare is written to here; every other agency's chain is empty and whole.
            ...SUBGRAPH_NAMES.filter((n) => n !== 'socialcare').map(
              (n) => `${n}: ok, 0 rows, every link holds`,
            ),
          ],
          stderr: '',
        },
        sameServer: serverBefore,
        writes: { whileVerifying: true, refused: 0 },
        contactsFound: contactsExpected(ids),
        contactsUnaudited: [],
        chains: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, null])),
      });
    } finally {
      await close();
    }
  });
});

/** Runs a script as npm would, with only the settings given. */
function runScript(
  script: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(path.join(REPO, 'node_modules', '.bin', 'tsx'), [script], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NODE_ENV: 'development', ...env },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
