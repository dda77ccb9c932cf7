import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, parse, type FieldNode, type GraphQLFormattedError } from 'graphql';
import { breakGlassReasonProblem } from '../shared/access';
import { bearerToken, type Principal, type User } from '../shared/auth';
import type { GatewayConfig, SubgraphName } from '../shared/config';
import { ErrorCode, MASKED_ERROR, UNEXPECTED_CODES, userFacingCodes } from '../shared/errors';
import { checkInputs } from '../shared/limits';
import { checkCost } from './cost';
import { createHttpServer } from '../shared/http';
import { silentLogger, type Logger } from '../shared/logger';
import {
  mergeOperations,
  splitAnswer,
  type SubgraphAnswer,
  type SubgraphOperation,
} from './merged-fetches';
import { createSubgraphFetcher } from './subgraph-fetch';
import { createUserLimiter } from './user-limits';
import { TurnBatcher } from '../shared/loaders';

/** What a gateway request carries through the query plan: who asks, why, and its request id. */
export interface GatewayContext extends BaseContext {
  principal: Principal;
}

/**
 * Operation limits, enforced before anything is planned (graphql-armor, graphql-js's parser and
 * gateway/cost.ts). Sized so the deepest real view (a child, its household, a sibling's agency
 * sections) fits with room to spare, and so does the MASH queue's largest page: 200 contacts with
 * every clock and each child's summary from every agency (61,159: armor's depth factor prices the
 * connection's `edges { node }` levels), even with each agency's detail lists (67,839), while a
 * page of 200 with each child's chronology and its household adults' sections (133,145) does not.
 */
export const OPERATION_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxDirectives: 20,
  maxCost: 100_000,
} as const;

/** Stable codes for operations refused by the limits; the client sees these in `extensions.code`. */
export const LimitCode = {
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
} as const;

const LIMIT_MESSAGES: [RegExp, string][] = [
  [/depth limit/i, LimitCode.QUERY_TOO_DEEP],
  [/aliases limit/i, LimitCode.TOO_MANY_ALIASES],
  [/more th[ae][nt] \d+ tokens/i, LimitCode.TOO_MANY_TOKENS],
  [/directives limit/i, LimitCode.TOO_MANY_DIRECTIVES],
];

/** The gateway's own codes whose messages are safe to show a user. */
const USER_FACING_CODES = userFacingCodes(Object.values(LimitCode));

/**
 * May a user read this error in production? The gateway's own user-facing codes, and any coded
 * error a subgraph sent (it names the agency in `serviceName`): an agency's codes are its own to
 * choose, and each subgraph masks its own unexpected failures before they leave it
 * (shared/subgraph.ts), so only those and the gateway's own are masked here.
 */
function userFacing(formatted: GraphQLFormattedError): boolean {
  const code = String(formatted.extensions?.code ?? '');
  if (USER_FACING_CODES.has(code)) return true;
  return typeof formatted.extensions?.serviceName === 'string' && !UNEXPECTED_CODES.has(code);
}

/** A subgraph's answer as the gateway's data source returns it. */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * One agency's subgraph as the gateway reaches it: over keep-alive HTTP
 * (gateway/subgraph-fetch.ts), with a deadline, and with a failure turned into an error that names
 * the agency so the rest of the answer still arrives.
 */
class AgencyDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly agency: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
    private readonly sign: (principal: Principal, audience: string) => Promise<string>,
  ) {
    super({ url });
    this.fetcher = createSubgraphFetcher(this.timeoutMs);
  }

  /**
   * The entity fetches of one gateway request sent to this agency in the same turn (a child's and
   * its household adults' sections), sent as one request: one token, one audit write and one
   * batch of statements at the agency (gateway/merged-fetches.ts).
   */
  private readonly entityFetches = new TurnBatcher<
    object,
    GraphQLDataSourceProcessOptions<GatewayContext>,
    SubgraphResponse
  >(async (fetches) => {
    if (fetches.length === 1) return [await super.process(fetches[0])];
    let merged: SubgraphOperation;
    try {
      merged = mergeOperations(
        fetches.map(({ request }) => ({
          query: request.query ?? '',
          variables: request.variables,
          operationName: request.operationName,
        })),
      );
    } catch {
      // Not a plain query of root fields (the planner sends nothing else): each goes alone.
      return Promise.all(fetches.map((fetch) => super.process(fetch)));
    }
    const answer = await super.process({ ...fetches[0], request: merged });
    return splitAnswer(answer as SubgraphAnswer, fetches.length) as SubgraphResponse[];
  });

  async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Every subgraph request carries a token minted for that subgraph and that request alone,
    // even `_entities`: the subgraph accepts each token once.
    const principal = context?.principal;
    if (!principal || !request.http) return;
    request.http.headers.set('authorization', `Bearer ${await this.sign(principal, this.agency)}`);
    request.http.headers.set('x-request-id', principal.requestId);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      const { context, request } = options;
      return await (context && Array.isArray(request.variables?.representations)
        ? this.entityFetches.add(context, options)
        : super.process(options));
    } catch (error) {
      // A subgraph answers input it cannot coerce (a date that does not exist) with HTTP 400 and
      // BAD_USER_INPUT naming the field: that is the user's error, not the agency being down.
      const refused = userInputErrors(error);
      if (refused) return { errors: refused };
      const timedOut =
        (error as Error).name === 'TimeoutError' || /aborted|timeout/i.test(String(error));
      const network =
        timedOut || /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND/i.test(String(error));
      // Anything else (an HTTP error status, a body that is not JSON) loses the agency's section
      // too, but the log says what really happened.
      this.logger.error('subgraph request failed', {
        requestId: options.context?.principal?.requestId,
        agency: this.agency,
        error: String(error),
      });
      const message = `The ${this.agency} service is unavailable (${timedOut ? 'timed out' : network ? 'unreachable' : 'it answered with an error'}); its section is missing from this answer`;
      const extensions = { code: ErrorCode.AGENCY_UNAVAILABLE, serviceName: this.agency };
      const stubs = unavailableEntities(options);
      if (stubs) {
        // Answer for the agency with each field it was asked for set to null: the gateway then
        // still calls the services whose fields `@require` these (socialcare's chronology), which
        // it would skip if the fields were missing.
        return {
          data: { _entities: stubs },
          errors: [
            { message, extensions, ...(stubs.length === 1 ? { path: ['_entities', 0] } : {}) },
          ],
        };
      }
      const pathInIncomingRequest =
        'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
      throw new GraphQLError(message, { path: pathInIncomingRequest, extensions });
    }
  }
}

/** The BAD_USER_INPUT errors of a subgraph's HTTP 400 answer, or null for any other failure. */
function userInputErrors(error: unknown): GraphQLFormattedError[] | null {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } })
    .extensions?.response;
  const errors = (response?.body as { errors?: GraphQLFormattedError[] } | undefined)?.errors;
  if (response?.status !== 400 || !Array.isArray(errors) || errors.length === 0) return null;
  return errors.every((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT) ? errors : null;
}

/**
 * For an entity fetch (`_entities` with representations), one object per representation with
 * each field the fetch selects for that type set to null; null for any other operation.
 */
function unavailableEntities(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
): Record<string, unknown>[] | null {
  const representations = options.request.variables?.representations;
  if (!Array.isArray(representations) || !options.request.query) return null;
  const document = parse(options.request.query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const entities =
    operation?.kind === Kind.OPERATION_DEFINITION
      ? operation.selectionSet.selections.find(
          (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === '_entities',
        )
      : undefined;
  if (!entities?.selectionSet) return null;
  const fieldsOf = (typename: string): string[] =>
    entities.selectionSet!.selections.flatMap((s) => {
      if (s.kind === Kind.FIELD) return [s.alias?.value ?? s.name.value];
      if (s.kind !== Kind.INLINE_FRAGMENT) return [];
      if (s.typeCondition && s.typeCondition.name.value !== typename) return [];
      return s.selectionSet.selections.flatMap((f) =>
        f.kind === Kind.FIELD ? [f.alias?.value ?? f.name.value] : [],
      );
    });
  return representations.map((rep: { __typename?: string }) => {
    const typename = String(rep?.__typename ?? '');
    return {
      __typename: typename,
      ...Object.fromEntries(
        fieldsOf(typename)
          .filter((f) => f !== '__typename')
          .map((f) => [f, null]),
      ),
    };
  });
}

export interface GatewayDeps {
  config: Pick<
    GatewayConfig,
    'subgraphUrls' | 'subgraphTimeoutMs' | 'production' | 'userLimits'
  > & {
    supergraphPath?: string;
  };
  /** The composed supergraph SDL; read from `config.supergraphPath` when absent. */
  supergraphSdl?: string;
  /** Verifies a user's token (shared/auth.ts `createUserTokenVerifier`); throws AuthError. */
  verifyUser: (token: string) => Promise<User>;
  /** Signs the internal token for one subgraph (shared/auth.ts `createInternalTokenSigner`). */
  signInternal: (principal: Principal, audience: string) => Promise<string>;
  logger?: Logger;
}

/** Rejects a request before anything runs, with an HTTP status and a stable code. */
class RequestRejected extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * Who is asking and why, from the request's headers: the user (verified token), a request id
 * (the client's `X-Request-Id` if well-formed, else a new one), the purpose (`X-Purpose`, e.g.
 * `contact:C0001234`) and a break-glass reason (`X-Break-Glass-Reason`).
 */
async function authenticate(
  req: http.IncomingMessage,
  verifyUser: (token: string) => Promise<User>,
): Promise<Principal> {
  const user = await verifyUser(bearerToken(req.headers.authorization));
  const given = header(req, 'x-request-id');
  const requestId = given && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
  const purpose = header(req, 'x-purpose')?.trim() || null;
  if (purpose !== null && (purpose.length > 200 || !/^[\p{L}\p{N}\p{P}\p{S} ]+$/u.test(purpose))) {
    throw new RequestRejected(
      400,
      'BAD_PURPOSE',
      'X-Purpose must be at most 200 printable characters',
    );
  }
  const breakGlassReason = header(req, 'x-break-glass-reason')?.trim() || null;
  const breakGlassChildId = header(req, 'x-break-glass-child')?.trim() || null;
  if (breakGlassReason !== null || breakGlassChildId !== null) {
    // Break-glass is for one child, named, with a reason a manager can review.
    if (breakGlassChildId === null || !/^[\w-]{1,64}$/.test(breakGlassChildId)) {
      throw new RequestRejected(
        400,
        'BAD_BREAK_GLASS_CHILD',
        'X-Break-Glass-Child must name the one child (its id) whose records you must see; break-glass is for one child per request',
      );
    }
    const problem =
      breakGlassReason === null ? 'is missing' : breakGlassReasonProblem(breakGlassReason);
    if (problem !== null) {
      throw new RequestRejected(400, 'BAD_BREAK_GLASS_REASON', `X-Break-Glass-Reason ${problem}`);
    }
  }
  return { user, requestId, purpose, breakGlassReason, breakGlassChildId };
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
        deps.signInternal,
      ),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    // Tokens are limited by graphql-js's own parser option below, which fails as a parse error
    // (400) where armor's parser plugin fails as an unexpected error (500).
    maxTokens: { enabled: false },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
    // Cost is priced once, by gateway/cost.ts with the real page sizes (armor's own rule,
    // run at validation, sees only literal ones).
    costLimit: { enabled: false },
    // Suggestions ("Did you mean ...?") reveal the schema; keep them for developers only.
    blockFieldSuggestion: { enabled: deps.config.production },
  });
  const protection = armor.protect();
  const limiter = createUserLimiter(deps.config.userLimits, logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !deps.config.production,
    hideSchemaDetailsFromClientErrors: deps.config.production,
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Shutdown is ours (shared/process.ts): drain HTTP first, then stop Apollo, then the database.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    formatError: (formatted: GraphQLFormattedError) => {
      // Only the parser's and validators' own refusals are relabelled, so no other error (one
      // that might echo input) can borrow a user-facing code by its wording.
      const refusal = ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'].includes(
        String(formatted.extensions?.code),
      );
      const limit = refusal && LIMIT_MESSAGES.find(([pattern]) => pattern.test(formatted.message));
      if (limit)
        formatted = { ...formatted, extensions: { ...formatted.extensions, code: limit[1] } };
      // A subgraph in development mode attaches stack traces (file paths); never pass them on.
      if (formatted.extensions?.stacktrace) {
        const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
        formatted = { ...formatted, extensions };
      }
      if (!deps.config.production || userFacing(formatted)) return formatted;
      return MASKED_ERROR;
    },
    plugins: [
      ...protection.plugins,
      {
        async requestDidStart({ contextValue }) {
          const started = Date.now();
          return {
            // Strings are bounded and hold no control character here, so a bad one is the
            // client's error (400), not a subgraph failing, and reaches no agency; every subgraph
            // checks again for anything that reaches it directly.
            async didResolveOperation({ request, document, schema }) {
              checkInputs(request.variables, document, logger, contextValue.principal);
              checkCost(schema, document, request.variables ?? {}, OPERATION_LIMITS.maxCost);
            },
            async willSendResponse({ errors, response, operationName }) {
              // Every error names the request id, so a masked one can still be traced in the log.
              const body = response.body;
              if (body.kind === 'single' && body.singleResult.errors) {
                body.singleResult.errors = body.singleResult.errors.map((e) => ({
                  ...e,
                  extensions: { ...e.extensions, requestId: contextValue.principal.requestId },
                }));
              }
              // Who and what, never the variables' values.
              logger.info('operation', {
                requestId: contextValue.principal.requestId,
                userId: contextValue.principal.user.id,
                role: contextValue.principal.user.role,
                agency: contextValue.principal.user.agency,
                purpose: contextValue.principal.purpose,
                breakGlass: contextValue.principal.breakGlassReason !== null,
                operationName: operationName ?? null,
                ms: Date.now() - started,
                errors: errors?.length ?? 0,
              });
            },
            async didEncounterErrors({ errors }) {
              for (const error of errors) {
                const code = String(error.extensions?.code ?? '');
                if (!userFacing(error)) {
                  logger.error('operation error', {
                    requestId: contextValue.principal.requestId,
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
        authenticate: async (req) => {
          try {
            return await authenticate(req, deps.verifyUser);
          } catch (error) {
            // A refused sign-in is a security event: logged with why, never with the token.
            logger.warn('request refused', {
              code: (error as { code?: string }).code ?? 'UNKNOWN',
              reason: (error as Error).message,
              remoteAddress: req.socket.remoteAddress ?? null,
            });
            throw error;
          }
        },
        // Each verified user's share of the gateway; the probes never count.
        admit: (_req, principal) => limiter.admit(principal.user.id),
        context: async (_req, principal) => ({ principal }),
        // The gateway itself holds no state; it is ready once the supergraph is loaded.
        ready: async () => true,
      });
    },
  };
}
