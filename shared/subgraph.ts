import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import {
  GraphQLError,
  parse,
  print,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { DataSource, MixedList } from 'typeorm';
import { LEAD_AGENCY, REGISTRY_ENUMS, withPartnerEvents } from './agencies';
import { bearerToken, createInternalTokenVerifier, type Principal } from './auth';
import { appendAudit, AuditRecorder } from './audit';
import {
  loadConfigOrExit,
  orExit,
  requireSettings,
  type Config,
  type SubgraphConfig,
  type SubgraphName,
} from './config';
import {
  countStatements,
  createDatabase,
  EmbeddedNotRunningError,
  PendingMigrationsError,
  type Database,
} from './database';
import { ErrorCode, MASKED_ERROR, userFacingCodes } from './errors';
import { createHttpServer, listen, type RunningServer } from './http';
import { ensureDevKeys, loadJwks, loadSigningKey } from './keys';
import {
  createGrantListSigner,
  createGrantVerifier,
  RequestGrants,
  type GrantListSigner,
  type GrantVerifier,
} from './grants';
import { checkInputs } from './limits';
import { createLogger, silentLogger, type Logger } from './logger';
import { onShutdown } from './process';

const VOCABULARY_FILE = path.join(__dirname, 'vocabulary.graphql');

let shared: ReadonlyMap<string, string> | undefined;

/**
 * The definitions every subgraph may use without declaring, by name: the federation's vocabulary
 * (shared/vocabulary.graphql) and the enums naming agencies (the registry's, shared/agencies.ts).
 */
function sharedDefinitions(): ReadonlyMap<string, string> {
  shared ??= new Map([
    ...parse(fs.readFileSync(VOCABULARY_FILE, 'utf8')).definitions.map((d): [string, string] => [
      'name' in d && d.name ? d.name.value : '',
      print(d),
    ]),
    ...Object.entries(REGISTRY_ENUMS),
  ]);
  return shared;
}

/**
 * `sdl` with every shared definition it uses as a type (`: Sex`, `[ChronologyEvent!]`) but does
 * not declare added at its end, and the ones those use in turn: so each subgraph serves the one
 * wording of the federation's vocabulary, and a new agency's schema holds only its own types.
 */
export function withSharedDefinitions(sdl: string): string {
  const definitions = sharedDefinitions();
  let out = sdl;
  for (;;) {
    const missing = [...definitions].filter(
      ([name]) =>
        new RegExp(`:\\s*\\[*\\s*${name}\\b`).test(out) &&
        !new RegExp(`(^|\\n)\\s*(scalar|type|enum|input|interface|union)\\s+${name}\\b`).test(out),
    );
    if (missing.length === 0) return out;
    out = `${out.trimEnd()}\n\n${missing.map(([, definition]) => definition.trimEnd()).join('\n\n')}\n`;
  }
}

/**
 * Reads a subgraph's SDL from its folder: `schema.graphql`, or every `schema/*.graphql` in name
 * order joined into one document (so a file may extend `Query` or `Mutation` with a feature's
 * fields, and parse errors give lines of the joined text), with the shared definitions it uses
 * added (`withSharedDefinitions`). Throws when the folder has both or neither, or an empty
 * `schema/`.
 */
export function readSchemaFiles(dir: string): string {
  const single = path.join(dir, 'schema.graphql');
  const folder = path.join(dir, 'schema');
  const hasSingle = fs.existsSync(single);
  if (hasSingle === fs.existsSync(folder)) {
    throw new Error(
      `${dir} needs schema.graphql or a schema/ folder, ${hasSingle ? 'not both' : 'and has neither'}`,
    );
  }
  if (hasSingle) return withSharedDefinitions(withPartnerEvents(fs.readFileSync(single, 'utf8')));
  const files = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`${folder} holds no .graphql file`);
  return withSharedDefinitions(
    withPartnerEvents(
      files.map((name) => fs.readFileSync(path.join(folder, name), 'utf8')).join('\n'),
    ),
  );
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
  /**
   * Verifies the gateway's internal token (audience = this subgraph) and returns who is asking.
   * Every GraphQL request needs one; only the probes are open.
   */
  verifyToken: (token: string) => Promise<Principal>;
  /**
   * Verifies the relationship grants the lead subgraph signs (shared/grants.ts): a partner
   * discloses a child's records on the basis a trusted grant states, never on representation facts.
   */
  verifyGrant: GrantVerifier;
  /** The lead subgraph's grant signer, over its own key; absent in the partners. */
  signGrants?: GrantListSigner;
  logger?: Logger;
  production?: boolean;
  /** The clock; tests fix it. */
  now?: () => Date;
  /**
   * False only in the audit-cost benchmark (scripts/bench-audit.ts), to measure reads without
   * the audit write beside reads with it. No setting reaches it: a running service always audits.
   */
  recordAudit?: boolean;
}

/**
 * What every subgraph request's context holds: the instant, who is asking (from the verified
 * internal token), and the recorder its resolvers report disclosures, withholdings and refusals
 * to. Each subgraph's context extends this with its own loaders.
 */
export interface RequestScope {
  now: Date;
  principal: Principal;
  audit: AuditRecorder;
  /** The request's relationship grants, verified before any resolver runs (shared/grants.ts). */
  grants: RequestGrants;
}

export interface SubgraphServerOptions<TContext extends RequestScope> {
  typeDefs: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolver maps are loosely typed upstream
  resolvers: GraphQLResolverMap<any>;
  deps: SubgraphDeps;
  /**
   * The subgraph's own error codes whose messages a user may read, beside every service's
   * (shared/errors.ts `userFacingCodes`). In production any other error is masked before it
   * leaves the subgraph, and logged.
   */
  codes?: Iterable<string>;
  /** Builds one request's context (fresh loaders) around its scope. */
  context: (scope: RequestScope) => TContext;
}

/**
 * A variable graphql-js could not coerce (a date that does not exist, a value outside an enum) is
 * reported as BAD_USER_INPUT naming the variable and the path in it; this puts that path in
 * `extensions.field`, as the resolvers' own validation does (`children[0].newChild.dateOfBirth`
 * inside a mutation's `$input`, `first` for a whole variable, `ids[1]` for an item of one).
 */
export function withVariableField(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  if (extensions.code !== 'BAD_USER_INPUT' || extensions.field !== undefined) return formatted;
  const match = /^Variable "\$(\w+)" got invalid value(?: .*? at "([^"]+)")?/s.exec(
    formatted.message,
  );
  if (!match) return formatted;
  // Mutations take one `input`: their fields are named inside it, as the resolvers name them.
  const path = match[2] ?? match[1];
  const field = path.startsWith('input.') ? path.slice('input.'.length) : path;
  return field ? { ...formatted, extensions: { ...extensions, field } } : formatted;
}

/**
 * Wraps a subgraph's SDL and resolvers in an ApolloServer plus HTTP handler with `/health` and
 * `/ready` (readiness runs `SELECT 1` on the subgraph's own database). A request sent with
 * `x-mash-contract: backend-calls` gets its SQL statement count in `x-mash-backend-calls`.
 */
export function createSubgraphServer<TContext extends RequestScope>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer<TContext> {
  const { deps } = options;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const shown = userFacingCodes(options.codes);
  const apollo = new ApolloServer<TContext>({
    schema: createSubgraphSchema(options.typeDefs, options.resolvers),
    includeStacktraceInErrorResponses: !deps.production,
    introspection: !deps.production,
    csrfPrevention: true,
    formatError: (formatted, error) => {
      const code = String(formatted.extensions?.code ?? '');
      if (!deps.production || shown.has(code)) return withVariableField(formatted);
      logger.error('unexpected error; masked', { code, error: String(error) });
      return MASKED_ERROR;
    },
    // Shutdown is ours (shared/process.ts): drain HTTP first, then stop Apollo, then the database.
    stopOnTerminationSignals: false,
    // Federated tracing would send timing data to the gateway on every response, and cache
    // control would price every field resolved for a Cache-Control header; nothing reads either
    // (no answer here may be cached).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      {
        // Every string a client can send is bounded, whether inline or in variables, and holds
        // no control character (the gateway refuses both first; this holds for a direct call and
        // for the representations the gateway passes on from another agency).
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, contextValue }) {
              checkInputs(request.variables, document, logger, contextValue.principal);
              // Relationship grants are verified side by side before any resolver runs.
              await contextValue.grants.prepare(request.variables);
            },
          };
        },
      },
      {
        // The audit rows are written before the response leaves: nothing is disclosed unrecorded.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              const entries = contextValue.audit.drain();
              if (deps.recordAudit === false) return;
              try {
                await appendAudit(
                  deps.dataSource,
                  contextValue.principal,
                  entries,
                  contextValue.now,
                );
              } catch (error) {
                logger.error('audit write failed; response withheld', {
                  requestId: contextValue.principal.requestId,
                  error: String(error),
                });
                if (response.body.kind === 'single') {
                  response.body.singleResult = {
                    data: null,
                    errors: [
                      new GraphQLError(
                        'The disclosure could not be recorded, so nothing is disclosed',
                        {
                          extensions: { code: ErrorCode.AUDIT_UNAVAILABLE },
                        },
                      ),
                    ],
                  };
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
        authenticate: (req) => deps.verifyToken(bearerToken(req.headers.authorization)),
        context: async (_req, principal) =>
          options.context({
            now: now(),
            principal,
            audit: new AuditRecorder(),
            grants: new RequestGrants(deps.verifyGrant, principal),
          }),
        ready: async () => {
          await deps.dataSource.query('SELECT 1');
          return true;
        },
        // The partner contract's backend-calls header: the statements of the request, its
        // audit write included (docs/contract.md).
        countBackendCalls: async (work) => {
          const { result, statements } = await countStatements(work);
          return { result, calls: statements };
        },
      });
    },
  };
}

/** The parts of a subgraph its entrypoint hands to `runSubgraph`. */
export interface SubgraphParts<
  TContext extends RequestScope,
  TDeps extends SubgraphDeps = SubgraphDeps,
> {
  entities: MixedList<string | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
  /**
   * Reads the subgraph's own settings from the environment into the deps its server takes beyond
   * every subgraph's; throws ConfigError (shared/config.ts `parseSettings`) naming every bad one,
   * and the entrypoint exits with status 2.
   */
  settings?: (env: NodeJS.ProcessEnv, config: Config) => Omit<TDeps, keyof SubgraphDeps>;
  createServer: (deps: TDeps) => SubgraphServer<TContext>;
  /**
   * Work on the subgraph's own database after its migrations and before it listens (socialcare
   * refreshes its working-day calendar). A failure stops the start, as a failed migration does.
   */
  onStart?: (dataSource: DataSource, logger: Logger) => Promise<void>;
}

/**
 * The body of every subgraph entrypoint: read the config (exit 2 if invalid), open the database
 * (running migrations), run the subgraph's `onStart`, start the server, listen, and on SIGINT/SIGTERM
 * (or the parent going away) drain and close in order. Exits 1 if it cannot start.
 */
export function runSubgraph<TContext extends RequestScope, TDeps extends SubgraphDeps>(
  name: SubgraphName,
  parts: SubgraphParts<TContext, TDeps>,
): void {
  const config = loadConfigOrExit();
  const own = orExit(() => parts.settings?.(process.env, config));
  startSubgraph(config.subgraphs[name], config, parts, own).catch((error: unknown) => {
    process.stderr.write(`${name} failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/**
 * How long a subgraph on the embedded server waits for its database to be made and migrated:
 * `npm start` starts the services beside the seeder that does it, so that their own start
 * overlaps the seeder's. A first start seeds after migrating, so this is never the seeding time.
 */
const PREPARE_WAIT_MS = 120_000;

/** Errors that mean the database is not ready yet rather than wrong. */
function notPreparedYet(error: unknown): boolean {
  const { code } = error as { code?: string };
  return (
    error instanceof EmbeddedNotRunningError ||
    error instanceof PendingMigrationsError ||
    // invalid_catalog_name (no database yet), invalid_authorization_specification (no role yet),
    // insufficient_privilege and undefined_table (not yet granted, not yet migrated), the socket
    // not there yet, the server starting up. A real lack of privilege is reported when the wait
    // is over, as it stands.
    ['3D000', '28000', '42501', '42P01', 'ENOENT', 'ECONNREFUSED', '57P03'].includes(code ?? '')
  );
}

/** `open()`, tried again every 100 ms for up to `waitMs` while the database is not ready yet. */
async function openWhenPrepared(
  open: () => Promise<Database>,
  waitMs: number,
  logger: Logger,
): Promise<Database> {
  const until = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!notPreparedYet(error) || Date.now() > until) throw error;
      if (!told) logger.info('waiting for the database to be made and migrated');
      told = true;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function startSubgraph<TContext extends RequestScope, TDeps extends SubgraphDeps>(
  config: SubgraphConfig,
  all: Config,
  options: SubgraphParts<TContext, TDeps>,
  own: Omit<TDeps, keyof SubgraphDeps> | undefined,
): Promise<RunningServer> {
  const logger = createLogger(config.name, all.logLevel);
  if (all.auth.devKeysDir) await ensureDevKeys(all.auth.devKeysDir);
  const { INTERNAL_JWKS } = requireSettings({ INTERNAL_JWKS: all.auth.internalJwks });
  const verifyToken = createInternalTokenVerifier({
    keys: loadJwks(INTERNAL_JWKS),
    audience: config.name,
  });
  const { GRANT_JWKS } = requireSettings({ GRANT_JWKS: all.auth.grantJwks });
  // The lead subgraph alone signs relationship grants, with a key of its own.
  const signGrants =
    config.name === LEAD_AGENCY.name
      ? createGrantListSigner(
          await loadSigningKey(
            requireSettings({ GRANT_SIGNING_KEY: all.auth.grantSigningKey }).GRANT_SIGNING_KEY,
          ),
        )
      : undefined;
  const verifyGrant = createGrantVerifier(loadJwks(GRANT_JWKS));
  const database = await openWhenPrepared(
    () =>
      createDatabase({
        database: config.database,
        entities: options.entities,
        migrations: options.migrations,
        applicationName: `mash-${config.name}`,
      }),
    config.database.kind === 'embedded' ? PREPARE_WAIT_MS : 0,
    logger,
  );
  try {
    await options.onStart?.(database.dataSource, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
  const deps: SubgraphDeps = {
    dataSource: database.dataSource,
    verifyToken,
    verifyGrant,
    ...(signGrants ? { signGrants } : {}),
    logger,
    production: all.gateway.production,
  };
  const server = options.createServer({ ...own, ...deps } as TDeps);
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

/**
 * The `createServer` of the subgraph named `name` (subgraphs/<name>/server.ts), found by name at
 * run time: so that what starts every agency in one process (tests, benchmarks) reads the
 * registry and a new agency needs no edit there.
 */
export function subgraphServerFactory<TDeps extends SubgraphDeps = SubgraphDeps>(
  name: SubgraphName,
): (deps: TDeps) => SubgraphServer<RequestScope> {
  const file = path.resolve(__dirname, '..', 'subgraphs', name, 'server');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- found by name, at run time
  return (require(file) as { createServer: (deps: TDeps) => SubgraphServer<RequestScope> })
    .createServer;
}
