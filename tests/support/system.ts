import type http from 'node:http';
import type { Logger as TypeormLogger } from 'typeorm';
import { LEAD_AGENCY } from '../../shared/agencies';
import { SUBGRAPH_NAMES, type SubgraphName, type UserLimits } from '../../shared/config';
import { StatementCounter, type Database } from '../../shared/database';
import { listen, type RunningServer } from '../../shared/http';
import type { Logger } from '../../shared/logger';
import { composeSupergraph } from '../../gateway/supergraph';
import { createGateway } from '../../gateway/gateway';
import { seedSubgraph } from '../../seed/load';
import { generateWorld, type World } from '../../seed/world';
import { subgraphServerFactory } from '../../shared/subgraph';
import type { SocialcareDeps } from '../../subgraphs/socialcare/server';
import {
  internalToken,
  principalOf,
  testGatewayAuth,
  testGrantListSigner,
  testGrantVerifier,
  testInternalVerifier,
  userToken,
  withGrants,
  type AsUser,
} from './auth';
import { createTestDatabase } from './databases';

/** The instant the test world is generated against and the services treat as now. */
export const TEST_NOW = new Date('2026-11-20T12:00:00Z');

let cachedWorld: World | undefined;

/**
 * The pseudonym key socialcare runs with in tests unless `deps.pseudonymKey` gives another (as
 * PSEUDONYM_KEY or the development key does for a running service).
 */
export const TEST_PSEUDONYM_KEY = 'a-test-pseudonym-key-of-at-least-32-chars';

/** A small deterministic borough (scale 0.01), generated once per test file. */
export function testWorld(): World {
  cachedWorld ??= generateWorld({ seed: 7, scale: 0.01, asOf: TEST_NOW });
  return cachedWorld;
}

/**
 * An agency's `createServer`, from its own folder by the registry's name: every subgraph's
 * `server.ts` exports one, taking every subgraph's deps and its own (socialcare's the most).
 */
const createServerOf = (name: SubgraphName) => subgraphServerFactory<SocialcareDeps>(name);

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
   * gateway would for `as` (default: a socialcare MASH practitioner), and each representation's
   * `relationshipGrant` placeholder (`granted`, ./auth.ts) signed as socialcare would for it.
   */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    as?: AsUser,
  ): Promise<GraphQLResponse<T>>;
  /** The port it listens on; a restart listens on the same one. */
  port: number;
  /** The node:http server listening now (a new one after `restart`). */
  readonly httpServer: http.Server;
  /**
   * Plays a crash: drops every connection at once (in-flight requests get no answer), stops
   * listening and stops Apollo. The database stays open for `restart`.
   */
  crash(): Promise<void>;
  /** After `crash`: a new server over the same database, on the same port. */
  restart(): Promise<void>;
  /**
   * Stops as the entrypoint does: stops accepting, lets in-flight requests finish (up to
   * `graceMs`, default 100), stops Apollo, closes the database. A second call does nothing.
   */
  stop(graceMs?: number): Promise<void>;
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
    deps?: Omit<Partial<SocialcareDeps>, 'dataSource' | 'verifyToken' | 'verifyGrant' | 'now'>;
    /** Listen on this port rather than a free one. */
    port?: number;
    /** Opens the (empty, migrated) database to seed and run on; default `createTestDatabase`. */
    createDatabase?: (name: SubgraphName, options: { logger?: TypeormLogger }) => Promise<Database>;
  } = {},
): Promise<RunningSubgraph> {
  const statements = new StatementCounter();
  const database = await (options.createDatabase ?? createTestDatabase)(name, {
    logger: statements,
  });
  await seedSubgraph(name, database.dataSource, world);
  const verifyToken = await testInternalVerifier(name);
  const verifyGrant = await testGrantVerifier();
  const signGrants = name === LEAD_AGENCY.name ? await testGrantListSigner(options.now) : undefined;
  const serve = async (port: number) => {
    const server = createServerOf(name)({
      dataSource: database.dataSource,
      verifyToken,
      verifyGrant,
      ...(signGrants ? { signGrants } : {}),
      now: options.now ?? (() => TEST_NOW),
      // Tests read many children on break-glass as one user; the allowance's own tests lower it.
      ...(name === 'socialcare'
        ? { pseudonymKey: TEST_PSEUDONYM_KEY, breakGlassDailyAllowance: 1000 }
        : {}),
      ...Object.fromEntries(Object.entries(options.deps ?? {}).filter(([, v]) => v !== undefined)),
    });
    const httpServer = await server.start();
    const running: RunningServer = await listen(httpServer, port);
    return { server, httpServer, running };
  };
  let current: Awaited<ReturnType<typeof serve>> | null = await serve(options.port ?? 0);
  const port = current.running.port;
  const url = current.running.url;
  let stopped: Promise<void> | undefined;
  const crashed: { apollo: { stop(): Promise<void> } }[] = [];
  statements.reset();
  return {
    name,
    url,
    port,
    database,
    statements,
    get httpServer() {
      if (!current) throw new Error(`${name} is not running`);
      return current.httpServer;
    },
    query: async (q, v, as = {}) => {
      const principal = principalOf(breakingGlassFor(as, v));
      return postGraphQL(url, q, await withGrants(v, principal), {
        authorization: `Bearer ${await internalToken(principal, name)}`,
      });
    },
    async crash() {
      if (!current) return;
      const { server, httpServer } = current;
      current = null;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      // Its Apollo is stopped with the rest in `stop`: a request cut off mid-flight may still be
      // running in it, answering a connection that is gone.
      crashed.push(server);
    },
    async restart() {
      if (current) throw new Error(`${name} is still running; crash it first`);
      current = await serve(port);
    },
    stop(graceMs = 100) {
      stopped ??= (async () => {
        if (current) {
          await current.running.close(graceMs);
          await current.server.apollo.stop();
          current = null;
        }
        for (const server of crashed) await server.apollo.stop();
        await database.close();
      })();
      return stopped;
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

/** A gateway in-process on port 0, in front of subgraphs at the URLs it was given. */
export interface RunningGateway {
  url: string;
  /** As `RunningSystem.query`. */
  query<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    as?: AsUser,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** The headers the gateway needs from a test user: a signed token, purpose and break-glass. */
export async function gatewayHeaders(as: AsUser = {}): Promise<Record<string, string>> {
  return {
    authorization: `Bearer ${await userToken(as.as ?? 'sc-practitioner')}`,
    ...(as.purpose ? { 'x-purpose': as.purpose } : {}),
    ...(as.breakGlass ? { 'x-break-glass-reason': as.breakGlass } : {}),
    ...(as.breakGlassChild ? { 'x-break-glass-child': as.breakGlassChild } : {}),
    ...(as.requestId ? { 'x-request-id': as.requestId } : {}),
  };
}

/**
 * `as` with the child a break-glass reason is for: the one given, or else the child the request's
 * variables name (`id`, as `child(id:)` reads; `childId`; or `input.childId`, as a decision on a
 * child's page records), as a user breaking glass on that child's page.
 */
export function breakingGlassFor(as: AsUser, variables?: Record<string, unknown>): AsUser {
  if (!as.breakGlass || as.breakGlassChild !== undefined) return as;
  const input = variables?.input as Record<string, unknown> | undefined;
  const id = variables?.id ?? variables?.childId ?? input?.childId;
  return { ...as, breakGlassChild: typeof id === 'string' ? id : null };
}

/**
 * The per-user limits turned off: a test file sends hundreds of requests a minute, many at once,
 * as one demo user. The limits' own tests (and a test of the defaults) give theirs.
 */
export const NO_USER_LIMITS: UserLimits = { maxConcurrent: 0, rate: 0, windowSeconds: 60 };

/**
 * Starts a gateway over the given subgraph URLs (e.g. a second gateway, with another timeout or
 * one agency behind a proxy, in front of a running system's subgraphs).
 */
export async function startGateway(options: {
  subgraphUrls: Record<SubgraphName, string>;
  timeoutMs?: number;
  logger?: Logger;
  /** Each user's share of the gateway; default NO_USER_LIMITS. */
  userLimits?: UserLimits;
}): Promise<RunningGateway> {
  const gateway = createGateway({
    config: {
      subgraphUrls: options.subgraphUrls,
      subgraphTimeoutMs: options.timeoutMs ?? 10_000,
      production: true,
      userLimits: options.userLimits ?? NO_USER_LIMITS,
    },
    supergraphSdl: composeSupergraph(),
    logger: options.logger,
    ...(await testGatewayAuth()),
  });
  const running = await listen(await gateway.start(), 0);
  return {
    url: running.url,
    query: async (q, v, as = {}) =>
      postGraphQL(running.url, q, v, await gatewayHeaders(breakingGlassFor(as, v))),
    async stop() {
      await running.close(100);
      await gateway.apollo.stop();
    },
  };
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
    /** Socialcare's settings beside the tests' defaults (e.g. `breakGlassDailyAllowance`). */
    socialcare?: Omit<
      Partial<SocialcareDeps>,
      'dataSource' | 'verifyToken' | 'verifyGrant' | 'now'
    >;
  } = {},
): Promise<RunningSystem> {
  const started = await Promise.all(
    SUBGRAPH_NAMES.map((n) =>
      startSubgraph(n, undefined, n === LEAD_AGENCY.name ? { deps: options.socialcare } : {}),
    ),
  );
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<
    SubgraphName,
    RunningSubgraph
  >;
  const gateway = await startGateway({
    subgraphUrls: {
      ...(Object.fromEntries(started.map((s) => [s.name, s.url])) as Record<SubgraphName, string>),
      ...(options.subgraphUrls as Record<SubgraphName, string>),
    },
    timeoutMs: options.timeoutMs,
    logger: options.logger,
  });
  return {
    gatewayUrl: gateway.url,
    subgraphs,
    query: gateway.query,
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}
