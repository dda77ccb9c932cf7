import type { SubgraphName } from '../../shared/config';
import { StatementCounter, type Database } from '../../shared/database';
import { listen, type RunningServer } from '../../shared/http';
import type { Logger } from '../../shared/logger';
import type { SubgraphDeps } from '../../shared/subgraph';
import { composeSupergraph } from '../../gateway/supergraph';
import { createGateway } from '../../gateway/gateway';
import { generateWorld } from '../../seed/generate';
import { seedSubgraph } from '../../seed/load';
import type { World } from '../../seed/world';
import { createServer as createEducation } from '../../subgraphs/education/server';
import { createServer as createHealth } from '../../subgraphs/health/server';
import { createServer as createPolice } from '../../subgraphs/police/server';
import { createServer as createSocialcare } from '../../subgraphs/socialcare/server';
import {
  internalToken,
  principalOf,
  testGatewayAuth,
  testInternalVerifier,
  userToken,
  type AsUser,
} from './auth';
import { createTestDatabase } from './databases';

/** The instant the test world is generated against and the services treat as now. */
export const TEST_NOW = new Date('2026-11-20T12:00:00Z');

let cachedWorld: World | undefined;

/** A small deterministic borough (scale 0.01), generated once per test file. */
export function testWorld(): World {
  cachedWorld ??= generateWorld({ seed: 7, scale: 0.01, asOf: TEST_NOW });
  return cachedWorld;
}

const FACTORIES = {
  socialcare: createSocialcare,
  police: createPolice,
  health: createHealth,
  education: createEducation,
} as const;

/**
 * The statements a counter saw, less the audit write every request ends with (its transaction,
 * chain lock, last hash and insert): the statements that read the agency's own data.
 */
export function dataStatements(counter: StatementCounter): number {
  return counter.statements.filter(
    (s) =>
      !/audit_log|audit_append|pg_advisory_xact_lock|^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(
        s,
      ),
  ).length;
}

/** A subgraph running in-process on port 0 over its own seeded test database. */
export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  database: Database;
  /** Counts the SQL statements this subgraph runs; reset it before the request you measure. */
  statements: StatementCounter;
  /**
   * Sends a GraphQL request straight to this subgraph with an internal token minted as the
   * gateway would for `as` (default: a socialcare MASH practitioner).
   */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    as?: AsUser,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** A GraphQL response as the tests read it. */
export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** POSTs a GraphQL request and returns status, data and errors. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/**
 * Starts one subgraph over a fresh test database seeded with `world`'s part for it. Its clock is
 * TEST_NOW unless `options.now` gives another (a test may move it); `options.deps` adds settings
 * its server takes (e.g. `analyticsSuppressBelow`), as an entrypoint passes them from config.
 */
export async function startSubgraph(
  name: SubgraphName,
  world: World = testWorld(),
  options: {
    now?: () => Date;
    deps?: Omit<Partial<SubgraphDeps>, 'dataSource' | 'verifyToken' | 'now'>;
  } = {},
): Promise<RunningSubgraph> {
  const statements = new StatementCounter();
  const database = await createTestDatabase(name, { logger: statements });
  await seedSubgraph(name, database.dataSource, world);
  const server = FACTORIES[name]({
    dataSource: database.dataSource,
    verifyToken: await testInternalVerifier(name),
    now: options.now ?? (() => TEST_NOW),
    ...options.deps,
  });
  const running: RunningServer = await listen(await server.start(), 0);
  statements.reset();
  return {
    name,
    url: running.url,
    database,
    statements,
    query: async (q, v, as) =>
      postGraphQL(running.url, q, v, {
        authorization: `Bearer ${await internalToken(principalOf(as), name)}`,
      }),
    async stop() {
      await running.close(100);
      await server.apollo.stop();
      await database.close();
    },
  };
}

/** All four subgraphs and the gateway, in-process on port 0. */
export interface RunningSystem {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /**
   * Sends a GraphQL request to the gateway as a signed-in user (default: a socialcare MASH
   * practitioner), with the purpose and break-glass headers when given.
   */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    as?: AsUser,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * Starts the whole federation for an end-to-end test. `subgraphUrls` may redirect a subgraph (for
 * example to a closed port, to play an agency that is down).
 */
export async function startSystem(
  options: {
    subgraphUrls?: Partial<Record<SubgraphName, string>>;
    timeoutMs?: number;
    logger?: Logger;
  } = {},
): Promise<RunningSystem> {
  const names: SubgraphName[] = ['socialcare', 'police', 'health', 'education'];
  const started = await Promise.all(names.map((n) => startSubgraph(n)));
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<
    SubgraphName,
    RunningSubgraph
  >;
  const gateway = createGateway({
    config: {
      subgraphUrls: {
        ...(Object.fromEntries(started.map((s) => [s.name, s.url])) as Record<
          SubgraphName,
          string
        >),
        ...options.subgraphUrls,
      },
      subgraphTimeoutMs: options.timeoutMs ?? 10_000,
      production: true,
    },
    supergraphSdl: composeSupergraph(),
    logger: options.logger,
    ...(await testGatewayAuth()),
  });
  const running = await listen(await gateway.start(), 0);
  return {
    gatewayUrl: running.url,
    subgraphs,
    query: async (q, v, as = {}) =>
      postGraphQL(running.url, q, v, {
        authorization: `Bearer ${await userToken(as.as ?? 'sc-practitioner')}`,
        ...(as.purpose ? { 'x-purpose': as.purpose } : {}),
        ...(as.breakGlass ? { 'x-break-glass-reason': as.breakGlass } : {}),
        ...(as.requestId ? { 'x-request-id': as.requestId } : {}),
      }),
    async stop() {
      await running.close(100);
      await gateway.apollo.stop();
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}
