import fs from 'node:fs';
import type http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { parse, type GraphQLSchema } from 'graphql';
import type { DataSource, MixedList } from 'typeorm';
import type { SubgraphConfig } from './config';
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

export interface SubgraphServerOptions<TContext extends BaseContext> {
  schema: GraphQLSchema;
  dataSource: DataSource;
  context: (req: http.IncomingMessage) => Promise<TContext>;
  production?: boolean;
}

/**
 * Wraps a subgraph schema in an ApolloServer plus HTTP handler with `/health` and `/ready`
 * (readiness runs `SELECT 1` on the subgraph's own database).
 */
export function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer<TContext> {
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: !options.production,
    introspection: !options.production,
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
        context: options.context,
        ready: async () => {
          await options.dataSource.query('SELECT 1');
          return true;
        },
      });
    },
  };
}

export interface RunSubgraphOptions<TContext extends BaseContext> {
  config: SubgraphConfig;
  logLevel: LogLevel;
  production: boolean;
  entities: MixedList<string | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
  createServer: (deps: {
    dataSource: DataSource;
    logger: Logger;
    production: boolean;
  }) => SubgraphServer<TContext>;
}

/**
 * The body of every subgraph entrypoint: open the database (running migrations), start the
 * server, listen, and on SIGINT/SIGTERM (or the parent going away) drain and close in order.
 */
export async function runSubgraph<TContext extends BaseContext>(
  options: RunSubgraphOptions<TContext>,
): Promise<RunningServer> {
  const { config } = options;
  const logger = createLogger(config.name, options.logLevel);
  const database = await createDatabase({
    database: config.database,
    entities: options.entities,
    migrations: options.migrations,
    applicationName: `mash-${config.name}`,
  });
  const server = options.createServer({
    dataSource: database.dataSource,
    logger,
    production: options.production,
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
