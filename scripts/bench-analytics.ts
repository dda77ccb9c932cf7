// Decision timeliness over 1,000,000 generated contacts on the real PostgreSQL: the headline table
// for a 12-month period grouped by month and RAG, answered by socialcare's `decisionTimeliness`
// (one SQL statement), beside the floor in the same run: counting the same period's contacts,
// the least any answer must read. Prints a table and writes it to BENCHMARKS.md with the data
// size, the indexes and the machine.
//
//   npm run bench:analytics -- --postgres postgres://postgres@127.0.0.1:5432/postgres
//   npm run bench:analytics -- --postgres URL --contacts 1000000 --rounds 5 --requests 20
//
// The contacts are generated in SQL (4 years up to 2026-11-20, one child each, 50,000 children)
// into the schema `bench_analytics` of that database, kept between runs; --rebuild makes it anew.
//
// It also writes Ofsted's Annex A list 1 (pseudonymised) for the same 12 months and for one month
// to a file, timing each and sampling the process's resident memory every 50 ms while it runs:
// a list read in keyset batches and streamed to the file must take no more memory for a year
// than for a month. Each is measured in this process, with V8's default heap, and again in a
// child process whose old generation is capped at 128 MiB, where V8 collects as it goes instead
// of letting garbage pile up towards its default limit of several GiB.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { AuditRecorder } from '../shared/audit';
import { decisionDueOneWorkingDay } from '../subgraphs/socialcare/clocks';
import { createDatabase, type Database } from '../shared/database';
import { DEMO_USERS } from '../dev/dev-issuer';
import { addDays, localMidnight } from '../shared/time';
import { SCHEMAS } from '../seed/seed';
import { createContext } from '../subgraphs/socialcare/context';
import { DEFAULT_BATCH_SIZE, exportAnnexAList } from '../subgraphs/socialcare/exports/annexA';
import { createServer } from '../subgraphs/socialcare/server';
import {
  arg,
  cell,
  machine,
  runBenchmark,
  say,
  stats,
  writeBenchmarkSection,
} from './bench-support';
import { RequestGrants, trustNoGrant } from '../shared/grants';

const SCHEMA = 'bench_analytics';
const FIRST_DAY = '2022-11-21';
const LAST_DAY = '2026-11-20';
const AS_OF = new Date('2026-11-20T18:00:00Z');
const PERIOD = { from: '2025-11-01', to: '2026-10-31' };
/** The last month of PERIOD: the export beside the year's. */
const MONTH = { from: '2026-10-01', to: '2026-10-31' };
const CHILDREN = 50_000;
/** A fixed key, so the export pays for a pseudonym per row as a real one does. */
const PSEUDONYM_KEY = 'bench-analytics-pseudonym-key-0123456789';
const RSS_SAMPLE_MS = 50;
/** The old generation's size limit of the child process the exports are measured in again. */
const HEAP_CAP_MIB = 128;

// A full collection before each export, so each starts from the same floor. V8 offers `gc` only
// with --expose-gc, which this npm script does not pass; a flag set at run time applies to
// contexts made after it, so a fresh context has `gc`.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

interface ExportRun {
  ms: number;
  rows: number;
  bytes: number;
  /** The highest resident set size seen while it ran, less the size just before it, in MiB. */
  rssGrowthMiB: number;
}

/** Writes list 1 for `period` to a temporary file, timed, with its peak memory growth. */
async function exportList1(db: Database, period: { from: string; to: string }): Promise<ExportRun> {
  const file = path.join(os.tmpdir(), `mash-bench-list-1-${process.pid}.csv`);
  collectGarbage();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  try {
    const started = process.hrtime.bigint();
    const result = await exportAnnexAList(
      db.dataSource,
      'LIST_1',
      { ...period, pseudonymKey: PSEUDONYM_KEY },
      fs.createWriteStream(file),
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    sample();
    return {
      ms,
      rows: result.rows,
      bytes: fs.statSync(file).size,
      rssGrowthMiB: (peak - before) / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    fs.rmSync(file, { force: true });
  }
}

const QUERY = `query ($from: Date!, $to: Date!) {
  decisionTimeliness(from: $from, to: $to, groupBy: [MONTH, RAG]) {
    month rag received decided decidedWithin24Hours decidedWithinOneWorkingDay
    percentWithin24Hours percentWithinOneWorkingDay medianHoursToDecision p90HoursToDecision
    stillOpen openOverdue
  }
}`;

/**
 * The same export in a fresh child process with its old generation capped at HEAP_CAP_MIB (a
 * month first, to warm up as this process is): this script again, with --export-child.
 */
async function exportList1Capped(
  url: string,
  period: { from: string; to: string },
): Promise<ExportRun> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    ...process.execArgv,
    `--max-old-space-size=${HEAP_CAP_MIB}`,
    __filename,
    '--export-child',
    `${period.from}:${period.to}`,
    '--postgres',
    url,
  ]);
  return JSON.parse(stdout.trim().split('\n').pop() as string) as ExportRun;
}

/** The child's side of `exportList1Capped`: prints its measurement as one JSON line. */
async function exportChild(): Promise<void> {
  const [from, to] = arg('export-child', '').split(':');
  const db = await createDatabase({
    database: { kind: 'postgres', url: arg('postgres', ''), schema: SCHEMA },
    ...SCHEMAS.socialcare,
  });
  try {
    await exportList1(db, MONTH);
    say(JSON.stringify(await exportList1(db, { from, to })));
  } finally {
    await db.close();
  }
}

/** The contacts, generated in SQL from the row number alone, so every build is the same. */
async function build(db: Database, contacts: number): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  say(`building ${contacts.toLocaleString('en-GB')} contacts in schema ${SCHEMA}...`);
  const started = Date.now();
  // The one-working-day due instant depends on the local date of receipt alone: one per day.
  const days: string[] = [];
  for (let d = FIRST_DAY; d <= LAST_DAY; d = addDays(d, 1)) days.push(d);
  await q(`CREATE TEMP TABLE due_by_day (day date PRIMARY KEY, due timestamptz NOT NULL)`);
  await q(`INSERT INTO due_by_day SELECT * FROM unnest($1::date[], $2::timestamptz[])`, [
    days,
    days.map((d) => decisionDueOneWorkingDay(new Date(localMidnight(d).getTime() + 3_600_000))),
  ]);
  await q(
    `INSERT INTO children (id, given_name, family_name, date_of_birth, sex, created_at)
     SELECT 'BC' || lpad(g::text, 7, '0'), 'Bench', 'Child ' || g,
            date '2008-01-01' + (g % 6000), 'UNKNOWN', $2
       FROM generate_series(1, $1::int) AS g`,
    [CHILDREN, AS_OF],
  );
  // h1..h4: independent uniform numbers in [0, 1) from the row number.
  await q(
    `INSERT INTO contacts (id, received_at, source_code, referrer, concern, team, version, stage,
       recorded_at, rag, rag_reason, rated_since, screened_at, decision_due_working_day_at,
       closed_at)
     SELECT 'BT' || lpad(g::text, 8, '0'), r.received, (ARRAY['6','6','6','3E','3A','2A','2A','1A','5C','8'])[1 + floor(h1 * 10)::int],
            'Bench referrer', 'Bench concern', (ARRAY['MASH North','MASH South','MASH Central'])[1 + floor(h2 * 3)::int],
            3, CASE WHEN r.closed <= $3 THEN 'DECIDED' ELSE 'SCREENED' END,
            r.received, r.rag, 'Bench rating', r.received + interval '30 minutes',
            r.received + interval '30 minutes', d.due,
            CASE WHEN r.closed <= $3 THEN r.closed END
       FROM generate_series(1, $1::int) AS g
      CROSS JOIN LATERAL (SELECT
              ('x' || substr(md5(g::text), 1, 8))::bit(32)::bigint / 4294967296.0 AS h1,
              ('x' || substr(md5(g::text), 9, 8))::bit(32)::bigint / 4294967296.0 AS h2,
              ('x' || substr(md5(g::text), 17, 8))::bit(32)::bigint / 4294967296.0 AS h3,
              ('x' || substr(md5(g::text), 25, 8))::bit(32)::bigint / 4294967296.0 AS h4) AS h
      CROSS JOIN LATERAL (SELECT
              $2::timestamptz + (g - h3) / $1::float8 * (interval '1 day' * $4::int) AS received,
              CASE WHEN h4 < 0.1 THEN 'RED' WHEN h4 < 0.4 THEN 'AMBER' WHEN h4 < 0.85 THEN 'GREEN'
                   ELSE 'BLUE' END AS rag) AS r0
      CROSS JOIN LATERAL (SELECT r0.received, r0.rag,
              r0.received + interval '1 hour' * CASE WHEN h2 < 0.9 THEN 1 + h3 * 22 ELSE 24 + h1 * 100 END
                AS closed) AS r
       JOIN due_by_day AS d ON d.day = (r.received AT TIME ZONE 'Europe/London')::date`,
    [contacts, localMidnight(FIRST_DAY), AS_OF, days.length],
  );
  await q(
    `INSERT INTO contact_children (contact_id, child_id, decided_at, level, outcome)
     SELECT c.id, 'BC' || lpad((1 + substr(c.id, 3)::int % $1)::text, 7, '0'), c.closed_at,
            CASE WHEN c.closed_at IS NULL THEN NULL
                 WHEN c.rag = 'RED' THEN 4 WHEN c.rag = 'AMBER' THEN 3 WHEN c.rag = 'GREEN' THEN 2
                 ELSE 1 END,
            CASE WHEN c.closed_at IS NULL THEN NULL
                 WHEN c.rag = 'RED' THEN 'STRATEGY_DISCUSSION'
                 WHEN c.rag = 'AMBER' THEN 'ASSESSMENT_REQUIRED'
                 WHEN c.rag = 'GREEN' THEN 'STEP_DOWN_TO_EARLY_HELP' ELSE 'NO_FURTHER_ACTION' END
       FROM contacts c`,
    [CHILDREN],
  );
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const url = arg('postgres', '');
  if (!url)
    throw new Error('--postgres URL is required: this benchmark is for the real PostgreSQL');
  // Other work on the machine slows every figure; the section says how busy it was.
  const loadAtStart = os.loadavg()[0];
  const contacts = Number(arg('contacts', '1000000'));
  const rounds = Number(arg('rounds', '5'));
  const requests = Number(arg('requests', '20'));
  const db = await createDatabase({
    database: { kind: 'postgres', url, schema: SCHEMA },
    ...SCHEMAS.socialcare,
  });
  try {
    const [{ n }] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM contacts`)) as {
      n: number;
    }[];
    if (process.argv.includes('--rebuild') || n !== contacts) {
      await db.dataSource.query(
        `TRUNCATE decision_views, contact_submissions, partner_checks, contact_ratings, referrals,
                  contact_children, contacts, children CASCADE`,
      );
      await build(db, contacts);
    }
    // As autovacuum would leave a table at rest: statistics current, pages marked all-visible
    // (what lets a scan answer from an index alone).
    await db.dataSource.query(`VACUUM ANALYZE contacts`);
    await db.dataSource.query(`VACUUM ANALYZE contact_children`);
    const server = createServer({
      dataSource: db.dataSource,
      verifyToken: () => Promise.reject(new Error('in-process only')),
      verifyGrant: trustNoGrant,
      production: true,
    });
    await server.apollo.start();
    const ask = async () => {
      const principal = {
        user: DEMO_USERS.analyst,
        requestId: randomUUID(),
        purpose: null,
        breakGlassReason: null,
        breakGlassChildId: null,
      };
      const contextValue = createContext(db.dataSource, {
        now: AS_OF,
        principal,
        grants: new RequestGrants(trustNoGrant, principal),
        audit: new AuditRecorder(),
      });
      const started = process.hrtime.bigint();
      const res = await server.apollo.executeOperation(
        { query: QUERY, variables: PERIOD },
        { contextValue },
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.body.kind !== 'single' || res.body.singleResult.errors) {
        throw new Error(JSON.stringify(res.body.kind === 'single' ? res.body.singleResult : res));
      }
      return { ms, rows: (res.body.singleResult.data?.decisionTimeliness as unknown[]).length };
    };
    const floor = async () => {
      const started = process.hrtime.bigint();
      await db.dataSource.query(
        `SELECT count(*) FROM contacts WHERE received_at >= $1 AND received_at < $2`,
        [localMidnight(PERIOD.from), localMidnight(addDays(PERIOD.to, 1))],
      );
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // Warm the caches and the plan once, then alternate the two in every round.
    await ask();
    await floor();
    const p50s: { timeliness: number[]; floor: number[] } = { timeliness: [], floor: [] };
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      const t: number[] = [];
      const f: number[] = [];
      for (let i = 0; i < requests; i++) {
        const answer = await ask();
        rows = answer.rows;
        t.push(answer.ms);
        f.push(await floor());
      }
      p50s.timeliness.push(stats(t).p50);
      p50s.floor.push(stats(f).p50);
      say(
        `round ${r + 1}: timeliness p50 ${stats(t).p50.toFixed(1)} ms, floor p50 ${stats(f).p50.toFixed(1)} ms`,
      );
    }
    // The exports: a month and the year alternate in every round, after one of each to warm up;
    // then each again in a child process with a capped heap.
    await exportList1(db, MONTH);
    await exportList1(db, PERIOD);
    type Runs = { month: ExportRun[]; year: ExportRun[] };
    const exportRuns: Runs = { month: [], year: [] };
    const capped: Runs = { month: [], year: [] };
    for (let r = 0; r < rounds; r++) {
      exportRuns.month.push(await exportList1(db, MONTH));
      exportRuns.year.push(await exportList1(db, PERIOD));
      capped.month.push(await exportList1Capped(url, MONTH));
      capped.year.push(await exportList1Capped(url, PERIOD));
      const line = (runs: Runs, k: 'month' | 'year') =>
        `${runs[k][r].rows} rows in ${runs[k][r].ms.toFixed(0)} ms, peak RSS +${runs[k][r].rssGrowthMiB.toFixed(1)} MiB`;
      say(
        `round ${r + 1}: list 1, a month: ${line(exportRuns, 'month')} (capped heap: ${line(capped, 'month')}); ` +
          `the year: ${line(exportRuns, 'year')} (capped heap: ${line(capped, 'year')})`,
      );
    }
    const exportRow = (what: string, k: 'month' | 'year') => {
      const runs = exportRuns[k];
      return `| ${what} | ${runs[0].rows.toLocaleString('en-GB')} | ${(runs[0].bytes / 2 ** 20).toFixed(1)} | ${cell(
        runs.map((x) => x.ms),
        0,
      )} | ${cell(
        runs.map((x) => x.rows / x.ms),
        0,
      )} | ${cell(runs.map((x) => x.rssGrowthMiB))} | ${cell(
        capped[k].map((x) => x.ms),
        0,
      )} | ${cell(capped[k].map((x) => x.rssGrowthMiB))} |`;
    };

    const [{ inPeriod }] = (await db.dataSource.query(
      `SELECT count(*)::int AS "inPeriod" FROM contacts WHERE received_at >= $1 AND received_at < $2`,
      [localMidnight(PERIOD.from), localMidnight(addDays(PERIOD.to, 1))],
    )) as { inPeriod: number }[];
    const sizes = (await db.dataSource.query(
      `SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
              pg_size_pretty(pg_relation_size(c.oid)) AS heap
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname IN ('contacts', 'contact_children')`,
      [SCHEMA],
    )) as { name: string; total: string; heap: string }[];
    const indexes = (await db.dataSource.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'contacts'
        ORDER BY indexname`,
      [SCHEMA],
    )) as { indexname: string; indexdef: string }[];
    await server.apollo.stop();

    const body = [
      `Machine: ${machine()}. PostgreSQL at ${new URL(url).host}. ${new Date().toISOString().slice(0, 10)}. Load average (1 minute) at the start ${loadAtStart.toFixed(1)}, at the end ${os.loadavg()[0].toFixed(1)}${Math.max(loadAtStart, os.loadavg()[0]) > os.cpus().length ? `: above the ${os.cpus().length} cores, other work shared them and every figure reads slower` : ''}.`,
      `Data: ${contacts.toLocaleString('en-GB')} contacts received ${FIRST_DAY} to ${LAST_DAY}, one child each (${CHILDREN.toLocaleString('en-GB')} children); ${inPeriod.toLocaleString('en-GB')} of them in the period ${PERIOD.from} to ${PERIOD.to}. ${sizes.map((s) => `\`${s.name}\` ${s.total} with its indexes (${s.heap} of rows)`).join('; ')}.`,
      `Each figure: the median over ${rounds} rounds of each round's p50 of ${requests} requests, with the range of the rounds; the two alternate in every round.`,
      '',
      '| what | p50 ms |',
      '| --- | --- |',
      `| \`decisionTimeliness\`, 12 months grouped by month and RAG (${rows} rows), one SQL statement, in-process through socialcare's GraphQL server | ${cell(p50s.timeliness)} |`,
      `| floor: \`count(*)\` of the same period's contacts | ${cell(p50s.floor)} |`,
      '',
      `Ofsted Annex A list 1 (contacts, a row per child, pseudonymised child ids) written to a file: read in keyset batches of ${DEFAULT_BATCH_SIZE.toLocaleString('en-GB')} rows in one read-only transaction and streamed through csv-stringify. Peak RSS growth: the highest resident set size sampled every ${RSS_SAMPLE_MS} ms while the export ran, less the size just before it (after a full garbage collection). Measured in the benchmark's process (V8's default heap, limit ${Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20).toLocaleString('en-GB')} MiB here) and again in a child process with \`--max-old-space-size=${HEAP_CAP_MIB}\`, one month's export first to warm it up. Each figure: the median over ${rounds} rounds with their range; the month and the year alternate in every round, after one of each to warm up.`,
      '',
      `| list 1 export | rows | file MiB | ms | rows/ms | peak RSS growth MiB | ms, heap capped at ${HEAP_CAP_MIB} MiB | peak RSS growth MiB, heap capped |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      exportRow(`the same 12 months, ${PERIOD.from} to ${PERIOD.to}`, 'year'),
      exportRow(`one month, ${MONTH.from} to ${MONTH.to}`, 'month'),
      '',
      'Indexes on `contacts`:',
      '',
      ...indexes.map((i) => `- \`${i.indexdef.replace(/ ON \w+\./, ' ON ')}\``),
    ];
    say('');
    body.forEach((line) => say(line));
    say(
      `\nwrote ${writeBenchmarkSection('## Decision timeliness over 1,000,000 contacts (`npm run bench:analytics`)', body)}`,
    );
  } finally {
    await db.close();
  }
}

if (process.argv.includes('--export-child')) runBenchmark('bench:analytics export', exportChild);
else runBenchmark('bench:analytics', main);
