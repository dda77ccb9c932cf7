import fs from 'node:fs';
import type http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { parse, type GraphQLSchema } from 'graphql';
import type { DataSource, MixedList } from 'typeorm';
import { loadConfigOrExit, type SubgraphConfig, type SubgraphName } from './config';
import { createDatabase } from './database';
import { createHttpServer, listen, type RunningServer } from './http';
import { createLogger, type Logger, type LogLevel } from './logger';
import { onShutdown } from './process';

/** Reads a subgraph's `schema.graphql` next to its server module. */
export function readSchema(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Builds the federated schema of one subgraph from its SDL and resolvers. */
export function createSubgraphSchema<TContext>(
  typeDefs: string,
  resolvers: GraphQLResolverMap<TContext>,
): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
}

/** A subgraph's ApolloServer and the HTTP handler around it; nothing listens yet. */
export interface SubgraphServer<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Starts Apollo and returns the node:http server to listen on. */
  start(): Promise<http.Server>;
}

/** What every subgraph's `createServer` needs; entrypoints pass config-derived values, tests their own. */
export interface SubgraphDeps {
  dataSource: DataSource;
  logger?: Logger;
  production?: boolean;
  /** The clock; tests fix it. */
  now?: () => Date;
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  typeDefs: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolver maps are loosely typed upstream
  resolvers: GraphQLResolverMap<any>;
  deps: SubgraphDeps;
  /** Builds one request's context (fresh loaders) at the instant given. */
  context: (now: Date) => TContext;
}

/**
 * Wraps a subgraph's SDL and resolvers in an ApolloServer plus HTTP handler with `/health` and
 * `/ready` (readiness runs `SELECT 1` on the subgraph's own database).
 */
export function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer<TContext> {
  const { deps } = options;
  const now = deps.now ?? (() => new Date());
  const apollo = new ApolloServer<TContext>({
    schema: createSubgraphSchema(options.typeDefs, options.resolvers),
    includeStacktraceInErrorResponses: !deps.production,
    introspection: !deps.production,
    csrfPrevention: true,
    // Shutdown is ours (shared/process.ts): drain HTTP first, then stop Apollo, then the database.
    stopOnTerminationSignals: false,
    // Federated tracing would send timing data to the gateway on every response; nothing reads it.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return {
    apollo,
    async start() {
      await apollo.start();
      return createHttpServer({
        apollo,
        context: async () => options.context(now()),
        ready: async () => {
          await deps.dataSource.query('SELECT 1');
          return true;
        },
      });
    },
  };
}

/** The parts of a subgraph its entrypoint hands to `runSubgraph`. */
export interface SubgraphParts<TContext extends BaseContext> {
  entities: MixedList<string | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
  createServer: (deps: SubgraphDeps) => SubgraphServer<TContext>;
}

/**
 * The body of every subgraph entrypoint: read the config (exit 2 if invalid), open the database
 * (running migrations), start the server, listen, and on SIGINT/SIGTERM (or the parent going away)
 * drain and close in order. Exits 1 if it cannot start.
 */
export function runSubgraph<TContext extends BaseContext>(
  name: SubgraphName,
  parts: SubgraphParts<TContext>,
): void {
  const config = loadConfigOrExit();
  startSubgraph(config.subgraphs[name], config.logLevel, config.gateway.production, parts).catch(
    (error: unknown) => {
      process.stderr.write(`${name} failed to start: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

async function startSubgraph<TContext extends BaseContext>(
  config: SubgraphConfig,
  logLevel: LogLevel,
  production: boolean,
  options: SubgraphParts<TContext>,
): Promise<RunningServer> {
  const logger = createLogger(config.name, logLevel);
  const database = await createDatabase({
    database: config.database,
    entities: options.entities,
    migrations: options.migrations,
    applicationName: `mash-${config.name}`,
  });
  const server = options.createServer({
    dataSource: database.dataSource,
    logger,
    production,
  });
  const httpServer = await server.start();
  const running = await listen(httpServer, config.port, config.host);
  logger.info('listening', { url: running.url, database: config.database.kind });
  onShutdown(logger, async () => {
    await running.close();
    await server.apollo.stop();
    await database.close();
  });
  return running;
}
