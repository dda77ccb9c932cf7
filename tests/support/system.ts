import type { SubgraphName } from '../../shared/config';
import { StatementCounter, type Database } from '../../shared/database';
import { listen, type RunningServer } from '../../shared/http';
import { composeSupergraph } from '../../gateway/supergraph';
import { createGateway } from '../../gateway/gateway';
import { generateWorld } from '../../seed/generate';
import { seedSubgraph } from '../../seed/load';
import type { World } from '../../seed/world';
import { createServer as createEducation } from '../../subgraphs/education/server';
import { createServer as createHealth } from '../../subgraphs/health/server';
import { createServer as createPolice } from '../../subgraphs/police/server';
import { createServer as createSocialcare } from '../../subgraphs/socialcare/server';
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

/** A subgraph running in-process on port 0 over its own seeded test database. */
export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  database: Database;
  /** Counts the SQL statements this subgraph runs; reset it before the request you measure. */
  statements: StatementCounter;
  /** Sends a GraphQL request straight to this subgraph. */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
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
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Starts one subgraph over a fresh test database seeded with `world`'s part for it. */
export async function startSubgraph(
  name: SubgraphName,
  world: World = testWorld(),
): Promise<RunningSubgraph> {
  const statements = new StatementCounter();
  const database = await createTestDatabase(name, { logger: statements });
  await seedSubgraph(name, database.dataSource, world);
  const server = FACTORIES[name]({ dataSource: database.dataSource, now: () => TEST_NOW });
  const running: RunningServer = await listen(await server.start(), 0);
  statements.reset();
  return {
    name,
    url: running.url,
    database,
    statements,
    query: (q, v) => postGraphQL(running.url, q, v),
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
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * Starts the whole federation for an end-to-end test. `subgraphUrls` may redirect a subgraph (for
 * example to a closed port, to play an agency that is down).
 */
export async function startSystem(
  options: { subgraphUrls?: Partial<Record<SubgraphName, string>>; timeoutMs?: number } = {},
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
  });
  const running = await listen(await gateway.start(), 0);
  return {
    gatewayUrl: running.url,
    subgraphs,
    query: (q, v) => postGraphQL(running.url, q, v),
    async stop() {
      await running.close(100);
      await gateway.apollo.stop();
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}
