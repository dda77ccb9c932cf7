// A bounded load test on loopback: starts the whole system as `npm start` does (four subgraphs and
// the gateway, five processes) on its own fresh data and ports, then drives the gateway with
// autocannon at a fixed concurrency for a fixed time with a MASH practitioner's mix: queue pages,
// combined child views, and contacts recorded, screened and decided. Prints throughput, latency
// and errors per operation, each process's memory over the run, writes them to results/load.md
// (one section per engine; a run under 60 s or over 180 s has a section of its own) and stops every
// process it started, also on Ctrl-C or failure. Its data is its own: a fresh data directory under
// the system's temporary folder (removed at the end) and, on PostgreSQL, the databases
// mash_load_<subgraph> (dropped at the start and the end); its ports are chosen free at start.
//   npm run load
//   npm run load -- --postgres postgres://postgres@127.0.0.1:5432/postgres --duration 180
// Options: --duration <s> (180), --connections <n> (8), --scale <x> (0.2), --warmup <s> (15),
// --timeout <s> (20), --sample <s> (10), --out <file> (results/load.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { embeddedClusterDir, loadConfig, SUBGRAPH_NAMES, type Config } from '../shared/config';
import { DEMO_USERS, mintDevToken } from '../dev/dev-issuer';
import { startCluster, type Cluster } from '../shared/embedded-postgres';
import { ensureDevKeys } from '../shared/keys';
import { seedDate } from '../seed/files';
import { arg, machine, say, stats } from './bench-support';
import { sampleMemory, servingPid, slope, type MemorySample } from './load-memory';
import { freePorts, waitForExit, waitReady } from './running';

const ROOT = path.resolve(__dirname, '..');
const DURATION_S = Number(arg('duration', '180'));
const CONNECTIONS = Number(arg('connections', '8'));
const SCALE = Number(arg('scale', '0.2'));
const WARMUP_S = Number(arg('warmup', '15'));
const TIMEOUT_S = Number(arg('timeout', '20'));
const SAMPLE_S = Number(arg('sample', '10'));
const POSTGRES = arg('postgres', '');
const OUT = path.resolve(ROOT, arg('out', 'results/load.md'));
/** The dedicated database name prefix on a PostgreSQL server: mash_load_socialcare, ... */
const PG_DATABASE = 'mash_load';
const SERVICES = [...SUBGRAPH_NAMES, 'gateway'] as const;
type Service = (typeof SERVICES)[number];

// ---------------------------------------------------------------------------------------------
// The system under test: five processes, started and stopped like `npm start` does.

interface Started {
  name: string;
  child: ChildProcess;
  entry: string;
}

const started = new Map<string, Started>();
let stopping = false;
let expectExit = false;
let dataDir = '';
/** The run's own embedded PostgreSQL (none with --postgres). */
let cluster: Cluster | null = null;
/** The autocannon run in progress, stopped when a service dies under it. */
let current: { stop: () => void } | null = null;
let onFatal: (reason: string) => void = () => undefined;
/** Rejects when a service exits on its own: every wait below races it. */
const fatal = new Promise<never>((_, reject) => {
  onFatal = (reason) => {
    current?.stop();
    reject(new Error(reason));
  };
});
fatal.catch(() => undefined);

/** Starts `entry` under tsx with the IPC channel open (a child stops when we go); logs prefixed. */
function run(name: string, entry: string, env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  started.set(name, { name, child, entry });
  let lines = 0;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on('line', (line) => {
      // Services log at warn: anything they say under load is worth seeing, but not forever.
      if (++lines <= 40) say(`[${name}] ${line.slice(0, 400)}`);
      else if (lines === 41) say(`[${name}] (further lines not shown)`);
    });
  }
  child.on('exit', (code, signal) => {
    started.delete(name);
    if (!stopping && !expectExit) onFatal(`${name} exited (${signal ?? code})`);
  });
  return child;
}

/** Stops every process started (SIGTERM, SIGKILL after 15 s) and removes the run's data. */
async function stopAll(): Promise<void> {
  stopping = true;
  const running = [...started.values()].map((s) => s.child);
  for (const child of running) child.kill('SIGTERM');
  const killer = setTimeout(() => running.forEach((c) => c.kill('SIGKILL')), 15_000);
  await Promise.all(running.map(waitForExit));
  clearTimeout(killer);
  await cluster?.release().catch(() => undefined);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  if (POSTGRES) await dropLoadDatabases().catch(() => undefined);
}

/** The server URL with the load test's own database name, for DATABASE_URL. */
function loadServerUrl(): string {
  const url = new URL(POSTGRES);
  url.pathname = `/${PG_DATABASE}`;
  return url.toString();
}

/** Drops the load test's own databases (mash_load_<subgraph>), never anyone else's. */
async function dropLoadDatabases(): Promise<void> {
  const admin = new URL(POSTGRES);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (const name of SUBGRAPH_NAMES) {
      const db = pg.escapeIdentifier(`${PG_DATABASE}_${name}`);
      await client.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** The environment of every process: our own data directory, ports and database. */
async function systemEnv(): Promise<{ env: NodeJS.ProcessEnv; config: Config }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Ports chosen free by the system, so a running `npm start` is never hit.
  const [gatewayPort, ...subgraphPorts] = await freePorts(SUBGRAPH_NAMES.length + 1);
  for (const [i, name] of SUBGRAPH_NAMES.entries()) {
    const prefix = name.toUpperCase();
    delete env[`${prefix}_DATABASE_URL`];
    env[`${prefix}_PORT`] = String(subgraphPorts[i]);
    env[`${prefix}_URL`] = `http://127.0.0.1:${env[`${prefix}_PORT`]}/graphql`;
  }
  delete env.DATABASE_URL;
  if (POSTGRES) env.DATABASE_URL = loadServerUrl();
  Object.assign(env, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    MASH_DATA_DIR: dataDir,
    MASH_SCALE: String(SCALE),
    GATEWAY_PORT: String(gatewayPort),
    HOST: '127.0.0.1',
    // The mix is sent as one practitioner at every connection: the per-user limits are off, or
    // the run would measure them instead of the system.
    GATEWAY_USER_MAX_CONCURRENT: '0',
    GATEWAY_USER_RATE: '0',
  });
  return { env, config: loadConfig(env) };
}

/** Migrates and seeds the fresh databases, as `npm start` does on first start. */
async function seed(env: NodeJS.ProcessEnv, config: Config): Promise<void> {
  const asOf = seedDate(config).toISOString();
  expectExit = true;
  const code = await waitForExit(run('seed', 'scripts/seed.ts', env, ['--as-of', asOf]));
  expectExit = false;
  if (code !== 0) throw new Error('seeding failed');
}

// ---------------------------------------------------------------------------------------------
// The mix: what a MASH practitioner does, one connection at a time.

const KINDS = ['queue page', 'child view', 'record contact', 'screen contact', 'decision'] as const;
type Kind = (typeof KINDS)[number];

const QUEUE = `query LoadQueue { mashQueue(first: 50) { totalCount edges { node {
  id rag stage nextDueAt outstandingChecks
  decisions { child { id givenName familyName
    police { match { level } summary } health { match { level } summary }
    education { match { level } summary } } } } } } }`;

const CHILD_VIEW = `query LoadChildView($id: ID!) { child(id: $id) {
  id givenName familyName dateOfBirth hasOpenContact caseTeam
  police { match { level reasons } summary }
  health { match { level reasons } summary }
  education { match { level reasons } summary }
  chronology { at agency kind summary severity } } }`;

const CONTACT_FIELDS = 'id version stage rag';
const RECORD = `mutation LoadRecord($input: RecordContactInput!) { recordContact(input: $input) { ${CONTACT_FIELDS} } }`;
const SCREEN = `mutation LoadScreen($input: ScreenContactInput!) { screenContact(input: $input) { ${CONTACT_FIELDS} } }`;
const DECIDE = `mutation LoadDecide($input: RecordThresholdDecisionInput!) { recordThresholdDecision(input: $input) { ${CONTACT_FIELDS} } }`;

const RAGS = ['RED', 'AMBER', 'GREEN'];
const DECISIONS = [
  { outcome: 'NO_FURTHER_ACTION', level: 1, consent: 'GIVEN' },
  { outcome: 'ADVICE_AND_SIGNPOST', level: 1, consent: 'GIVEN' },
  { outcome: 'STEP_DOWN_TO_EARLY_HELP', level: 2, consent: 'GIVEN' },
  {
    outcome: 'ASSESSMENT_REQUIRED',
    level: 3,
    consent: 'NOT_SOUGHT',
    lawfulBasis:
      'DPA 2018 Sch 1 para 18: seeking consent would put the child at risk of significant harm',
  },
];

/** A child on an open seeded contact (every MASH practitioner may see all of it), and that contact. */
interface Viewable {
  childId: string;
  contactId: string;
}

interface Pools {
  /** Children on seeded open contacts, viewed as they are in the queue. */
  viewable: Viewable[];
  /** Children contacts are recorded about (a wide spread, so no one child's history grows much). */
  subjects: string[];
}

/** Per-connection state, kept in autocannon's context (reset at the start of every sequence). */
interface Flow {
  childId?: string;
  contactId?: string;
  version?: number;
}

interface Tally {
  latencies: Record<Kind, number[]>;
  errors: Map<string, { count: number; kinds: Set<Kind>; sample: string }>;
  errorsByKind: Record<Kind, number>;
  timeouts: number;
  connErrors: number;
}

function newTally(): Tally {
  return {
    latencies: Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Record<Kind, number[]>,
    errors: new Map(),
    errorsByKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>,
    timeouts: 0,
    connErrors: 0,
  };
}

function countError(tally: Tally, kind: Kind, code: string, sample: string): void {
  const entry = tally.errors.get(code) ?? { count: 0, kinds: new Set<Kind>(), sample };
  entry.count++;
  entry.kinds.add(kind);
  tally.errors.set(code, entry);
  tally.errorsByKind[kind]++;
}

/**
 * The error codes of one response: none for a 2xx answer whose `errors` hold only withholdings
 * (WITHHELD_*: a normal answer under the disclosure rules); otherwise each error's code, or
 * HTTP_<status>.
 */
function errorCodes(status: number, body: string): string[] {
  let parsed: { errors?: { extensions?: { code?: string } }[] } = {};
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`HTTP_${status}_NOT_JSON`];
  }
  const codes = (parsed.errors ?? [])
    .map((e) => e.extensions?.code ?? 'NO_CODE')
    .filter((c) => !c.startsWith('WITHHELD_'));
  if (status < 200 || status >= 300) return codes.length > 0 ? codes : [`HTTP_${status}`];
  return codes;
}

type Request = autocannon.Request & { kind: Kind };

/** One connection's sequence: 1 queue page, 3 child views, 1 contact recorded, screened, decided. */
function sequence(pools: Pools, tokens: { practitioner: string }): Request[] {
  const headers = (purpose: string) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${tokens.practitioner}`,
    'x-purpose': purpose,
  });
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  let n = 0;
  const request = (
    kind: Kind,
    build: (flow: Flow) => { query: string; variables?: unknown; purpose: string } | null,
    after?: (flow: Flow, data: Record<string, { id: string; version: number }>) => void,
  ): Request => ({
    kind,
    method: 'POST',
    path: '/graphql',
    setupRequest: (req, context) => {
      const built = build(context as Flow);
      // A chain broken by an earlier failure (counted there) starts the sequence again.
      if (!built) return undefined as unknown as autocannon.Request;
      return {
        ...req,
        headers: headers(built.purpose),
        body: JSON.stringify({ query: built.query, variables: built.variables ?? {} }),
      };
    },
    onResponse: (status, body, context) => {
      const codes = errorCodes(status, body);
      // Recorded here, with the latency from the client's response event (see runMix).
      (context as { last?: { kind: Kind; codes: string[]; body: string } }).last = {
        kind,
        codes,
        body,
      };
      if (codes.length === 0 && after) {
        const data = (JSON.parse(body) as { data: Record<string, { id: string; version: number }> })
          .data;
        after(context as Flow, data);
      }
    },
  });

  const viewSeeded = request('child view', () => {
    const v = pick(pools.viewable);
    return { query: CHILD_VIEW, variables: { id: v.childId }, purpose: `contact:${v.contactId}` };
  });
  return [
    request('queue page', () => ({ query: QUEUE, purpose: 'mash-queue' })),
    viewSeeded,
    request(
      'record contact',
      (flow) => {
        flow.childId = pick(pools.subjects);
        flow.contactId = undefined;
        return {
          query: RECORD,
          purpose: 'mash-front-door',
          variables: {
            input: {
              idempotencyKey: `load-${randomUUID()}`,
              source: pick(['6', '2A', '3E', '1A']),
              referrer: 'Load test referrer, Northside',
              concern: `Load test concern ${++n}: a child seen with an unexplained injury at school.`,
              children: [{ childId: flow.childId }],
            },
          },
        };
      },
      (flow, data) => {
        flow.contactId = data.recordContact.id;
        flow.version = data.recordContact.version;
      },
    ),
    // The practitioner opens the child's record for the contact just received.
    request('child view', (flow) =>
      flow.contactId
        ? {
            query: CHILD_VIEW,
            variables: { id: flow.childId },
            purpose: `contact:${flow.contactId}`,
          }
        : null,
    ),
    request(
      'screen contact',
      (flow) =>
        flow.contactId
          ? {
              query: SCREEN,
              purpose: `contact:${flow.contactId}`,
              variables: {
                input: {
                  contactId: flow.contactId,
                  version: flow.version,
                  rag: pick(RAGS),
                  reason: 'Screened under load: injury explained in part, checks not needed.',
                },
              },
            }
          : null,
      (flow, data) => {
        flow.version = data.screenContact.version;
      },
    ),
    request(
      'decision',
      (flow) => {
        if (!flow.contactId || flow.version === undefined) return null;
        const d = pick(DECISIONS);
        const input = {
          contactId: flow.contactId,
          version: flow.version,
          childId: flow.childId,
          level: d.level,
          outcome: d.outcome,
          consent: d.consent,
          lawfulBasis: d.lawfulBasis ?? null,
          rationale: 'Decided under load: the information gathered supports this outcome.',
        };
        return { query: DECIDE, purpose: `contact:${flow.contactId}`, variables: { input } };
      },
      (flow) => {
        flow.contactId = undefined;
      },
    ),
    viewSeeded,
  ];
}

/** The minimum of autocannon's client this script uses (not in @types/autocannon). */
interface Client extends NodeJS.EventEmitter {
  requestIterator: {
    currentRequest: Request;
    context: { last?: { kind: Kind; codes: string[]; body: string } };
  };
  getRequestBuffer(): Buffer;
}

/** Runs the mix for `seconds` at the fixed concurrency, tallying per kind. */
function runMix(
  gatewayUrl: string,
  seconds: number,
  pools: Pools,
  tokens: { practitioner: string },
): { done: Promise<{ tally: Tally; result: autocannon.Result }>; stop: () => void } {
  const tally = newTally();
  let resolveDone: (value: { tally: Tally; result: autocannon.Result }) => void = () => undefined;
  let rejectDone: (error: Error) => void = () => undefined;
  const done = new Promise<{ tally: Tally; result: autocannon.Result }>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const instance = autocannon(
    {
      url: gatewayUrl,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: TIMEOUT_S,
      requests: sequence(pools, tokens),
      setupClient: (c) => {
        const client = c as unknown as Client;
        // Which kind is in flight: a timeout is reported after autocannon has already sent the
        // next request on a new connection, so the one that failed is the one sent before it.
        let inflight: Kind = 'queue page';
        let previous: Kind = 'queue page';
        const getRequestBuffer = client.getRequestBuffer.bind(client);
        client.getRequestBuffer = () => {
          previous = inflight;
          inflight = client.requestIterator.currentRequest.kind;
          return getRequestBuffer();
        };
        client.on('response', (_status: number, _bytes: number, ms: number) => {
          const last = client.requestIterator.context.last;
          if (!last) return;
          tally.latencies[last.kind].push(ms);
          const sample = last.body.slice(0, 600);
          for (const code of last.codes) countError(tally, last.kind, code, sample);
          client.requestIterator.context.last = undefined;
        });
        client.on('timeout', () => {
          tally.timeouts++;
          countError(tally, previous, 'TIMEOUT', `no answer within ${TIMEOUT_S} s`);
        });
        client.on('connError', (error: Error) => {
          tally.connErrors++;
          // Reported before autocannon reconnects and sends again: the one in flight failed.
          countError(tally, inflight, 'CONNECTION_ERROR', String(error));
        });
      },
    },
    (error, result) => (error ? rejectDone(error) : resolveDone({ tally, result })),
  );
  return { done, stop: () => instance.stop() };
}

/** POSTs one GraphQL operation as a user; throws on any error but a withholding. */
async function ask<T>(url: string, token: string, query: string, variables = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const codes = errorCodes(res.status, text);
  if (codes.length > 0) throw new Error(`${query.slice(0, 60)}: ${text.slice(0, 1000)}`);
  return (JSON.parse(text) as { data: T }).data;
}

/** Real ids from the running system: children on open contacts, and many children to write about. */
async function findPools(url: string, token: string): Promise<Pools> {
  const queue = await ask<{
    mashQueue: { edges: { node: { id: string; decisions: { child: { id: string } }[] } }[] };
  }>(url, token, `{ mashQueue(first: 200) { edges { node { id decisions { child { id } } } } } }`);
  const viewable = queue.mashQueue.edges.flatMap((e) =>
    e.node.decisions.map((d) => ({ childId: d.child.id, contactId: e.node.id })),
  );
  const subjects = new Set<string>();
  for (const name of ['A', 'B', 'C', 'D', 'E', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T']) {
    const found = await ask<{ searchChildren: { id: string; unborn: boolean }[] }>(
      url,
      token,
      `query ($name: String) { searchChildren(name: $name, first: 200) { id unborn } }`,
      { name },
    );
    for (const c of found.searchChildren) if (!c.unborn) subjects.add(c.id);
  }
  if (viewable.length === 0 || subjects.size === 0) {
    throw new Error(
      `no children to use (${viewable.length} on open contacts, ${subjects.size} found)`,
    );
  }
  return { viewable, subjects: [...subjects] };
}

async function openContacts(url: string, token: string): Promise<number> {
  const data = await ask<{ mashQueue: { totalCount: number } }>(
    url,
    token,
    `{ mashQueue(first: 1) { totalCount } }`,
  );
  return data.mashQueue.totalCount;
}

// ---------------------------------------------------------------------------------------------
// The report.

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** A Markdown table; columns holding numbers are right-aligned. */
function table(header: string[], rows: (string | number)[][]): string[] {
  const align = header.map((_, i) =>
    rows.every((r) => typeof r[i] === 'number' || /^-?[\d.]+$|^n\/a$/.test(String(r[i])))
      ? '---:'
      : '---',
  );
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function report(
  engine: string,
  tally: Tally,
  seconds: number,
  memory: MemorySample<Service>[],
  pids: Record<Service, number>,
  extra: { openBefore: number; openAfter: number; seededIn: number; loadBefore: number },
): string[] {
  const all = KINDS.flatMap((k) => tally.latencies[k]);
  const row = (name: string, xs: number[], errors: number) => {
    const s = xs.length > 0 ? stats(xs) : { p50: NaN, p95: NaN, p99: NaN };
    return [name, xs.length, f1(xs.length / seconds), f1(s.p50), f1(s.p95), f1(s.p99), errors];
  };
  const totalErrors = [...tally.errors.values()].reduce((a, e) => a + e.count, 0);
  const requests = table(
    ['operation', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
    [
      ...KINDS.map((k) => row(k, tally.latencies[k], tally.errorsByKind[k])),
      row('**all**', all, totalErrors),
    ],
  );
  const first = memory[0];
  const last = memory[memory.length - 1];
  const memoryRows = SERVICES.map((s) => {
    const points = memory.map((m) => ({ x: (m.at - first.at) / 60_000, y: m.mb[s] }));
    return [
      `${s} (pid ${pids[s]})`,
      f1(first.mb[s]),
      f1(last.mb[s]),
      f1(Math.max(...memory.map((m) => m.mb[s]))),
      slope(points).toFixed(2),
    ];
  });
  const errors =
    tally.errors.size === 0
      ? ['Errors: **none** (no non-2xx answer, no GraphQL error but WITHHELD_*, no timeout).']
      : [
          `Errors: **${totalErrors}** (timeouts ${tally.timeouts}, connection errors ${tally.connErrors}).`,
          '',
          ...table(
            ['code', 'count', 'operations', 'first seen'],
            [...tally.errors].map(([code, e]) => [
              code,
              e.count,
              [...e.kinds].join(', '),
              `\`${e.sample.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 300)}\``,
            ]),
          ),
        ];
  return [
    `Run ${new Date().toISOString()} on ${machine()}.`,
    `Engine: ${engine}. Borough at scale ${SCALE} (seeded in ${extra.seededIn.toFixed(0)} s), ` +
      `${CONNECTIONS} connections for ${seconds} s after a ${WARMUP_S} s warm-up; timeout ${TIMEOUT_S} s. ` +
      'Each connection repeats: a queue page of 50 (with every agency summary), a child view ' +
      '(child, police, health and education sections and chronology) of a child on an open ' +
      'contact, a contact recorded about another child, that child viewed, the contact screened ' +
      'and its threshold decision, and another child view; as sc-practitioner, with X-Purpose.',
    '',
    ...requests,
    '',
    ...errors,
    '',
    `Open contacts in the queue: ${extra.openBefore} before the warm-up, ${extra.openAfter} after the run ` +
      '(each contact the load records is decided in the same sequence, so these differ only by ' +
      `sequences cut off at the end of the warm-up and of the run: at most ${2 * CONNECTIONS}).`,
    '',
    `Resident memory (VmRSS) of each process, sampled every ${SAMPLE_S} s from the end of the ` +
      `warm-up (${memory.length} samples); slope by least squares over the run:`,
    '',
    ...table(['process', 'start MB', 'end MB', 'max MB', 'slope MB/min'], memoryRows),
    '',
    'Samples (MB):',
    '',
    ...SERVICES.map((s) => `- ${s}: ${memory.map((m) => m.mb[s].toFixed(0)).join(' ')}`),
    '',
    `Load average (1 min) on the machine: ${extra.loadBefore.toFixed(1)} at the start of the run, ` +
      `${os.loadavg()[0].toFixed(1)} at its end, on ${os.cpus().length} cores (the load generator, ` +
      'the five processes and, on PostgreSQL, the server share them; anything else running on ' +
      'the machine shows here).',
  ];
}

/** Replaces the section under `heading` in `file` (or appends it). */
function writeSection(file: string, heading: string, body: string[]): void {
  const section = [heading, '', ...body, ''].join('\n');
  const existing = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Load test\n\nWritten by `npm run load` (scripts/load.ts): the whole system as five ' +
      'processes on loopback, driven by autocannon at a fixed concurrency. One section per engine.\n\n';
  // The heading as a whole line: "## PostgreSQL" must not find "## PostgreSQL (short run)".
  const start = `\n${existing}`.indexOf(`\n${heading}\n`);
  const next = start >= 0 ? existing.indexOf('\n## ', start + heading.length) : -1;
  const updated =
    start < 0
      ? `${existing.trimEnd()}\n\n${section}`
      : `${existing.slice(0, start)}${section}${next >= 0 ? existing.slice(next + 1) : ''}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, updated);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const engine = POSTGRES ? 'PostgreSQL' : 'embedded PostgreSQL';
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-load-'));
  // Run as root, the embedded server runs as the `postgres` account, which must get through.
  fs.chmodSync(dataDir, 0o755);
  say(
    `load: ${engine}, scale ${SCALE}, ${CONNECTIONS} connections, ${DURATION_S} s; data in ${dataDir}`,
  );
  if (POSTGRES) await dropLoadDatabases();
  const { env, config } = await systemEnv();
  if (!POSTGRES) cluster = await startCluster(embeddedClusterDir(dataDir));

  const seedStart = Date.now();
  await seed(env, config);
  const seededIn = (Date.now() - seedStart) / 1000;
  if (config.auth.devKeysDir) await ensureDevKeys(config.auth.devKeysDir);
  for (const name of SUBGRAPH_NAMES) run(name, `subgraphs/${name}/index.ts`, env);
  run('gateway', 'gateway/index.ts', env);
  const base = (port: number) => `http://127.0.0.1:${port}`;
  await Promise.race([
    fatal,
    Promise.all([
      ...SUBGRAPH_NAMES.map((n) =>
        waitReady(`${base(config.subgraphs[n].port)}/ready`, 120_000, () => stopping),
      ),
      waitReady(`${base(config.gateway.port)}/ready`, 120_000, () => stopping),
    ]),
  ]);
  const gatewayUrl = `${base(config.gateway.port)}/graphql`;
  say(`load: seeded in ${seededIn.toFixed(1)} s; system ready at ${gatewayUrl}`);

  const pids = Object.fromEntries(
    SERVICES.map((s) => {
      const entry = s === 'gateway' ? 'gateway/index.ts' : `subgraphs/${s}/index.ts`;
      return [s, servingPid(started.get(s)!.child.pid!, entry)];
    }),
  ) as Record<Service, number>;
  const token = await mintDevToken(config.auth.devKeysDir!, DEMO_USERS['sc-practitioner']);
  const pools = await findPools(gatewayUrl, token);
  const openBefore = await openContacts(gatewayUrl, token);
  say(
    `load: ${pools.viewable.length} children on open contacts to view, ${pools.subjects.length} to record contacts about`,
  );

  say(`load: warming up for ${WARMUP_S} s`);
  const warmup = runMix(gatewayUrl, WARMUP_S, pools, { practitioner: token });
  current = warmup;
  const warm = await Promise.race([warmup.done, fatal]);
  say(
    `load: warm-up done (${warm.result.requests.total} requests, ${warm.tally.errors.size} error codes)`,
  );

  const memory: MemorySample<Service>[] = [sampleMemory(pids)];
  const sampler = setInterval(() => memory.push(sampleMemory(pids)), SAMPLE_S * 1000);
  say(`load: running for ${DURATION_S} s`);
  const runStart = Date.now();
  const loadBefore = os.loadavg()[0];
  const mix = runMix(gatewayUrl, DURATION_S, pools, { practitioner: token });
  current = mix;
  const progress = setInterval(() => {
    const elapsed = (Date.now() - runStart) / 1000;
    say(`load: ${elapsed.toFixed(0)} s of ${DURATION_S}`);
  }, 30_000);
  let outcome: { tally: Tally; result: autocannon.Result };
  try {
    outcome = await Promise.race([mix.done, fatal]);
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }
  memory.push(sampleMemory(pids));
  const seconds = (Date.now() - runStart) / 1000;
  const openAfter = await openContacts(gatewayUrl, token);

  const body = report(engine, outcome.tally, Math.min(seconds, DURATION_S), memory, pids, {
    openBefore,
    openAfter,
    seededIn,
    loadBefore,
  });
  say('');
  for (const line of body) say(line);
  if (outcome.tally.errors.size > 0) {
    say('');
    say('Errors, first response of each code:');
    for (const [code, e] of outcome.tally.errors) say(`  ${code} x${e.count}: ${e.sample}`);
  }
  // Default-length runs are the engine's section; shorter and longer ones each keep their own.
  const length =
    DURATION_S < 60 ? ' (short run)' : DURATION_S > 180 ? ` (${DURATION_S} s run)` : '';
  const heading = `## ${engine}${length}`;
  writeSection(OUT, heading, body);
  say('');
  say(`load: written to ${path.relative(ROOT, OUT)} under "${heading}"`);
}

let exiting = false;
async function finish(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  await stopAll();
  say('load: stopped every process');
  process.exit(code);
}

process.on('SIGINT', () => {
  say('load: interrupted');
  void finish(130);
});
process.on('SIGTERM', () => void finish(143));

main().then(
  () => finish(0),
  (error: unknown) => {
    // Interrupted: the waits failing because everything is stopping are no failure of their own.
    if (!exiting) process.stderr.write(`load failed: ${(error as Error).stack ?? String(error)}\n`);
    void finish(1);
  },
);
