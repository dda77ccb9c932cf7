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
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { AuditRecorder } from '../shared/audit';
import { decisionDueOneWorkingDay } from '../shared/clocks';
import { createDatabase, type Database } from '../shared/database';
import { DEMO_USERS } from '../shared/dev-issuer';
import { addDays, localMidnight } from '../shared/time';
import { SCHEMAS } from '../seed/seed';
import { createContext } from '../subgraphs/socialcare/context';
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

const SCHEMA = 'bench_analytics';
const FIRST_DAY = '2022-11-21';
const LAST_DAY = '2026-11-20';
const AS_OF = new Date('2026-11-20T18:00:00Z');
const PERIOD = { from: '2025-11-01', to: '2026-10-31' };
const CHILDREN = 50_000;

const QUERY = `query ($from: Date!, $to: Date!) {
  decisionTimeliness(from: $from, to: $to, groupBy: [MONTH, RAG]) {
    month rag received decided decidedWithin24Hours decidedWithinOneWorkingDay
    percentWithin24Hours percentWithinOneWorkingDay medianHoursToDecision p90HoursToDecision
    stillOpen openOverdue
  }
}`;

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
      production: true,
    });
    await server.apollo.start();
    const ask = async () => {
      const contextValue = createContext(db.dataSource, {
        now: AS_OF,
        principal: {
          user: DEMO_USERS.analyst,
          requestId: randomUUID(),
          purpose: null,
          breakGlassReason: null,
        },
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
      `Machine: ${machine()}. PostgreSQL at ${new URL(url).host}. ${new Date().toISOString().slice(0, 10)}.`,
      `Data: ${contacts.toLocaleString('en-GB')} contacts received ${FIRST_DAY} to ${LAST_DAY}, one child each (${CHILDREN.toLocaleString('en-GB')} children); ${inPeriod.toLocaleString('en-GB')} of them in the period ${PERIOD.from} to ${PERIOD.to}. ${sizes.map((s) => `\`${s.name}\` ${s.total} with its indexes (${s.heap} of rows)`).join('; ')}.`,
      `Each figure: the median over ${rounds} rounds of each round's p50 of ${requests} requests, with the range of the rounds; the two alternate in every round.`,
      '',
      '| what | p50 ms |',
      '| --- | --- |',
      `| \`decisionTimeliness\`, 12 months grouped by month and RAG (${rows} rows), one SQL statement, in-process through socialcare's GraphQL server | ${cell(p50s.timeliness)} |`,
      `| floor: \`count(*)\` of the same period's contacts | ${cell(p50s.floor)} |`,
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

runBenchmark('bench:analytics', main);
