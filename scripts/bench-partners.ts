// What federation costs the two reads partner checks are made of: one child with its household
// (each agency's section and chronology, each household adult checked by police and health), and a
// page of 50 children with each agency's summary. Each is sent through the gateway and, beside it
// in the same run, as the same subgraph calls made directly (socialcare first, then the three
// partners in parallel, then socialcare again for the merged chronology), alternating. The page is
// the MASH queue's children (each on an open contact: break-glass opens no page). Also counts
// each subgraph's SQL statements for pages of 1, 10 and 50. Prints a table and writes it to
// BENCHMARKS.md with the machine it ran on.
//
//   npm run bench:partners                                  a throwaway embedded PostgreSQL, scale 0.1
//   npm run bench:partners -- --postgres postgres://postgres@127.0.0.1:5432/bench --scale 1
//   npm run bench:partners -- --rounds 5 --requests 50
import { SUBGRAPH_NAMES } from '../shared/config';
import { pickDemoChildren } from '../seed/seed';
import {
  arg,
  BREAK_GLASS,
  cell,
  CHILD_VIEW,
  createBenchBed,
  DEMO_USERS,
  direct,
  machine,
  PAGE,
  runBenchmark,
  say,
  stats,
  timedPost,
  writeBenchmarkSection,
} from './bench-support';

async function main(): Promise<void> {
  const requests = Number(arg('requests', '50'));
  const roundCount = Number(arg('rounds', '5'));
  const scale = Number(arg('scale', '0.1'));
  const postgres = arg('postgres', '');

  const bed = await createBenchBed({ scale, postgres, prefix: 'bench_partners' });
  const childId = pickDemoChildren(bed.world).withOpenContact;
  if (!childId) throw new Error('no demo child with an open contact at this scale');
  const token = await bed.userToken(DEMO_USERS['sc-practitioner']);
  const { gateway, subgraphs } = await bed.federation();
  const viaGateway = async (kind: 'child' | 'page', variables: Record<string, unknown>) =>
    (
      await timedPost(
        gateway,
        token,
        kind === 'child' ? CHILD_VIEW : PAGE,
        variables,
        `gateway ${kind}`,
        kind === 'child'
          ? { 'x-break-glass-reason': BREAK_GLASS, 'x-break-glass-child': childId }
          : {},
      )
    ).ms;

  const childVars = { id: childId };
  const pageVars = { first: 50 };
  for (let i = 0; i < 10; i++) {
    await viaGateway('child', childVars);
    await direct(bed, subgraphs, 'child', childVars);
    await viaGateway('page', pageVars);
    await direct(bed, subgraphs, 'page', pageVars);
  }

  // SQL statements per subgraph (audit writes excluded) for pages of 1, 10 and 50.
  const statementRows: string[] = [];
  for (const first of [1, 10, 50]) {
    SUBGRAPH_NAMES.forEach((n) => bed.statements[n].reset());
    await viaGateway('page', { first });
    const counts = SUBGRAPH_NAMES.map(
      (n) => bed.statements[n].statements.filter((s) => !/audit/i.test(s)).length,
    );
    statementRows.push(`| page of ${first} | ${counts.join(' | ')} |`);
  }
  SUBGRAPH_NAMES.forEach((n) => bed.statements[n].reset());
  await viaGateway('child', childVars);
  statementRows.unshift(
    `| one child with household | ${SUBGRAPH_NAMES.map((n) => bed.statements[n].statements.filter((s) => !/audit/i.test(s)).length).join(' | ')} |`,
  );

  const rounds: Record<string, number[]>[] = [];
  for (let r = 0; r < roundCount; r++) {
    const round: Record<string, number[]> = {
      gatewayChild: [],
      directChild: [],
      gatewayPage: [],
      directPage: [],
    };
    for (let i = 0; i < requests; i++) {
      const pairs: [string, () => Promise<number>][] = [
        ['gatewayChild', () => viaGateway('child', childVars)],
        ['directChild', () => direct(bed, subgraphs, 'child', childVars)],
        ['gatewayPage', () => viaGateway('page', pageVars)],
        ['directPage', () => direct(bed, subgraphs, 'page', pageVars)],
      ];
      // Alternate which goes first, so neither always runs on a warmer machine.
      const order = i % 2 === 0 ? pairs : [pairs[1], pairs[0], pairs[3], pairs[2]];
      for (const [key, run] of order) round[key].push(await run());
    }
    rounds.push(round);
  }

  const quantiles = ['p50', 'p95', 'p99'] as const;
  const per = rounds.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, stats(v)])),
  );
  const row = (label: string, key: string) =>
    `| ${label} | ${quantiles.map((q) => cell(per.map((p) => p[key][q]))).join(' | ')} |`;
  const ratio = (label: string, a: string, b: string) =>
    `| ${label} | ${quantiles
      .map((q) =>
        cell(
          per.map((p) => p[a][q] / p[b][q]),
          2,
        ),
      )
      .join(' | ')} |`;
  const lines = [
    '| read | p50 ms | p95 ms | p99 ms |',
    '|---|---:|---:|---:|',
    row('one child with household, direct subgraph calls (baseline)', 'directChild'),
    row('one child with household, through the gateway', 'gatewayChild'),
    ratio('ratio gateway / direct', 'gatewayChild', 'directChild'),
    row('page of 50 with summaries, direct subgraph calls (baseline)', 'directPage'),
    row('page of 50 with summaries, through the gateway', 'gatewayPage'),
    ratio('ratio gateway / direct', 'gatewayPage', 'directPage'),
    '',
    `| SQL statements per subgraph (audit writes excluded) | ${SUBGRAPH_NAMES.join(' | ')} |`,
    `|---|${SUBGRAPH_NAMES.map(() => '---:').join('|')}|`,
    ...statementRows,
  ];
  say('');
  for (const line of lines) say(line);
  const counts = bed.world;
  const file = writeBenchmarkSection(
    `## Partner checks: gateway beside direct calls (${bed.engine})`,
    [
      `Run ${new Date().toISOString().slice(0, 10)} by \`npm run bench:partners${postgres ? ' -- --postgres <url>' : ''}${scale !== 0.1 ? ` --scale ${scale}` : ''}\`: ${roundCount} rounds of ${requests} of each read, one at a time, alternating gateway and direct, after 10 warm-ups; audit on. Data: scale ${scale}, ${counts.socialcare.children.length} children, ${counts.police.persons.length} police persons, ${counts.health.patients.length} patients, ${counts.education.pupils.length} pupils. The child view asks for the household, each adult's police and health sections, each agency's section and the merged chronology; the page of 50 (the children of the MASH queue's first 50 contacts, each on an open contact) asks for each agency's summary. Each cell: the median of the rounds' figures (range in brackets).`,
      `Machine: ${machine()}.`,
      '',
      ...lines,
    ],
  );
  say(`written to ${file}`);
  await bed.close();
}

runBenchmark('bench:partners', main);
