// The benchmark of issue 7: where the time goes. On a real PostgreSQL (four agency schemas seeded
// from one generated borough, dropped at the end), each figure beside its baseline in the same run,
// medians over rounds with their range, the compared variants alternating:
//   1. the combined child view through the gateway beside the same subgraph calls made directly;
//   2. the same child view as one SQL statement over a central copy of all four agencies' data
//      (scripts/bench-central.ts, built for this comparison only);
//   3. the MASH queue page with partner flags at 10, 50 and 200 rows: latency and SQL statements
//      per subgraph, beside the same page without the partners;
//   4. gateway throughput at a fixed concurrency, the project's gateway beside a stock one;
//   5. the embedded system (`npm start` on the embedded PostgreSQL): cold and warm start, the
//      memory of every process (scripts/bench-start.ts, also `npm run bench:start` alone).
// Prints a table and writes the sections to BENCHMARKS.md with the machine it ran on.
//
//   npm run bench
//   npm run bench -- --postgres postgres://postgres@127.0.0.1:5432/postgres --scale 1 --rounds 5
//   npm run bench -- --skip-start --duration 10 --connections 16 --start-scale 1
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { isAdultOn } from '../shared/age';
import type { Principal } from '../shared/auth';
import { localDate } from '../shared/time';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { createHttpServer, listen } from '../shared/http';
import { composeSupergraph } from '../gateway/supergraph';
import { OPERATION_LIMITS } from '../gateway/gateway';
import { pickDemoChildren } from '../seed/seed';
import { createCentralCopy, type CentralCopy } from './bench-central';
import { measureStarts, START_HEADING, startLines, startMethod } from './bench-start';
import {
  arg,
  BREAK_GLASS,
  cell,
  CHILD_VIEW,
  createBenchBed,
  DEMO_USERS,
  direct,
  machine,
  runBenchmark,
  say,
  stats,
  timedPost,
  writeBenchmarkSection,
  type BenchBed,
} from './bench-support';

const ROOT = path.resolve(__dirname, '..');
const QUANTILES = ['p50', 'p95', 'p99'] as const;
type Row = Record<string, unknown>;
type Quantiles = ReturnType<typeof stats>;

/** Per round, each variant's samples; the cells are medians of the rounds' quantiles. */
type Rounds = Record<string, number[]>[];

function perRound(rounds: Rounds): Record<string, Quantiles>[] {
  return rounds.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, stats(v)])));
}

function latencyRow(per: Record<string, Quantiles>[], label: string, key: string): string {
  return `| ${label} | ${QUANTILES.map((q) => cell(per.map((p) => p[key][q]))).join(' | ')} |`;
}

function ratioRow(per: Record<string, Quantiles>[], label: string, a: string, b: string): string {
  return `| ${label} | ${QUANTILES.map((q) =>
    cell(
      per.map((p) => p[a][q] / p[b][q]),
      2,
    ),
  ).join(' | ')} |`;
}

const SECTION_LISTS = {
  police: [
    'domesticAbuse',
    'missingEpisodes',
    'arrests',
    'maracReferrals',
    'courtOrders',
    'occurrences',
    'intelligence',
  ],
  health: [
    'attendances',
    'gpRegistrations',
    'communityContacts',
    'camhsReferrals',
    'safeguardingFlags',
  ],
  education: [
    'enrolments',
    'attendance',
    'exclusions',
    'senProvision',
    'homeEducation',
    'missingEducation',
  ],
} as const;

/** The same child through the gateway with each agency's record lists, for the central check. */
const CHILD_RECORDS = `query ($id: ID!) {
  child(id: $id) {
    id household { adults { id } }
    police { match { level agencyReference } domesticAbuse { id } missingEpisodes { id } arrests { id }
      maracReferrals { id } courtOrders { id } occurrences { id } intelligence { id } }
    health { match { level agencyReference } attendances { id } gpRegistrations { registeredFrom }
      communityContacts { id } camhsReferrals { id } safeguardingFlags { id } }
    education { match { level agencyReference } enrolments { id } attendance { term }
      exclusions { id } senProvision { startDate } homeEducation { startDate } missingEducation { id } }
  }
}`;

interface CheckResult {
  children: number;
  agencySections: number;
  identical: number;
  differences: string[];
}

/**
 * For a sample of children, compares the central answer with the federation's: the same child,
 * the same adults, and per agency the same number of records in every list. A partner that did
 * not match (or only POSSIBLY matched) discloses nothing where the central copy, linked by the
 * ground truth, shows the records: that is counted as a difference and named.
 */
async function checkCentral(
  central: CentralCopy,
  gateway: string,
  token: string,
  sample: string[],
): Promise<CheckResult> {
  const result: CheckResult = { children: 0, agencySections: 0, identical: 0, differences: [] };
  for (const id of sample) {
    const fed = (
      await timedPost(gateway, token, CHILD_RECORDS, { id }, 'gateway records', {
        'x-break-glass-reason': BREAK_GLASS,
        'x-break-glass-child': id,
      })
    ).data.child as Row;
    const cen = (await central.childView(id)).view;
    result.children++;
    const adultIds = (v: Row | null | undefined) =>
      (((v?.adults as Row[] | undefined) ?? []).map((a) => a.id) as string[]).sort().join(',');
    if (
      (cen.child as Row).id !== fed.id ||
      adultIds(fed.household as Row) !== adultIds(cen.household as Row)
    ) {
      result.differences.push(`${id}: child or household adults differ`);
    }
    for (const agency of ['police', 'health', 'education'] as const) {
      const f = fed[agency] as Row | null;
      const c = cen[agency] as Row | null;
      const level = String((f?.match as Row | undefined)?.level ?? 'NONE');
      const disclosed = level === 'CONFIRMED' || level === 'PROBABLE';
      if (!c && !disclosed) continue;
      result.agencySections++;
      if (!c) {
        result.differences.push(
          `${id} ${agency}: federation matched ${level}, truth has no record`,
        );
        continue;
      }
      if (!disclosed) {
        result.differences.push(
          `${id} ${agency}: held (truth), federation match ${level}, nothing disclosed`,
        );
        continue;
      }
      const counts = SECTION_LISTS[agency].map((list) => {
        const n = (x: Row) => ((x[list] as unknown[] | null) ?? []).length;
        return [list, n(f as Row), n(c)] as const;
      });
      const unequal = counts.filter(([, a, b]) => a !== b);
      if (unequal.length === 0) result.identical++;
      else
        result.differences.push(
          `${id} ${agency} (${level}): ${unequal.map(([l, a, b]) => `${l} ${a} vs ${b}`).join(', ')}`,
        );
    }
  }
  return result;
}

/**
 * Every k-th child known to socialcare and at least one partner (born, and still under 18 today:
 * the partners disclose nothing as a child's for someone who has since turned 18), up to `n`.
 */
function sampleChildren(bed: BenchBed, n: number): string[] {
  const today = localDate(new Date());
  const born = new Map(bed.world.socialcare.children.map((c) => [c.id, c.dateOfBirth]));
  const known = bed.world.truth.people.filter(
    (p) =>
      p.kind === 'CHILD' &&
      !p.unborn &&
      p.socialcareId !== null &&
      !isAdultOn(born.get(p.socialcareId) ?? today, today) &&
      (p.policeId !== null || p.healthId !== null || p.educationId !== null),
  );
  const step = Math.max(1, Math.floor(known.length / n));
  return known
    .filter((_, i) => i % step === 0)
    .slice(0, n)
    .map((p) => p.socialcareId as string);
}

const CLOCK = 'dueAt status secondsLeft';
const SUMMARY = 'match { level } summary';
/** The largest queue page the benchmark asks for in one request when 200 is refused. */
const PAGE_LIMIT = 50;
const queueQuery = (partners: string) => `query ($first: Int!, $after: String) {
  mashQueue(first: $first, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    edges { node { id rag stage nextDueAt outstandingChecks
      clocks { ragResponse { ${CLOCK} } decisionWithinOneWorkingDay { ${CLOCK} } }
      decisions { child { id givenName familyName ${partners} } } } }
  }
}`;
const QUEUE_FLAGS = queueQuery(
  `police { ${SUMMARY} } health { ${SUMMARY} } education { ${SUMMARY} }`,
);
const QUEUE_PLAIN = queueQuery('');

/**
 * The gateway's stock configuration: a plain ApolloGateway in a plain ApolloServer behind the same
 * node:http server, with only what it needs to work at all: each subgraph request carries an
 * internal token of its own for that subgraph (one fixed reader). No user
 * token check, no operation limits or cost pricing, no timeout, default fetcher, no logging
 * plugin, no error formatting.
 */
async function startStockGateway(
  bed: BenchBed,
  urls: Record<SubgraphName, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const principal: Principal = {
    user: DEMO_USERS['sc-practitioner'],
    requestId: 'stock-gateway-benchmark',
    purpose: null,
    breakGlassReason: BREAK_GLASS,
    breakGlassChildId: null,
  };
  // Each subgraph accepts a token once (issue 18), so even the stock gateway signs one a request.
  const token = (audience: string) => bed.internalToken(principal, audience as SubgraphName);
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: urls[name as SubgraphName] ?? url,
        async willSendRequest({ request }) {
          request.http?.headers.set('authorization', `Bearer ${await token(name)}`);
        },
      }),
  });
  const apollo = new ApolloServer({ gateway });
  await apollo.start();
  const server = createHttpServer({
    apollo,
    authenticate: async () => null,
    context: async () => ({}),
    ready: async () => true,
  });
  const running = await listen(server, 0);
  return {
    url: running.url,
    async close() {
      await running.close(100);
      await apollo.stop();
    },
  };
}

interface Cannon {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

/** autocannon in its own process (so the load generator does not share the servers' thread). */
function cannon(
  url: string,
  body: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Cannon> {
  const args = [
    path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js'),
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-b',
    body,
    '-j',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      const r = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        failures: r.non2xx + r.errors + r.timeouts,
      });
    });
  });
}

/** What to close if the run fails half-way: the schemas must not outlive it. */
const cleanups: (() => Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0)
    await (cleanups.pop() as () => Promise<void>)().catch(() => undefined);
}

async function main(): Promise<void> {
  const began = Date.now();
  const postgres = arg('postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
  const scale = Number(arg('scale', '1'));
  const roundCount = Number(arg('rounds', '5'));
  const requests = Number(arg('requests', '50'));
  const pageRequests = Number(arg('page-requests', '10'));
  const seconds = Number(arg('duration', '10'));
  const connections = Number(arg('connections', '16'));
  const skipStart = process.argv.includes('--skip-start');
  const startScale = Number(arg('start-scale', '0.25'));
  const coldStarts = Number(arg('cold-starts', '2'));
  const warmStarts = Number(arg('warm-starts', '3'));
  const startViews = Number(arg('start-views', '200'));
  const today = new Date().toISOString().slice(0, 10);
  const host = new URL(postgres).host;
  const load = () => os.loadavg()[0].toFixed(1);
  const loadAtStart = load();

  const seedStarted = Date.now();
  const bed = await createBenchBed({ scale, postgres, prefix: 'bench' });
  cleanups.push(() => bed.close());
  if (!bed.schemas) throw new Error('npm run bench needs --postgres');
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const w = bed.world;
  const data = `scale ${scale}: ${w.socialcare.children.length} children and ${w.socialcare.contacts.length} contacts at socialcare, ${w.police.persons.length} police persons, ${w.health.patients.length} patients, ${w.education.pupils.length} pupils (seeded in ${seedSeconds.toFixed(0)} s)`;
  say(data);
  const central = await createCentralCopy(postgres, bed.schemas, w);
  cleanups.push(() => central.close());
  say(
    `central copy: ${central.rows} rows in one schema, built in ${central.buildSeconds.toFixed(1)} s`,
  );
  const { gateway, subgraphs } = await bed.federation();
  const stock = await startStockGateway(bed, subgraphs);
  cleanups.push(() => stock.close());
  const token = await bed.userToken(DEMO_USERS['sc-practitioner']);
  const childId = pickDemoChildren(w).withOpenContact;
  if (!childId) throw new Error('no demo child with an open contact at this scale');
  const bg = { 'x-break-glass-reason': BREAK_GLASS, 'x-break-glass-child': childId };
  const viaGateway = async () =>
    (await timedPost(gateway, token, CHILD_VIEW, { id: childId }, 'gateway child', bg)).ms;
  const viaDirect = () => direct(bed, subgraphs, 'child', { id: childId });
  const viaCentral = async () => (await central.childView(childId)).ms;

  // 1 and 2: the child view three ways, rotating which goes first.
  for (let i = 0; i < 10; i++) for (const run of [viaGateway, viaDirect, viaCentral]) await run();
  const viewRounds: Rounds = [];
  for (let r = 0; r < roundCount; r++) {
    const round: Record<string, number[]> = { gateway: [], direct: [], central: [] };
    const variants: [string, () => Promise<number>][] = [
      ['gateway', viaGateway],
      ['direct', viaDirect],
      ['central', viaCentral],
    ];
    for (let i = 0; i < requests; i++) {
      const order = [...variants.slice(i % 3), ...variants.slice(0, i % 3)];
      for (const [key, run] of order) round[key].push(await run());
    }
    viewRounds.push(round);
    say(`child view round ${r + 1}/${roundCount}`);
  }
  // Where the gateway's time goes: the same child view, statements per subgraph.
  SUBGRAPH_NAMES.forEach((n) => bed.statements[n].reset());
  await viaGateway();
  const viewStatements = SUBGRAPH_NAMES.map(
    (n) => bed.statements[n].statements.filter((s) => !/audit/i.test(s)).length,
  );
  const check = await checkCentral(central, gateway, token, sampleChildren(bed, 30));

  // 3: the queue page at 10, 50 and 200, with and without the partners' flags.
  const sizes = [10, 50, 200];
  // The gateway's cost limit refuses a single page of 200 with this selection (and with any
  // selection holding all three agencies' summaries); a client then reads 200 rows as pages of
  // PAGE_LIMIT, following the cursor, and so does the benchmark. The refusal is reported.
  const refusals: Record<string, string> = {};
  for (const [name, query] of [
    ['with partner flags', QUEUE_FLAGS],
    ['socialcare only', QUEUE_PLAIN],
  ] as const) {
    try {
      await timedPost(gateway, token, query, { first: 200 }, 'queue 200');
    } catch (error) {
      if (!/QUERY_TOO_COSTLY/.test(String(error))) throw error;
      refusals[name] = /found (\d+(?:\.\d+)?)/.exec(String(error))?.[1] ?? '?';
    }
  }
  const rowsRead = new Map<number, number>();
  const queueOnce = async (n: number, flags: boolean) => {
    const query = flags ? QUEUE_FLAGS : QUEUE_PLAIN;
    const refused = refusals[flags ? 'with partner flags' : 'socialcare only'] !== undefined;
    const started = process.hrtime.bigint();
    let after: string | null = null;
    for (let read = 0; read < n;) {
      const first = refused ? Math.min(PAGE_LIMIT, n - read) : n;
      const { data } = await timedPost(gateway, token, query, { first, after }, `queue ${n}`);
      const page = data.mashQueue as {
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
        edges?: unknown[];
        totalCount?: number;
      };
      // A page holds at most the contacts open: report the rows really read, not the size asked.
      rowsRead.set(n, (page.totalCount ?? 0) < n ? (page.totalCount ?? n) : n);
      read += first;
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const queueStatements: string[] = [];
  for (const n of sizes) {
    for (const flags of [true, false]) {
      await queueOnce(n, flags);
      SUBGRAPH_NAMES.forEach((s) => bed.statements[s].reset());
      await queueOnce(n, flags);
      const counts = SUBGRAPH_NAMES.map(
        (s) => bed.statements[s].statements.filter((x) => !/audit/i.test(x)).length,
      );
      queueStatements.push(
        `| page of ${n}, ${flags ? 'with partner flags' : 'socialcare only'} | ${counts.join(' | ')} |`,
      );
    }
  }
  const queueRounds: Rounds = [];
  for (let r = 0; r < roundCount; r++) {
    const round: Record<string, number[]> = {};
    for (const n of sizes) {
      round[`flags${n}`] = [];
      round[`plain${n}`] = [];
    }
    for (let i = 0; i < pageRequests; i++) {
      const order = i % 2 === 0 ? sizes : [...sizes].reverse();
      for (const n of order) {
        const pair: [string, boolean][] = [
          [`flags${n}`, true],
          [`plain${n}`, false],
        ];
        for (const [key, flags] of i % 2 === 0 ? pair : pair.reverse())
          round[key].push(await queueOnce(n, flags));
      }
    }
    queueRounds.push(round);
    say(`queue round ${r + 1}/${roundCount}`);
  }

  // 4: throughput, project beside stock, alternating which goes first.
  const body = JSON.stringify({ query: CHILD_VIEW, variables: { id: childId } });
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    ...bg,
  };
  // Both must answer the view in full before they are timed.
  await timedPost(stock.url, token, CHILD_VIEW, { id: childId }, 'stock gateway child', bg);
  await cannon(gateway, body, headers, 2, connections);
  await cannon(stock.url, body, headers, 2, connections);
  const throughput: { project: Cannon; stock: Cannon }[] = [];
  for (let r = 0; r < roundCount; r++) {
    const pair = {} as { project: Cannon; stock: Cannon };
    const order: ('project' | 'stock')[] =
      r % 2 === 0 ? ['project', 'stock'] : ['stock', 'project'];
    for (const which of order) {
      pair[which] = await cannon(
        which === 'project' ? gateway : stock.url,
        body,
        headers,
        seconds,
        connections,
      );
    }
    throughput.push(pair);
    say(`throughput round ${r + 1}/${roundCount}`);
  }
  const loadAfterFederation = load();

  // autocannon's last requests may still be in flight when it exits: let them finish.
  await new Promise((r) => setTimeout(r, 1000));
  await cleanUp();

  // 5: the embedded system.
  const starts = skipStart
    ? null
    : await measureStarts({
        scale: startScale,
        cold: coldStarts,
        warm: warmStarts,
        views: startViews,
      });
  const runtimeMinutes = (Date.now() - began) / 60_000;

  const machineLine = `Machine: ${machine()}.`;
  const busy = Math.max(Number(loadAtStart), Number(loadAfterFederation)) > os.cpus().length;
  const loadLine = `Load average (1 minute): ${loadAtStart} at the start, ${loadAfterFederation} after the throughput runs${busy ? `: above the ${os.cpus().length} cores, other work shared the machine and every figure reads slower (the ratios, measured side by side, less so)` : ''}.`;
  const how = `Run ${today} by \`npm run bench\` (whole run ${runtimeMinutes.toFixed(1)} min): PostgreSQL at ${host}, four agency schemas (plus the central copy's) seeded from one generated borough at ${data}, dropped at the end. Audit on. Each cell: the median of ${roundCount} rounds' figures (range in brackets); the variants alternate inside every round.`;

  const view = perRound(viewRounds);
  const viewLines = [
    `| child view (${requests} a round, one at a time, after 10 warm-ups) | p50 ms | p95 ms | p99 ms |`,
    '|---|---:|---:|---:|',
    latencyRow(view, 'the same subgraph calls made directly (baseline)', 'direct'),
    latencyRow(view, 'through the gateway', 'gateway'),
    ratioRow(
      view,
      '**federation overhead: gateway / direct** (goal at p50 ≤ 1.5)',
      'gateway',
      'direct',
    ),
    latencyRow(view, 'one SQL statement over a central copy of all four agencies', 'central'),
    ratioRow(view, '**what a central copy would cost: gateway / central**', 'gateway', 'central'),
    '',
    `| SQL statements for one child view (audit writes excluded) | ${SUBGRAPH_NAMES.join(' | ')} | central copy |`,
    `|---|${SUBGRAPH_NAMES.map(() => '---:').join('|')}|---:|`,
    `| statements | ${viewStatements.join(' | ')} | 1 |`,
  ];
  const checkLines = [
    `Central answer checked against the federation's for ${check.children} children (every k-th child known to socialcare and a partner): the same child and household adults, and per agency section the number of records in each list (police: ${SECTION_LISTS.police.join(', ')}; health: ${SECTION_LISTS.health.join(', ')}; education: ${SECTION_LISTS.education.join(', ')}). ${check.identical} of ${check.agencySections} agency sections held by either side have every count equal; ${check.differences.length} differ:`,
    '',
    ...(check.differences.length > 0
      ? check.differences.slice(0, 12).map((d) => `- ${d}`)
      : ['- none']),
    ...(check.differences.length > 12 ? [`- and ${check.differences.length - 12} more`] : []),
    '',
    'Expected differences: a POSSIBLE match discloses nothing until a practitioner confirms it, where the copy, linked by the truth, shows everything; CAMHS referrals are a sensitive health category health withholds from a socialcare reader, where the copy has no rules. Anything else (a term of attendance) is a difference in what the agency chooses to list, which the copy does not know.',
  ];

  const queue = perRound(queueRounds);
  const queueLines = [
    `| MASH queue page (${pageRequests} of each a round, one at a time) | p50 ms | p95 ms | p99 ms |`,
    '|---|---:|---:|---:|',
    ...sizes.flatMap((n) => [
      latencyRow(
        queue,
        `page of ${n}, socialcare only (baseline)${n > PAGE_LIMIT && refusals['socialcare only'] ? ` (as ${Math.ceil(n / PAGE_LIMIT)} pages of ${PAGE_LIMIT})` : ''}`,
        `plain${n}`,
      ),
      latencyRow(
        queue,
        `page of ${n} with partner flags${n > PAGE_LIMIT && refusals['with partner flags'] ? ` (as ${Math.ceil(n / PAGE_LIMIT)} pages of ${PAGE_LIMIT}: see above)` : ''}`,
        `flags${n}`,
      ),
      ratioRow(queue, 'ratio with flags / without', `flags${n}`, `plain${n}`),
    ]),
    '',
    `| SQL statements per subgraph per page (audit writes excluded) | ${SUBGRAPH_NAMES.join(' | ')} |`,
    `|---|${SUBGRAPH_NAMES.map(() => '---:').join('|')}|`,
    ...queueStatements,
  ];

  const tp = (k: 'project' | 'stock', f: keyof Cannon, digits = 1) =>
    cell(
      throughput.map((t) => t[k][f]),
      digits,
    );
  const tpRatio = (f: 'rps' | 'p50' | 'p99') =>
    cell(
      throughput.map((t) => t.project[f] / t.stock[f]),
      2,
    );
  const throughputLines = [
    `| child view, ${connections} connections, ${seconds} s a run | req/s | p50 ms | p99 ms | requests | failures |`,
    '|---|---:|---:|---:|---:|---:|',
    `| stock gateway configuration (baseline) | ${tp('stock', 'rps')} | ${tp('stock', 'p50')} | ${tp('stock', 'p99')} | ${tp('stock', 'requests', 0)} | ${tp('stock', 'failures', 0)} |`,
    `| the project's gateway | ${tp('project', 'rps')} | ${tp('project', 'p50')} | ${tp('project', 'p99')} | ${tp('project', 'requests', 0)} | ${tp('project', 'failures', 0)} |`,
    `| ratio project / stock | ${tpRatio('rps')} | ${tpRatio('p50')} | ${tpRatio('p99')} | | |`,
  ];

  const startSection = starts ? startLines(starts, startScale, startViews) : [];
  say('');
  for (const line of [
    ...viewLines,
    '',
    ...checkLines,
    '',
    ...queueLines,
    '',
    ...throughputLines,
    '',
    ...startSection,
  ])
    say(line);

  const queueNote =
    Object.keys(refusals).length > 0
      ? `A single page of 200 is refused by the gateway's cost limit (maxCost ${OPERATION_LIMITS.maxCost}, armor's weights with the real page size): ${Object.entries(
          refusals,
        )
          .map(([k, v]) => `${k} priced at ${v}`)
          .join(
            ', ',
          )}. No selection holding all three agencies' summaries fits at 200, not even \`edges { node { id decisions { child { id police { summary } health { summary } education { summary } } } } } }\` (about 23,400). So 200 rows are read as a client must read them: pages of ${PAGE_LIMIT} following \`pageInfo.endCursor\`, timed from the first request to the last answer; the statements at 200 are the sum over those pages.`
      : `Every page size was accepted by the gateway's cost limit (maxCost ${OPERATION_LIMITS.maxCost}).`;
  writeBenchmarkSection('## Child view: federation overhead and a central copy (`npm run bench`)', [
    how,
    machineLine,
    loadLine,
    '',
    "The child view asks for the household, each adult's police and health sections, each agency's section (match level and summary) and the merged chronology, for a child every agency holds, read by a socialcare MASH practitioner on a break-glass basis (scripts/bench-support.ts `CHILD_VIEW`). \"Directly\": the subgraph requests in the query plan's order (socialcare, then the four partners in parallel, probation for the events the chronology requires, then socialcare for the chronology), each with its internal token, from the benchmark, one `_entities` request to police and to health for the child and the adults together; the gateway sends the same 6 requests, merging the plan's two entity fetches to police and to health (gateway/merged-fetches.ts). p99 is the round's slowest of its samples. \"Central copy\": the four agencies' seeded tables copied into one schema with indexes on the join keys and a person link table built from the generated ground truth (a central copy's master index, resolved once at load), answered by one prepared SQL statement of `json_build_object`/`json_agg` subqueries returning the child, the household with each adult's police and health records, each agency's record lists and a merged chronology (scripts/bench-central.ts).",
    '',
    ...viewLines,
    '',
    "What the central copy does not do, and the federation does on every view: no access rules (each agency deciding what it discloses, break-glass, handling codes, sensitive health categories), no audit (each agency writes its hash-chained rows: 6 or more a view), no matching at query time (each partner finds the child in its own index by identifiers and demographics; the copy reads a link resolved once from the truth, so it shows records a partner would only call POSSIBLE), no summaries in the agencies' own words, no tokens or HTTP. It returns rows, not the summary text. It is also what the project exists not to build: one store holding every agency's records.",
    '',
    ...checkLines,
  ]);
  writeBenchmarkSection('## MASH queue page with partner flags (`npm run bench`)', [
    how,
    machineLine,
    loadLine,
    '',
    `\`mashQueue(first: N)\` as a socialcare MASH practitioner: each row's clocks (RAG response and one working day: due, status, seconds left), \`nextDueAt\`, \`outstandingChecks\` and each child on it with each agency's \`match { level } summary\`, beside the same page without the partners' sections. ${queueNote} Rows really returned: ${sizes.map((n) => `${rowsRead.get(n) ?? n} for a page of ${n}`).join(', ')} (a page holds at most the contacts open). Statements counted on the second of two identical requests, audit writes excluded. With ${pageRequests} samples of each a round, p95 and p99 are both the round's slowest.`,
    '',
    ...queueLines,
  ]);
  writeBenchmarkSection(
    '## Gateway throughput: project settings beside the stock gateway (`npm run bench`)',
    [
      how,
      machineLine,
      loadLine,
      '',
      `The child view (above) sent by autocannon 9 in its own process at ${connections} connections for ${seconds} s a run, ${roundCount} runs each, alternating which goes first, after 2 s of each to warm up; both gateways in the benchmark's process beside the five subgraphs (one Node thread for all six), the same subgraphs and databases behind both. The project's gateway: \`createGateway\` (user token verified, an internal token signed per subgraph per request, graphql-armor limits, cost pricing with real page sizes, keep-alive node:http with a timeout, entity fetches to one agency merged, the logging plugin, error formatting). Stock: \`new ApolloGateway({ supergraphSdl, buildService })\` with a plain \`RemoteGraphQLDataSource\` whose \`willSendRequest\` adds an internal token of its own to each subgraph request (for one fixed reader; each subgraph accepts a token once), in a plain \`ApolloServer\` behind the same node:http server. Failures: non-2xx answers, connection errors and timeouts, as autocannon counts them; a 200 carrying GraphQL errors is not counted (one full answer of each gateway is checked before the runs).`,
      '',
      ...throughputLines,
    ],
  );
  if (starts) {
    writeBenchmarkSection(START_HEADING, [
      startMethod(startScale, coldStarts, warmStarts, startViews),
      machineLine,
      '',
      ...startSection,
    ]);
  }
  say(`written to BENCHMARKS.md; whole run ${runtimeMinutes.toFixed(1)} min`);
}

runBenchmark('bench', () =>
  main().catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  }),
);
