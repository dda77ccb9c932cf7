// Decision timeliness over 1,000,000 generated contacts on the real PostgreSQL: the headline table
// for a 12-month period grouped by month and RAG, answered by socialcare's `decisionTimeliness`
// (one SQL statement), and re-contact after step-down for the same 12 months by month
// (`reContactAfterStepDown`, issue 20's bar: under 300 ms), beside the floor in the same run:
// counting the same period's contacts, the least any answer must read. Each with its CPU time
// (this process's and the database backends'). Prints a table and writes it to BENCHMARKS.md with
// the data size, the indexes, the machine and its load.
//
//   npm run bench:analytics -- --postgres postgres://postgres@127.0.0.1:5432/postgres
//   npm run bench:analytics -- --postgres URL --contacts 1000000 --rounds 5 --requests 20
//
// The contacts are generated in SQL (4 years up to 2026-11-20, one child each: a quarter of them
// about the child of an earlier contact, up to a year before) with their decisions (10% step
// down to early help, each opening an episode), and referrals, into the schema `bench_analytics`
// of that database, kept between runs; --rebuild makes it anew.
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
/** The share of contacts about the child of an earlier contact (up to a year before). */
const RETURN_SHARE = 0.25;
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

/** Re-contact after step-down for the same 12 months, by month of the step-down decision. */
const RE_CONTACT_QUERY = `query ($from: Date!, $to: Date!) {
  reContactAfterStepDown(from: $from, to: $to, groupBy: [MONTH]) {
    month steppedDown windowElapsed3Months reContacted3Months reContactReferred3Months
    windowElapsed6Months reContacted6Months reContactReferred6Months
    windowElapsed12Months reContacted12Months reContactReferred12Months steppedUp12Months
    percentReContacted12Months
  }
}`;

/** The same, ungrouped: what the generated data looks like. */
const RE_CONTACT_TOTAL_QUERY = RE_CONTACT_QUERY.replace(', groupBy: [MONTH]', '').replace(
  'month ',
  '',
);

/** The families' responses to the period's step-downs, to show what the data holds. */
const OUTCOMES_QUERY = `query ($from: Date!, $to: Date!) {
  stepDownOutcomes(from: $from, to: $to) {
    steppedDown accepted declined noResponse awaitingResponse withoutEpisode
  }
}`;

/** The 12 months before PERIOD: every step-down's 12-month window has elapsed by AS_OF. */
const YEAR_BEFORE = { from: '2024-11-01', to: '2025-10-31' };

/**
 * The CPU time used so far, in ms, by this process and by the database's client backends serving
 * this benchmark (read from /proc: the server must run on this machine; elsewhere only this
 * process's is counted).
 */
async function cpuMs(db: Database): Promise<number> {
  const { user, system } = process.cpuUsage();
  const backends = (await db.dataSource.query(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend'`,
  )) as { pid: number }[];
  let ticks = 0;
  for (const { pid } of backends) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 10 ms.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not on this machine, or gone.
    }
  }
  return (user + system) / 1000 + ticks * 10;
}

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
  // Which child each contact is about: most are about a child new to the MASH; RETURN_SHARE come
  // back about the child of an earlier contact, up to a year before, nearer ones likelier (the
  // square of a uniform number). So about a fifth of children are contacted again within a year,
  // as councils see, instead of every child many times a year.
  await q(
    `CREATE TEMP TABLE child_of_contact AS
     SELECT g, CASE WHEN h5 < $3 AND g - k >= 1 THEN g - k ELSE g END AS child
       FROM generate_series(1, $1::int) AS g
      CROSS JOIN LATERAL (SELECT
              ('x' || substr(md5(g::text || 'child'), 1, 8))::bit(32)::bigint / 4294967296.0 AS h5,
              ('x' || substr(md5(g::text || 'child'), 9, 8))::bit(32)::bigint / 4294967296.0 AS h6) AS h
      CROSS JOIN LATERAL (SELECT 1 + floor(h6 * h6 * $2::float8)::int AS k) AS back`,
    [contacts, (contacts / days.length) * 365, RETURN_SHARE],
  );
  await q(`CREATE UNIQUE INDEX ON child_of_contact (g)`);
  await q(
    `INSERT INTO children (id, given_name, family_name, date_of_birth, sex, created_at)
     SELECT 'BC' || lpad(child::text, 7, '0'), 'Bench', 'Child ' || child,
            date '2008-01-01' + (child % 6000), 'UNKNOWN', $1
       FROM (SELECT DISTINCT child FROM child_of_contact) AS c`,
    [AS_OF],
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
  // The decision follows the RAG rating; of the GREEN ones (45%), 2 in 9 step down to early help
  // (10% of decisions), the rest are advice and signposting.
  await q(
    `INSERT INTO contact_children (contact_id, child_id, decided_at, level, outcome)
     SELECT c.id, 'BC' || lpad(cc.child::text, 7, '0'), c.closed_at,
            CASE WHEN c.closed_at IS NULL THEN NULL
                 WHEN c.rag = 'RED' THEN 4 WHEN c.rag = 'AMBER' THEN 3 WHEN c.rag = 'GREEN' THEN 2
                 ELSE 1 END,
            CASE WHEN c.closed_at IS NULL THEN NULL
                 WHEN c.rag = 'RED' THEN 'STRATEGY_DISCUSSION'
                 WHEN c.rag = 'AMBER' THEN 'ASSESSMENT_REQUIRED'
                 WHEN c.rag = 'GREEN' AND ('x' || substr(md5(c.id), 1, 8))::bit(32)::bigint
                                          / 4294967296.0 < 2.0 / 9 THEN 'STEP_DOWN_TO_EARLY_HELP'
                 WHEN c.rag = 'GREEN' THEN 'ADVICE_AND_SIGNPOST'
                 ELSE 'NO_FURTHER_ACTION' END
       FROM contacts c
       JOIN child_of_contact cc ON cc.g = substr(c.id, 3)::int`,
  );
  // A referral for every decision that makes one (assessment required, strategy discussion).
  await q(
    `INSERT INTO referrals (id, contact_id, child_id, created_at, completed_at)
     SELECT 'BR' || substr(contact_id, 3), contact_id, child_id, decided_at,
            CASE WHEN decided_at + interval '1 day' <= $1 THEN decided_at + interval '1 day' END
       FROM contact_children
      WHERE outcome IN ('ASSESSMENT_REQUIRED', 'STRATEGY_DISCUSSION')`,
    [AS_OF],
  );
  // Statistics for the planner, so the episodes' look-up of each child's next contact goes by the
  // child's index rather than through every contact.
  await q(`ANALYZE contacts`);
  await q(`ANALYZE contact_children`);
  // An early help episode for every step-down, offered to one of the registered providers: 65%
  // accept and 15% decline within a fortnight, 20% never answer; an accepted family's assessment
  // starts within four weeks. A third of the children who come back within a year come back
  // through a step-up from their episode (the next contact about them).
  await q(
    `INSERT INTO early_help_episodes (id, contact_id, child_id, stepped_down_at, provider_id,
       offered_at, family_response, responded_on, assessment_started_on, closed_on,
       closure_reason, step_up_contact_id, created_at)
     SELECT 'BE' || substr(s.contact_id, 3), s.contact_id, s.child_id, s.decided_at,
            (ARRAY['eh-north','eh-south','eh-central','family-hub-west','school-inclusion',
                   'health-visiting-eh','parenting-plus'])[1 + floor(h.a * 7)::int],
            s.decided_at,
            CASE WHEN h.b < 0.65 THEN 'ACCEPTED' WHEN h.b < 0.8 THEN 'DECLINED' END,
            CASE WHEN h.b < 0.8 THEN s.day + floor(h.c * 14)::int END,
            CASE WHEN h.b < 0.65 THEN s.day + floor(h.c * 14)::int + floor(h.a * 14)::int END,
            CASE WHEN up.id IS NOT NULL THEN (up.received_at AT TIME ZONE 'Europe/London')::date END,
            CASE WHEN up.id IS NOT NULL THEN 'STEPPED_UP' END,
            up.id, s.decided_at
       FROM (SELECT contact_id, child_id, decided_at,
                    (decided_at AT TIME ZONE 'Europe/London')::date AS day
               FROM contact_children WHERE outcome = 'STEP_DOWN_TO_EARLY_HELP') AS s
      CROSS JOIN LATERAL (SELECT
              ('x' || substr(md5(s.contact_id || 'eh'), 1, 8))::bit(32)::bigint / 4294967296.0 AS a,
              ('x' || substr(md5(s.contact_id || 'eh'), 9, 8))::bit(32)::bigint / 4294967296.0 AS b,
              ('x' || substr(md5(s.contact_id || 'eh'), 17, 8))::bit(32)::bigint / 4294967296.0 AS c,
              ('x' || substr(md5(s.contact_id || 'eh'), 25, 8))::bit(32)::bigint / 4294967296.0 AS d) AS h
       LEFT JOIN LATERAL (
              SELECT c2.id, c2.received_at
                FROM contact_children l JOIN contacts c2 ON c2.id = l.contact_id
               WHERE l.child_id = s.child_id AND c2.received_at > s.decided_at
                 AND c2.received_at < s.decided_at + interval '12 months' AND h.d < 1.0 / 3
               ORDER BY c2.received_at LIMIT 1) AS up ON true`,
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
    const [{ episodes }] = (await db.dataSource.query(
      `SELECT count(*)::int AS episodes FROM early_help_episodes`,
    )) as { episodes: number }[];
    // Data built before step-downs were generated has no episodes: built anew.
    if (process.argv.includes('--rebuild') || n !== contacts || episodes === 0) {
      await db.dataSource.query(
        `TRUNCATE decision_views, contact_submissions, partner_checks, contact_ratings,
                  early_help_episodes, referrals, contact_children, contacts, children CASCADE`,
      );
      await build(db, contacts);
    }
    // As autovacuum would leave a table at rest: statistics current, pages marked all-visible
    // (what lets a scan answer from an index alone).
    await db.dataSource.query(`VACUUM ANALYZE contacts`);
    await db.dataSource.query(`VACUUM ANALYZE contact_children`);
    await db.dataSource.query(`VACUUM ANALYZE referrals`);
    await db.dataSource.query(`VACUUM ANALYZE early_help_episodes`);
    const server = createServer({
      dataSource: db.dataSource,
      verifyToken: () => Promise.reject(new Error('in-process only')),
      verifyGrant: trustNoGrant,
      production: true,
    });
    await server.apollo.start();
    /** One request of `query` as an analyst, timed; its answer's `field` rows. */
    const ask = async (query: string, variables: Record<string, string>, field: string) => {
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
      const res = await server.apollo.executeOperation({ query, variables }, { contextValue });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.body.kind !== 'single' || res.body.singleResult.errors) {
        throw new Error(JSON.stringify(res.body.kind === 'single' ? res.body.singleResult : res));
      }
      return { ms, rows: res.body.singleResult.data?.[field] as Record<string, unknown>[] };
    };
    const timeliness = () => ask(QUERY, PERIOD, 'decisionTimeliness');
    const reContact = () => ask(RE_CONTACT_QUERY, PERIOD, 'reContactAfterStepDown');
    const floor = async () => {
      const started = process.hrtime.bigint();
      await db.dataSource.query(
        `SELECT count(*) FROM contacts WHERE received_at >= $1 AND received_at < $2`,
        [localMidnight(PERIOD.from), localMidnight(addDays(PERIOD.to, 1))],
      );
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // Warm the caches and the plan once, then alternate the three in every round. Beside each
    // request's wall time, the CPU it cost: this process's and the database backends' (their
    // parallel workers, which exit at the end of each statement, are not counted).
    await timeliness();
    await reContact();
    await floor();
    type Series = 'timeliness' | 'reContact' | 'floor';
    const p50s: Record<Series, number[]> = { timeliness: [], reContact: [], floor: [] };
    const cpu: Record<Series, number[]> = { timeliness: [], reContact: [], floor: [] };
    let rows = 0;
    let reContactRows = 0;
    for (let r = 0; r < rounds; r++) {
      const wall: Record<Series, number[]> = { timeliness: [], reContact: [], floor: [] };
      const used: Record<Series, number> = { timeliness: 0, reContact: 0, floor: 0 };
      const measure = async (series: Series, run: () => Promise<number>) => {
        const before = await cpuMs(db);
        wall[series].push(await run());
        used[series] += (await cpuMs(db)) - before;
      };
      for (let i = 0; i < requests; i++) {
        await measure('timeliness', async () => {
          const answer = await timeliness();
          rows = answer.rows.length;
          return answer.ms;
        });
        await measure('reContact', async () => {
          const answer = await reContact();
          reContactRows = answer.rows.length;
          return answer.ms;
        });
        await measure('floor', floor);
      }
      for (const series of Object.keys(p50s) as Series[]) {
        p50s[series].push(stats(wall[series]).p50);
        cpu[series].push(used[series] / requests);
      }
      say(
        `round ${r + 1}: timeliness p50 ${stats(wall.timeliness).p50.toFixed(1)} ms (${(used.timeliness / requests).toFixed(1)} CPU-ms), ` +
          `re-contact p50 ${stats(wall.reContact).p50.toFixed(1)} ms (${(used.reContact / requests).toFixed(1)} CPU-ms), ` +
          `floor p50 ${stats(wall.floor).p50.toFixed(1)} ms`,
      );
    }
    // What the generated data looks like through the measures: the year before the period,
    // whose 12-month windows have all elapsed.
    const [yearBefore] = (await ask(RE_CONTACT_TOTAL_QUERY, YEAR_BEFORE, 'reContactAfterStepDown'))
      .rows;
    const [outcomes] = (await ask(OUTCOMES_QUERY, PERIOD, 'stepDownOutcomes')).rows;
    const [{ decisions, steppedDown }] = (await db.dataSource.query(
      `SELECT count(*)::int AS decisions,
              (count(*) FILTER (WHERE outcome = 'STEP_DOWN_TO_EARLY_HELP'))::int AS "steppedDown"
         FROM contact_children WHERE decided_at >= $1 AND decided_at < $2`,
      [localMidnight(YEAR_BEFORE.from), localMidnight(addDays(YEAR_BEFORE.to, 1))],
    )) as { decisions: number; steppedDown: number }[];
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
        WHERE n.nspname = $1
          AND c.relname IN ('contacts', 'contact_children', 'referrals', 'early_help_episodes')`,
      [SCHEMA],
    )) as { name: string; total: string; heap: string }[];
    const indexes = (await db.dataSource.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = $1 AND tablename IN ('contacts', 'contact_children')
        ORDER BY tablename DESC, indexname`,
      [SCHEMA],
    )) as { tablename: string; indexname: string; indexdef: string }[];
    const [{ children }] = (await db.dataSource.query(
      `SELECT count(*)::int AS children FROM children`,
    )) as { children: number }[];
    const pct = (part: unknown, whole: unknown) =>
      `${((100 * Number(part)) / Number(whole)).toFixed(1)}%`;
    await server.apollo.stop();

    const body = [
      `Machine: ${machine()}. PostgreSQL at ${new URL(url).host}. ${new Date().toISOString().slice(0, 10)}. Load average (1 minute) at the start ${loadAtStart.toFixed(1)}, at the end ${os.loadavg()[0].toFixed(1)}${Math.max(loadAtStart, os.loadavg()[0]) > os.cpus().length ? `: above the ${os.cpus().length} cores, other work shared them and every figure reads slower` : ''}.`,
      `Data: ${contacts.toLocaleString('en-GB')} contacts received ${FIRST_DAY} to ${LAST_DAY}, one child each (${children.toLocaleString('en-GB')} children: ${RETURN_SHARE * 100}% of contacts are about the child of a contact up to a year before); ${inPeriod.toLocaleString('en-GB')} of them in the period ${PERIOD.from} to ${PERIOD.to}. ${sizes.map((s) => `\`${s.name}\` ${s.total} with its indexes (${s.heap} of rows)`).join('; ')}.`,
      `Decisions: by the RAG rating, 10% step down to early help (${pct(steppedDown, decisions)} of the ${decisions.toLocaleString('en-GB')} decisions of ${YEAR_BEFORE.from} to ${YEAR_BEFORE.to}), a referral for each assessment required or strategy discussion, an early help episode for each step-down. Of that year's ${Number(yearBefore.steppedDown).toLocaleString('en-GB')} step-downs, ${pct(yearBefore.reContacted3Months, yearBefore.windowElapsed3Months)} came back within 3 months, ${pct(yearBefore.reContacted6Months, yearBefore.windowElapsed6Months)} within 6 and ${pct(yearBefore.reContacted12Months, yearBefore.windowElapsed12Months)} within 12 (${pct(yearBefore.reContactReferred12Months, yearBefore.reContacted12Months)} of those with a referral, ${pct(yearBefore.steppedUp12Months, yearBefore.reContacted12Months)} through a step-up). The period's ${Number(outcomes.steppedDown).toLocaleString('en-GB')} step-downs: ${Number(outcomes.accepted).toLocaleString('en-GB')} accepted, ${Number(outcomes.declined).toLocaleString('en-GB')} declined, ${Number(outcomes.noResponse).toLocaleString('en-GB')} no response within 10 working days, ${Number(outcomes.awaitingResponse).toLocaleString('en-GB')} awaiting.`,
      `Each figure: the median over ${rounds} rounds of each round's p50 of ${requests} requests, with the range of the rounds; the three alternate in every round. CPU-ms: the CPU time per request of this process and of the database's client backends (from /proc; parallel workers not counted), the mean over each round, median and range of the rounds.`,
      '',
      '| what | p50 ms | CPU-ms |',
      '| --- | --- | --- |',
      `| \`decisionTimeliness\`, 12 months grouped by month and RAG (${rows} rows), one SQL statement, in-process through socialcare's GraphQL server | ${cell(p50s.timeliness)} | ${cell(cpu.timeliness)} |`,
      `| \`reContactAfterStepDown\`, the same 12 months grouped by month (${reContactRows} rows), one SQL statement, in-process as above | ${cell(p50s.reContact)} | ${cell(cpu.reContact)} |`,
      `| floor: \`count(*)\` of the same period's contacts | ${cell(p50s.floor)} | ${cell(cpu.floor)} |`,
      '',
      `Ofsted Annex A list 1 (contacts, a row per child, pseudonymised child ids) written to a file: read in keyset batches of ${DEFAULT_BATCH_SIZE.toLocaleString('en-GB')} rows in one read-only transaction and streamed through csv-stringify. Peak RSS growth: the highest resident set size sampled every ${RSS_SAMPLE_MS} ms while the export ran, less the size just before it (after a full garbage collection). Measured in the benchmark's process (V8's default heap, limit ${Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20).toLocaleString('en-GB')} MiB here) and again in a child process with \`--max-old-space-size=${HEAP_CAP_MIB}\`, one month's export first to warm it up. Each figure: the median over ${rounds} rounds with their range; the month and the year alternate in every round, after one of each to warm up.`,
      '',
      `| list 1 export | rows | file MiB | ms | rows/ms | peak RSS growth MiB | ms, heap capped at ${HEAP_CAP_MIB} MiB | peak RSS growth MiB, heap capped |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      exportRow(`the same 12 months, ${PERIOD.from} to ${PERIOD.to}`, 'year'),
      exportRow(`one month, ${MONTH.from} to ${MONTH.to}`, 'month'),
      '',
      'Indexes on `contacts` and `contact_children`:',
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
