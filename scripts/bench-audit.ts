// What recording every disclosure costs a read. Runs the whole federation in-process twice over
// the same databases (one set of subgraph servers auditing, one not, each behind its own gateway)
// and sends the same child view through both, alternating, so both see the same machine state.
// Prints a table and writes it to BENCHMARKS.md with the machine it ran on.
//
//   npm run bench:audit                                   a throwaway embedded PostgreSQL
//   npm run bench:audit -- --postgres postgres://postgres@127.0.0.1:5432/bench
//   npm run bench:audit -- --rounds 5 --requests 100 --scale 0.05
import { SUBGRAPH_NAMES } from '../shared/config';
import { pickDemoChildren } from '../seed/seed';
import {
  arg,
  cell,
  createBenchBed,
  DEMO_USERS,
  machine,
  runBenchmark,
  say,
  stats,
  timedPost,
  writeBenchmarkSection,
} from './bench-support';

const CHILD_VIEW = `query ($id: ID!) {
  child(id: $id) {
    id givenName familyName dateOfBirth
    household { postcode adults { givenName familyName } }
    contacts { id receivedAt }
    police { match { level } summary occurrences { id category } intelligence { handlingCode content } }
    health { match { level } summary attendances { arrivedAt presentingReason } }
    education { match { level } summary currentSchool { name } }
  }
}`;

async function main(): Promise<void> {
  const requests = Number(arg('requests', '100'));
  const roundCount = Number(arg('rounds', '5'));
  const scale = Number(arg('scale', '0.05'));
  const postgres = arg('postgres', '');

  const bed = await createBenchBed({ scale, postgres, prefix: 'bench_audit' });
  const childId = pickDemoChildren(bed.world).withOpenContact;
  if (!childId) throw new Error('no demo child with an open contact at this scale');
  const token = await bed.userToken(DEMO_USERS['sc-practitioner']);
  const audited = (await bed.federation({ recordAudit: true })).gateway;
  const unaudited = (await bed.federation({ recordAudit: false })).gateway;
  const ask = async (url: string) =>
    (await timedPost(url, token, CHILD_VIEW, { id: childId }, 'child view')).ms;

  // Warm both (plans cached, connections open), then alternate which goes first.
  for (let i = 0; i < 20; i++) await Promise.all([ask(audited), ask(unaudited)]);
  const auditRows = async () =>
    Promise.all(
      SUBGRAPH_NAMES.map(async (n) =>
        Number(
          (await bed.databases[n].dataSource.query('SELECT count(*)::int AS n FROM audit_log'))[0]
            .n,
        ),
      ),
    );
  const rowsBefore = await auditRows();
  // Several rounds: each figure below is the median of the rounds' figures, with their range.
  const rounds: { with: number[]; without: number[] }[] = [];
  for (let r = 0; r < roundCount; r++) {
    const round = { with: [] as number[], without: [] as number[] };
    for (let i = 0; i < requests; i++) {
      if (i % 2 === 0) {
        round.with.push(await ask(audited));
        round.without.push(await ask(unaudited));
      } else {
        round.without.push(await ask(unaudited));
        round.with.push(await ask(audited));
      }
    }
    rounds.push(round);
  }
  const rowsAfter = await auditRows();
  const rowsPerView =
    rowsAfter.reduce((s, n, i) => s + n - rowsBefore[i], 0) / (requests * roundCount);

  const per = rounds.map((r) => ({ a: stats(r.with), b: stats(r.without) }));
  const quantiles = ['p50', 'p95', 'p99'] as const;
  const row = (label: string, pick: (p: (typeof per)[number]) => ReturnType<typeof stats>) =>
    `| ${label} | ${quantiles.map((q) => cell(per.map((p) => pick(p)[q]))).join(' | ')} |`;
  const lines = [
    `| child view through the gateway | p50 ms | p95 ms | p99 ms |`,
    `|---|---:|---:|---:|`,
    row('without audit (baseline)', (p) => p.b),
    row('with audit', (p) => p.a),
    `| ratio with / without | ${quantiles
      .map((q) =>
        cell(
          per.map((p) => p.a[q] / p.b[q]),
          2,
        ),
      )
      .join(' | ')} |`,
  ];
  say('');
  for (const line of lines) say(line);
  say(`audit rows written per child view: ${rowsPerView.toFixed(1)} (across the four agencies)`);

  const file = writeBenchmarkSection(`## Audit cost on the child view (${bed.engine})`, [
    `Run ${new Date().toISOString().slice(0, 10)} by \`npm run bench:audit${postgres ? ' -- --postgres <url>' : ''}\`: ${roundCount} rounds of ${requests} child views each way, one at a time, alternating, after 20 warm-up pairs; scale ${scale}; the same databases behind both; ${rowsPerView.toFixed(1)} audit rows per view. Each cell: the median of the rounds' figures (range in brackets).`,
    `Machine: ${machine()}.`,
    '',
    ...lines,
  ]);
  say(`written to ${file}`);
  await bed.close();
}

runBenchmark('bench:audit', main);
