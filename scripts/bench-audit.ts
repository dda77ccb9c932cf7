// What recording every disclosure costs a read. Runs the whole federation in-process twice over
// the same databases (one set of subgraph servers auditing, one not, each behind its own gateway)
// and sends the same child view through both, alternating, so both see the same machine state.
// Prints a table and writes it to BENCHMARKS.md with the machine it ran on.
//
//   npm run bench:audit                                   embedded PGlite
//   npm run bench:audit -- --postgres postgres://postgres@127.0.0.1:5432/bench
//   npm run bench:audit -- --rounds 5 --requests 100 --scale 0.05
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet } from 'jose';
import { createGateway } from '../gateway/gateway';
import { composeSupergraph } from '../gateway/supergraph';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  createUserTokenVerifier,
} from '../shared/auth';
import { DEV_AUDIENCE, DEV_ISSUER, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { createDatabase, dropSchema, type Database } from '../shared/database';
import { DEMO_USERS, signUserToken } from '../shared/dev-issuer';
import { listen, type RunningServer } from '../shared/http';
import { generateJwkPair, importSigningKey } from '../shared/keys';
import type { SubgraphDeps, SubgraphServer } from '../shared/subgraph';
import { generateWorld } from '../seed/generate';
import { seedSubgraph } from '../seed/load';
import { pickDemoChildren, SCHEMAS } from '../seed/seed';
import { createServer as createEducation } from '../subgraphs/education/server';
import { createServer as createHealth } from '../subgraphs/health/server';
import { createServer as createPolice } from '../subgraphs/police/server';
import { createServer as createSocialcare } from '../subgraphs/socialcare/server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each factory has its own context type
const FACTORIES: Record<SubgraphName, (deps: SubgraphDeps) => SubgraphServer<any>> = {
  socialcare: createSocialcare,
  police: createPolice,
  health: createHealth,
  education: createEducation,
};

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

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const requests = Number(arg('requests', '100'));
  const roundCount = Number(arg('rounds', '5'));
  const scale = Number(arg('scale', '0.05'));
  const postgres = arg('postgres', '');
  const say = (line: string) => process.stdout.write(`${line}\n`);

  const world = generateWorld({ seed: 20261122, scale, asOf: new Date('2026-11-20T12:00:00Z') });
  const childId = pickDemoChildren(world).withOpenContact;
  if (!childId) throw new Error('no demo child with an open contact at this scale');
  const issuer = await generateJwkPair();
  const internal = await generateJwkPair();
  const signInternal = createInternalTokenSigner(await importSigningKey(internal.privateJwk));
  const verifyUser = createUserTokenVerifier({
    keys: createLocalJWKSet(issuer.jwks),
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
  });
  const token = await signUserToken(
    await importSigningKey(issuer.privateJwk),
    DEMO_USERS['sc-practitioner'],
  );

  say(`seeding ${postgres ? 'PostgreSQL' : 'PGlite'} at scale ${scale}...`);
  const databases = {} as Record<SubgraphName, Database>;
  // One schema per subgraph: each agency has its own tables, its audit log included.
  const schema = (name: SubgraphName) => `bench_audit_${process.pid}_${name}`;
  for (const name of SUBGRAPH_NAMES) {
    databases[name] = await createDatabase({
      database: postgres
        ? { kind: 'postgres', url: postgres, schema: schema(name) }
        : { kind: 'pglite', dataDir: 'memory://' },
      ...SCHEMAS[name],
    });
    await seedSubgraph(name, databases[name].dataSource, world);
  }

  const closers: (() => Promise<void>)[] = [];
  async function federation(recordAudit: boolean): Promise<string> {
    const urls = {} as Record<SubgraphName, string>;
    for (const name of SUBGRAPH_NAMES) {
      const server = FACTORIES[name]({
        dataSource: databases[name].dataSource,
        verifyToken: createInternalTokenVerifier({
          keys: createLocalJWKSet(internal.jwks),
          audience: name,
        }),
        production: true,
        recordAudit,
      });
      const running: RunningServer = await listen(await server.start(), 0);
      urls[name] = running.url;
      closers.push(async () => {
        await running.close(100);
        await server.apollo.stop();
      });
    }
    const gateway = createGateway({
      config: { subgraphUrls: urls, subgraphTimeoutMs: 10_000, production: true },
      supergraphSdl: composeSupergraph(),
      verifyUser,
      signInternal,
    });
    const running = await listen(await gateway.start(), 0);
    closers.push(async () => {
      await running.close(100);
      await gateway.apollo.stop();
    });
    return running.url;
  }

  const audited = await federation(true);
  const unaudited = await federation(false);
  const ask = async (url: string): Promise<number> => {
    const started = process.hrtime.bigint();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CHILD_VIEW, variables: { id: childId } }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    if (!res.ok || body.errors) throw new Error(`child view failed: ${JSON.stringify(body)}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  // Warm both (plans cached, connections open), then alternate which goes first.
  for (let i = 0; i < 20; i++) await Promise.all([ask(audited), ask(unaudited)]);
  const rowsBefore = await Promise.all(
    SUBGRAPH_NAMES.map((n) =>
      databases[n].dataSource.query('SELECT count(*)::int AS n FROM audit_log'),
    ),
  );
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
  const rowsAfter = await Promise.all(
    SUBGRAPH_NAMES.map((n) =>
      databases[n].dataSource.query('SELECT count(*)::int AS n FROM audit_log'),
    ),
  );
  const rowsPerView =
    rowsAfter.reduce((s, r, i) => s + (r[0].n as number) - (rowsBefore[i][0].n as number), 0) /
    (requests * roundCount);

  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
  };
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const cell = (xs: number[], digits = 1) =>
    `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;
  const per = rounds.map((r) => ({ a: stats(r.with), b: stats(r.without) }));
  const row = (label: string, pick: (p: (typeof per)[number]) => ReturnType<typeof stats>) =>
    `| ${label} | ${(['p50', 'p95', 'p99'] as const).map((q) => cell(per.map((p) => pick(p)[q]))).join(' | ')} |`;
  const engine = postgres ? 'PostgreSQL' : 'PGlite (embedded)';
  const lines = [
    `| child view through the gateway | p50 ms | p95 ms | p99 ms |`,
    `|---|---:|---:|---:|`,
    row('without audit (baseline)', (p) => p.b),
    row('with audit', (p) => p.a),
    `| ratio with / without | ${(['p50', 'p95', 'p99'] as const)
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

  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const section = [
    `## Audit cost on the child view (${engine})`,
    '',
    `Run ${new Date().toISOString().slice(0, 10)} by \`npm run bench:audit${postgres ? ' -- --postgres <url>' : ''}\`: ${roundCount} rounds of ${requests} child views each way, one at a time, alternating, after 20 warm-up pairs; scale ${scale}; the same databases behind both; ${rowsPerView.toFixed(1)} audit rows per view. Each cell: the median of the rounds' figures (range in brackets).`,
    `Machine: ${machine}.`,
    '',
    ...lines,
    '',
  ].join('\n');
  const file = path.resolve(__dirname, '..', 'BENCHMARKS.md');
  const existing = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n\nEach figure is measured beside its baseline in the same run.\n\n';
  const heading = `## Audit cost on the child view (${engine})`;
  const start = existing.indexOf(heading);
  const next = start >= 0 ? existing.indexOf('\n## ', start + heading.length) : -1;
  const updated =
    start < 0
      ? `${existing.trimEnd()}\n\n${section}`
      : `${existing.slice(0, start)}${section}${next >= 0 ? existing.slice(next + 1) : ''}`;
  fs.writeFileSync(file, updated);
  say(`written to ${file}`);

  for (const close of closers.reverse()) await close();
  for (const name of SUBGRAPH_NAMES) {
    await databases[name].close();
    if (postgres) await dropSchema(postgres, schema(name));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:audit failed: ${String(error)}\n`);
  process.exit(1);
});
