// What the benchmark scripts share: a generated borough seeded into each agency's own database,
// the four subgraph servers and a gateway started in-process on ports chosen by the system, the
// statistics, and the BENCHMARKS.md writer. Benchmarks print numbers; they never assert.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet } from 'jose';
import {
  Kind,
  parse,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { createGateway } from '../gateway/gateway';
import { composeSupergraph } from '../gateway/supergraph';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  createUserTokenVerifier,
  type Principal,
  type User,
} from '../shared/auth';
import { LEAD_AGENCY, PARTNER_AGENCIES } from '../shared/agencies';
import { DEV_AUDIENCE, DEV_ISSUER, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { createDatabase, dropSchema, StatementCounter, type Database } from '../shared/database';
import { createTemporaryCluster } from '../shared/embedded-postgres';
import { DEMO_USERS, signUserToken } from '../dev/dev-issuer';
import { createGrantListSigner, createGrantVerifier } from '../shared/grants';
import { listen, type RunningServer } from '../shared/http';
import { generateJwkPair, importSigningKey } from '../shared/keys';
import { subgraphServerFactory } from '../shared/subgraph';
import type { SocialcareDeps } from '../subgraphs/socialcare/server';
import { seedSubgraph } from '../seed/load';
import { SCHEMAS } from '../seed/seed';
import { generateWorld, type World } from '../seed/world';

/** A command-line option `--name value`, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Runs a benchmark's `main`, reporting a failure by name with exit status 1. */
export function runBenchmark(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${name} failed: ${String(error)}\n`);
    process.exit(1);
  });
}

/** Writes one line to stdout. */
export const say = (line: string) => process.stdout.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** p50, p95 and p99 of a sample. */
export function stats(xs: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** The median of several rounds' figures with their range, e.g. "21.8 (20.9-23.0)". */
export function cell(xs: number[], digits = 1): string {
  const median = [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return `${median.toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;
}

/** The machine a benchmark ran on, for its results. */
export function machine(): string {
  return `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Replaces the section under `heading` in BENCHMARKS.md (or appends it) and returns the path. */
export function writeBenchmarkSection(heading: string, body: string[]): string {
  const section = [heading, '', ...body, ''].join('\n');
  const file = path.resolve(__dirname, '..', 'BENCHMARKS.md');
  const existing = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n\nEach figure is measured beside its baseline in the same run.\n\n';
  const start = existing.indexOf(heading);
  const next = start >= 0 ? existing.indexOf('\n## ', start + heading.length) : -1;
  const updated =
    start < 0
      ? `${existing.trimEnd()}\n\n${section}`
      : `${existing.slice(0, start)}${section}${next >= 0 ? `\n${existing.slice(next + 1)}` : ''}`;
  fs.writeFileSync(file, updated);
  return file;
}

/** A borough seeded into the four agencies' databases, with keys to sign in and call subgraphs. */
export interface BenchBed {
  world: World;
  databases: Record<SubgraphName, Database>;
  /** Counts each subgraph's SQL statements (audit included). */
  statements: Record<SubgraphName, StatementCounter>;
  /** A user's token for the gateway. */
  userToken(user: User): Promise<string>;
  /** An internal token for calling one subgraph directly, as the gateway would. */
  internalToken(principal: Principal, subgraph: SubgraphName): Promise<string>;
  /** Starts the four subgraphs and a gateway; returns their URLs. */
  federation(options?: {
    recordAudit?: boolean;
  }): Promise<{ gateway: string; subgraphs: Record<SubgraphName, string> }>;
  close(): Promise<void>;
  engine: string;
  /** Each agency's schema (dropped by `close`). */
  schemas: Record<SubgraphName, string>;
}

/** Generates and seeds a borough at `scale` (schemas on `postgres`, or on a throwaway embedded cluster). */
export async function createBenchBed(options: {
  scale: number;
  postgres: string;
  prefix: string;
}): Promise<BenchBed> {
  const { scale, postgres } = options;
  const world = generateWorld({ seed: 20261122, scale, asOf: new Date('2026-11-20T12:00:00Z') });
  const issuer = await generateJwkPair();
  const internal = await generateJwkPair();
  const issuerKey = await importSigningKey(issuer.privateJwk);
  const signInternal = createInternalTokenSigner(await importSigningKey(internal.privateJwk));
  const grant = await generateJwkPair();
  const verifyGrant = createGrantVerifier(createLocalJWKSet(grant.jwks));
  const signGrants = createGrantListSigner(await importSigningKey(grant.privateJwk));
  const verifyUser = createUserTokenVerifier({
    keys: createLocalJWKSet(issuer.jwks),
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
  });

  // Without a PostgreSQL URL, a throwaway embedded cluster of the bench's own.
  const temporary = postgres ? null : await createTemporaryCluster({ durable: true });
  const server = postgres || temporary!.adminUrl();
  say(`seeding ${postgres ? 'PostgreSQL' : 'embedded PostgreSQL'} at scale ${scale}...`);
  const databases = {} as Record<SubgraphName, Database>;
  const statements = {} as Record<SubgraphName, StatementCounter>;
  // One schema per subgraph: each agency has its own tables, its audit log included.
  const schema = (name: SubgraphName) => `${options.prefix}_${process.pid}_${name}`;
  for (const name of SUBGRAPH_NAMES) {
    statements[name] = new StatementCounter();
    databases[name] = await createDatabase({
      database: { kind: 'postgres', url: server, schema: schema(name) },
      ...SCHEMAS[name],
      logger: statements[name],
    });
    await seedSubgraph(name, databases[name].dataSource, world);
    statements[name].reset();
  }

  const closers: (() => Promise<void>)[] = [];
  return {
    world,
    databases,
    statements,
    engine: postgres ? 'PostgreSQL' : 'embedded PostgreSQL',
    schemas: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, schema(n)])) as Record<
      SubgraphName,
      string
    >,
    userToken: (user) => signUserToken(issuerKey, user),
    internalToken: (principal, subgraph) => signInternal(principal, subgraph),
    async federation({ recordAudit = true } = {}) {
      const urls = {} as Record<SubgraphName, string>;
      for (const name of SUBGRAPH_NAMES) {
        const server = subgraphServerFactory<SocialcareDeps>(name)({
          dataSource: databases[name].dataSource,
          verifyToken: createInternalTokenVerifier({
            keys: createLocalJWKSet(internal.jwks),
            audience: name,
          }),
          verifyGrant,
          ...(name === LEAD_AGENCY.name ? { signGrants, breakGlassDailyAllowance: 1_000_000 } : {}),
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
        config: {
          subgraphUrls: urls,
          subgraphTimeoutMs: 10_000,
          production: true,
          // A benchmark is one user at many connections: the per-user limits would measure
          // themselves.
          userLimits: { maxConcurrent: 0, rate: 0, windowSeconds: 60 },
        },
        supergraphSdl: composeSupergraph(),
        verifyUser,
        signInternal,
      });
      const running = await listen(await gateway.start(), 0);
      closers.push(async () => {
        await running.close(100);
        await gateway.apollo.stop();
      });
      return { gateway: running.url, subgraphs: urls };
    },
    async close() {
      for (const close of closers.reverse()) await close();
      for (const name of SUBGRAPH_NAMES) {
        await databases[name].close();
        if (postgres) await dropSchema(postgres, schema(name));
      }
      await temporary?.destroy();
    },
  };
}

const SECTION = 'match { level } summary';
const EVENT = 'at agency kind summary severity';
const CHILD_KEYS =
  'id givenName familyName dateOfBirth sex postcode hasOpenContact caseTeam relationshipGrant';
const ADULT_KEYS = CHILD_KEYS;
const DECISIONS = 'matchLinks { agency agencyReference decision }';

/** The combined child view, through the gateway (as bench:partners and bench measure it). */
export const CHILD_VIEW = `query ($id: ID!) {
  child(id: $id) {
    id givenName familyName dateOfBirth
    household { postcode adults { id givenName familyName relationship
      police { ${SECTION} } health { ${SECTION} } } }
    police { ${SECTION} } health { ${SECTION} } education { ${SECTION} }
    chronology { ${EVENT} }
  }
}`;

/**
 * A page of children with each agency's summary, through the gateway: the children of the MASH
 * queue's first contacts, each on an open contact (a search's children have no relationship to
 * the reader, and break-glass never opens a search).
 */
export const PAGE = `query ($first: Int!) {
  mashQueue(first: $first) { edges { node { decisions { child {
    id givenName familyName
    police { ${SECTION} } health { ${SECTION} } education { ${SECTION} }
  } } } } }
}`;

// The same reads as direct subgraph calls: what the gateway's query plan sends.
const SC_CHILD = `query ($id: ID!) {
  child(id: $id) {
    ${CHILD_KEYS} nhsNumber upn ${DECISIONS}
    household { postcode adults { ${ADULT_KEYS} relationship } }
  }
}`;
const SC_PAGE = `query ($first: Int!) {
  mashQueue(first: $first) { edges { node { decisions { child {
    ${CHILD_KEYS} nhsNumber upn ${DECISIONS}
  } } } } }
}`;
const entities = (fragments: string) =>
  `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${fragments} } }`;

/** The partners' section fields a query shows at `path` (e.g. the child, its household's adults). */
function partnerSectionsAt(query: string, path: readonly string[]): string[] {
  const partners = new Set(PARTNER_AGENCIES.map((a) => a.name));
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  let selections: readonly SelectionNode[] = operation.selectionSet.selections;
  for (const step of path) {
    const field = selections.find(
      (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === step,
    );
    selections = field?.selectionSet?.selections ?? [];
  }
  return selections
    .filter((s): s is FieldNode => s.kind === Kind.FIELD && partners.has(s.name.value))
    .map((s) => s.name.value);
}
const VIEW_CHILD_SECTIONS = partnerSectionsAt(CHILD_VIEW, ['child']);
const VIEW_ADULT_SECTIONS = partnerSectionsAt(CHILD_VIEW, ['child', 'household', 'adults']);
const PAGE_SECTIONS = partnerSectionsAt(PAGE, ['mashQueue', 'edges', 'node', 'decisions', 'child']);

/**
 * One partner's entity call for the child view: the sections the view shows of the child and of
 * its household's adults, and the events the chronology requires of every partner (even one whose
 * section the view does not show).
 */
function partnerChildView(partner: string): string {
  const section = `${partner} { ${SECTION} }`;
  const child = `${VIEW_CHILD_SECTIONS.includes(partner) ? section : ''} ${partner}Events { ${EVENT} }`;
  const adult = VIEW_ADULT_SECTIONS.includes(partner) ? ` ... on Adult { ${section} }` : '';
  return entities(`... on Child { ${child} }${adult}`);
}
const SC_CHRONOLOGY = entities(`... on Child { chronology { ${EVENT} } }`);

type Row = Record<string, unknown>;

/**
 * The break-glass reason the child view and the page are read with. The page holds children with
 * and without a relationship to the user: both paths read on a break-glass basis, so every
 * child's sections are disclosed (and audited) the same way.
 */
export const BREAK_GLASS = 'Benchmark of partner checks on synthetic data';
/**
 * The representation of a child or adult for a partner: what the partners' fields `@require`. A
 * child's carries the local authority's identifiers (NHS number, UPN) for every partner; each
 * partner reads those its own fields require.
 */
function representation(typename: 'Child' | 'Adult', row: Row): Row {
  const keep = ['id', 'givenName', 'familyName', 'dateOfBirth', 'sex', 'postcode'];
  keep.push('hasOpenContact', 'caseTeam', 'relationshipGrant');
  if (typename === 'Child') keep.push('matchLinks', 'nhsNumber', 'upn');
  return { __typename: typename, ...Object.fromEntries(keep.map((k) => [k, row[k] ?? null])) };
}

/** The children of a MASH queue page's contacts, in order. */
function queueChildren(queue: Row): Row[] {
  const edges = (queue.edges as { node: { decisions: { child: Row }[] } }[] | undefined) ?? [];
  return edges.flatMap((e) => e.node.decisions.map((d) => d.child));
}

/**
 * The child view (`child`) or the page (`page`) as the same subgraph calls the gateway's query plan
 * makes, sent directly: socialcare first, then the partners in parallel, then (child only)
 * socialcare again for the merged chronology. Returns the elapsed milliseconds.
 */
export async function direct(
  bed: BenchBed,
  urls: Record<SubgraphName, string>,
  kind: 'child' | 'page',
  variables: Record<string, unknown>,
): Promise<number> {
  const principal: Principal = {
    user: DEMO_USERS['sc-practitioner'],
    requestId: randomUUID(),
    purpose: null,
    // Break-glass opens the view's one named child; the page's children are on open contacts.
    breakGlassReason: kind === 'child' ? BREAK_GLASS : null,
    breakGlassChildId: kind === 'child' ? String(variables.id) : null,
  };
  const token = async (s: SubgraphName) => bed.internalToken(principal, s);
  const started = process.hrtime.bigint();
  const first = await timedPost(
    urls.socialcare,
    await token('socialcare'),
    kind === 'child' ? SC_CHILD : SC_PAGE,
    variables,
    'socialcare',
  );
  const children = (
    kind === 'child' ? [first.data.child] : queueChildren(first.data.mashQueue as Row)
  ) as Row[];
  const adults =
    kind === 'child'
      ? (((children[0].household as Row | null)?.adults as Row[] | undefined) ?? []).map((a) => ({
          ...a,
        }))
      : [];
  // The child view's plan asks every partner (for the chronology's events); the page, those shown.
  const partners = kind === 'child' ? PARTNER_AGENCIES.map((a) => a.name) : PAGE_SECTIONS;
  const answers = await Promise.all(
    partners.map(async (p) => {
      const reps = [
        ...children.map((c) => representation('Child', c)),
        ...(kind === 'child' && VIEW_ADULT_SECTIONS.includes(p)
          ? adults.map((a) => representation('Adult', a))
          : []),
      ];
      const query =
        kind === 'child' ? partnerChildView(p) : entities(`... on Child { ${p} { ${SECTION} } }`);
      return (await timedPost(urls[p], await token(p), query, { representations: reps }, p)).data;
    }),
  );
  if (kind === 'child') {
    const events = Object.fromEntries(
      partners.map((p, i) => [
        `${p}Events`,
        ((answers[i]._entities as Row[])[0] as Row)[`${p}Events`] ?? null,
      ]),
    );
    await timedPost(
      urls.socialcare,
      await token('socialcare'),
      SC_CHRONOLOGY,
      { representations: [{ __typename: 'Child', id: children[0].id, ...events }] },
      'socialcare chronology',
    );
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** POSTs a GraphQL operation and returns the elapsed milliseconds; throws on any error but a withholding. */
export async function timedPost(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  what: string,
  headers: Record<string, string> = {},
): Promise<{ ms: number; data: Record<string, unknown> }> {
  const started = process.hrtime.bigint();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<string, unknown>;
    errors?: { extensions?: { code?: string } }[];
  };
  // A field withheld under a rule (WITHHELD_*) is part of a normal answer; anything else fails.
  const failed = (body.errors ?? []).some((e) => !e.extensions?.code?.startsWith('WITHHELD_'));
  if (!res.ok || failed) throw new Error(`${what} failed: ${JSON.stringify(body).slice(0, 2000)}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, data: body.data ?? {} };
}

export { DEMO_USERS };
