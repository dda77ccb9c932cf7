import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayConfig, SubgraphName } from '../shared/config';
import { ErrorCode } from '../shared/errors';
import { createHttpServer } from '../shared/http';
import { silentLogger, type Logger } from '../shared/logger';

/** What a gateway request carries through the query plan. */
export interface GatewayContext extends BaseContext {
  requestId: string;
}

/** Codes whose messages are safe to show a user; anything else is masked in production. */
const USER_FACING_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.AGENCY_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * One agency's subgraph as the gateway reaches it: over keep-alive HTTP (Node's fetch pools
 * connections per origin), with a deadline, and with a failure turned into an error that names
 * the agency so the rest of the answer still arrives.
 */
class AgencyDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly agency: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    super({ url });
    this.fetcher = ((input: string, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) })) as unknown as Fetcher;
  }

  willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      const timedOut =
        (error as Error).name === 'TimeoutError' || /aborted|timeout/i.test(String(error));
      const network =
        timedOut || /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND/i.test(String(error));
      // Anything else (an HTTP error status, a body that is not JSON) loses the agency's section
      // too, but the log says what really happened.
      this.logger.error('subgraph request failed', {
        requestId: options.context?.requestId,
        agency: this.agency,
        error: String(error),
      });
      const pathInIncomingRequest =
        'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
      throw new GraphQLError(
        `The ${this.agency} service is unavailable (${timedOut ? 'timed out' : network ? 'unreachable' : 'it answered with an error'}); its section is missing from this answer`,
        {
          path: pathInIncomingRequest,
          extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, serviceName: this.agency },
        },
      );
    }
  }
}

export interface GatewayDeps {
  config: Pick<GatewayConfig, 'subgraphUrls' | 'subgraphTimeoutMs' | 'production'> & {
    supergraphPath?: string;
  };
  /** The composed supergraph SDL; read from `config.supergraphPath` when absent. */
  supergraphSdl?: string;
  logger?: Logger;
}

/** The gateway's ApolloServer and the HTTP handler around it; nothing listens yet. */
export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** Starts Apollo (loads the supergraph) and returns the node:http server to listen on. */
  start(): Promise<http.Server>;
}

/**
 * Builds the gateway: serves the static, committed supergraph (no runtime introspection of the
 * subgraphs), sends each subgraph request to the URL in config, and masks internal errors in
 * production while keeping the request id so support can find the log line.
 */
export function createGateway(deps: GatewayDeps): Gateway {
  const logger = deps.logger ?? silentLogger;
  const supergraphSdl =
    deps.supergraphSdl ?? fs.readFileSync(deps.config.supergraphPath as string, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new AgencyDataSource(
        name,
        deps.config.subgraphUrls[name as SubgraphName],
        deps.config.subgraphTimeoutMs,
        logger,
      ),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !deps.config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Shutdown is ours (shared/process.ts): drain HTTP first, then stop Apollo, then the database.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    formatError: (formatted: GraphQLFormattedError) => {
      const code = String(formatted.extensions?.code ?? '');
      // A subgraph in development mode attaches stack traces (file paths); never pass them on.
      if (formatted.extensions?.stacktrace) {
        const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
        formatted = { ...formatted, extensions };
      }
      if (!deps.config.production || USER_FACING_CODES.has(code)) return formatted;
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
    plugins: [
      {
        async requestDidStart({ contextValue, request }) {
          const started = Date.now();
          return {
            async willSendResponse({ errors, response }) {
              // Every error names the request id, so a masked one can still be traced in the log.
              const body = response.body;
              if (body.kind === 'single' && body.singleResult.errors) {
                body.singleResult.errors = body.singleResult.errors.map((e) => ({
                  ...e,
                  extensions: { ...e.extensions, requestId: contextValue.requestId },
                }));
              }
              logger.info('operation', {
                requestId: contextValue.requestId,
                operationName: request.operationName ?? null,
                ms: Date.now() - started,
                errors: errors?.length ?? 0,
              });
            },
            async didEncounterErrors({ errors }) {
              for (const error of errors) {
                const code = String(error.extensions?.code ?? '');
                if (!USER_FACING_CODES.has(code)) {
                  logger.error('operation error', {
                    requestId: contextValue.requestId,
                    message: error.message,
                    code,
                  });
                }
              }
            },
          };
        },
      },
    ],
  });
  return {
    apollo,
    async start() {
      await apollo.start();
      return createHttpServer({
        apollo,
        context: async (req) => {
          const given = req.headers['x-request-id'];
          const requestId =
            typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
          return { requestId };
        },
        // The gateway itself holds no state; it is ready once the supergraph is loaded.
        ready: async () => true,
      });
    },
  };
}
