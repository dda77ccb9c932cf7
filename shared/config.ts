import path from 'node:path';
import { z } from 'zod';
import { AGENCY_REGISTRY } from './agencies';
import { agencyDatabase, type AgencyDatabase } from './roles';

/** Every agency's subgraph, in the registry's order (shared/agencies.json). One name everywhere. */
export const SUBGRAPH_NAMES: readonly string[] = AGENCY_REGISTRY.map((a) => a.name);
/** A subgraph's name, as the registry gives it (`police`). */
export type SubgraphName = string;

/** Default ports: the gateway on 4000, each subgraph on its registry port. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  gateway: 4000,
  ...Object.fromEntries(AGENCY_REGISTRY.map((a) => [a.name, a.port])),
};

/** Default port of the workbench (web/), the practitioners' and analysts' screens. */
export const DEFAULT_WEB_PORT = 4005;

/**
 * Where a subgraph keeps its data, always PostgreSQL:
 * - `embedded`: its database (with its owner and service roles) on the embedded cluster in
 *   `clusterDir` (shared/embedded-postgres.ts), reached through the cluster's Unix socket;
 * - `postgres`: a server at `url`, connecting as the service's own role. `ownerUrl`, when given,
 *   is the owner role that runs the migrations and grants the service role its privileges; without
 *   it the service's own role runs them. `schema`, when given, is created and put first on the
 *   search path (tests use it to isolate runs in one database).
 */
export type DatabaseConfig =
  | { kind: 'embedded'; clusterDir: string; names: AgencyDatabase }
  | { kind: 'postgres'; url: string; ownerUrl?: string; schema?: string };

export interface SubgraphConfig {
  name: SubgraphName;
  host: string;
  port: number;
  database: DatabaseConfig;
}

/**
 * How much of the gateway one user may take, so that one user (or one stolen token) cannot starve
 * the MASH: GraphQL requests in progress at once, and requests started in each window (a fixed
 * window from the user's first request in it). 0 turns a limit off. Enforced by
 * gateway/user-limits.ts, keyed by the verified user's id.
 */
export interface UserLimits {
  /** `GATEWAY_USER_MAX_CONCURRENT`: one user's requests in progress at once; 0: no limit. */
  maxConcurrent: number;
  /** `GATEWAY_USER_RATE`: the requests one user may start in each window; 0: no limit. */
  rate: number;
  /** `GATEWAY_USER_RATE_WINDOW_SECONDS`: the rate's window. */
  windowSeconds: number;
}

/**
 * The defaults, which refuse nothing the workbench does: a page sends at most two requests at
 * once (its own and, once per load, the contact sources), so 6 lets three tabs load together; a
 * person working the queue, children and contacts sends a few a minute, far under 120.
 */
export const DEFAULT_USER_LIMITS: UserLimits = { maxConcurrent: 6, rate: 120, windowSeconds: 60 };

export interface GatewayConfig {
  host: string;
  port: number;
  /** GraphQL endpoint of each subgraph; the static supergraph's own URLs are ignored. */
  subgraphUrls: Record<SubgraphName, string>;
  supergraphPath: string;
  /** How long the gateway waits for one subgraph before answering without it. */
  subgraphTimeoutMs: number;
  /** Production mode: introspection off, errors masked. */
  production: boolean;
  /** Each user's share of the gateway: concurrency and rate. */
  userLimits: UserLimits;
}

/** The workbench: a web app served to browsers, talking only to the gateway's public API. */
export interface WebConfig {
  host: string;
  port: number;
  /** The gateway's GraphQL endpoint, to which the workbench passes the browser's requests. */
  gatewayUrl: string;
}

export interface SeedConfig {
  seed: number;
  /** 1 is one London borough's MASH; tests use a small fraction. */
  scale: number;
}

/**
 * Where tokens are verified and signed. Users' tokens come from an identity provider (issuer,
 * audience, public keys as a JWKS file or URL); the gateway signs internal tokens with its own
 * private key and the subgraphs verify them with the matching public JWKS.
 */
export interface AuthConfig {
  /** JWKS file or URL of the users' identity provider; null in production when not given. */
  userJwks: string | null;
  issuer: string;
  audience: string;
  /** The gateway's private JWK file; null in production when not given. */
  internalSigningKey: string | null;
  /** The gateway's public JWKS file or URL; null in production when not given. */
  internalJwks: string | null;
  /** The lead subgraph's private JWK file for relationship grants; null in production when not given. */
  grantSigningKey: string | null;
  /** The lead subgraph's public grant JWKS file or URL (the partners'); null in production when not given. */
  grantJwks: string | null;
  /**
   * Set in development when the keys are the embedded defaults: the folder holding the local
   * development issuer's and the internal key pairs, generated on first use.
   */
  devKeysDir: string | null;
}

/**
 * The settings every process shares. A service's own settings (socialcare's RAG targets, the
 * partners' match thresholds) are read by that service (`SubgraphParts.settings`) with
 * `parseSettings`, so this module knows no agency's business.
 */
export interface Config {
  dataDir: string;
  auth: AuthConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  seed: SeedConfig;
  gateway: GatewayConfig;
  subgraphs: Record<SubgraphName, SubgraphConfig>;
  web: WebConfig;
}

/** Raised when the environment is invalid; `problems` lists every bad setting, not only the first. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const REPO_ROOT = path.resolve(__dirname, '..');

/** The embedded local development issuer's name and the audience its tokens carry. */
export const DEV_ISSUER = 'mash-dev-issuer';
export const DEV_AUDIENCE = 'mash-gateway';

/** Folders (under the data directory's `keys/`) of the development key pairs. */
export const DEV_KEY_PAIRS = {
  issuer: 'dev-issuer',
  internal: 'internal',
  grant: 'relationship-grant',
} as const;

const port = z.coerce.number().int().min(0).max(65535);
const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL');

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  MASH_DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'data')),
  MASH_SEED: z.coerce.number().int().min(0).default(20261122),
  MASH_SCALE: z.coerce.number().positive().max(10).default(1),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  GATEWAY_PORT: port.default(DEFAULT_PORTS.gateway),
  WEB_PORT: port.default(DEFAULT_WEB_PORT),
  GATEWAY_URL: z.string().url().optional(),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SUPERGRAPH_PATH: z.string().min(1).default(path.join(REPO_ROOT, 'supergraph.graphql')),
  GATEWAY_USER_MAX_CONCURRENT: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(DEFAULT_USER_LIMITS.maxConcurrent),
  GATEWAY_USER_RATE: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(DEFAULT_USER_LIMITS.rate),
  GATEWAY_USER_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(DEFAULT_USER_LIMITS.windowSeconds),
  AUTH_JWKS: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).default(DEV_ISSUER),
  AUTH_AUDIENCE: z.string().min(1).default(DEV_AUDIENCE),
  INTERNAL_SIGNING_KEY: z.string().min(1).optional(),
  INTERNAL_JWKS: z.string().min(1).optional(),
  GRANT_SIGNING_KEY: z.string().min(1).optional(),
  GRANT_JWKS: z.string().min(1).optional(),
});

// Per subgraph: <NAME>_PORT, <NAME>_DATABASE_URL (its service role), <NAME>_OWNER_DATABASE_URL
// (its owner role, for migrations) and <NAME>_URL (where the gateway finds it).
const envSchema = baseSchema.extend(
  Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name) => {
      const prefix = name.toUpperCase();
      return [
        [`${prefix}_PORT`, port.default(DEFAULT_PORTS[name])],
        [`${prefix}_DATABASE_URL`, postgresUrl.optional()],
        [`${prefix}_OWNER_DATABASE_URL`, postgresUrl.optional()],
        [`${prefix}_URL`, z.string().url().optional()],
      ];
    }),
  ) as Record<string, z.ZodType>,
);

/** Where the embedded PostgreSQL cluster lives under a data directory. */
export function embeddedClusterDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

/**
 * The database URL of one subgraph given a server URL: the server URL's database name (or `mash`)
 * suffixed with the subgraph name, so `postgres://h/mash` gives `postgres://h/mash_police`.
 */
export function databaseUrlFor(serverUrl: string, name: SubgraphName): string {
  const url = new URL(serverUrl);
  const base = url.pathname.replace(/^\//, '') || 'mash';
  url.pathname = `/${base}_${name}`;
  return url.toString();
}

/**
 * Validates settings from `env` against a zod schema of them, naming every bad one at once in a
 * ConfigError: how `loadConfig` reads the shared settings and each service reads its own.
 */
export function parseSettings<S extends z.ZodTypeAny>(
  schema: S,
  env: NodeJS.ProcessEnv,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/**
 * Reads and validates every shared setting from `env` at once. Entrypoints call it (and their
 * service's own settings reader) and pass the result into factories; tests build their own.
 * Throws `ConfigError` naming every problem.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseSettings(envSchema, env) as z.infer<typeof baseSchema> & Record<string, unknown>;
  const dataDir = path.resolve(e.MASH_DATA_DIR);
  const production = e.NODE_ENV === 'production';
  const ownerWithoutService = SUBGRAPH_NAMES.filter(
    (n) => e[`${n.toUpperCase()}_OWNER_DATABASE_URL`] && !e[`${n.toUpperCase()}_DATABASE_URL`],
  );
  if (ownerWithoutService.length > 0) {
    throw new ConfigError(
      ownerWithoutService.map(
        (n) =>
          `${n.toUpperCase()}_OWNER_DATABASE_URL: needs ${n.toUpperCase()}_DATABASE_URL, the service role the subgraph serves as`,
      ),
    );
  }
  if (production && e.AUTH_JWKS?.startsWith('http://')) {
    throw new ConfigError([
      'AUTH_JWKS: must be a file or an https:// URL when NODE_ENV=production',
    ]);
  }
  // Outside production, anything not given falls back to the development keys under the data
  // directory (generated on first use); production never does, and each entrypoint refuses to
  // start without the keys it needs (the gateway: AUTH_JWKS and INTERNAL_SIGNING_KEY; a
  // subgraph: INTERNAL_JWKS and GRANT_JWKS; the lead subgraph also GRANT_SIGNING_KEY).
  const keysDir = path.join(dataDir, 'keys');
  const dev = (file: string) => (production ? null : path.join(keysDir, file));
  const auth: AuthConfig = {
    userJwks: e.AUTH_JWKS ?? dev(path.join(DEV_KEY_PAIRS.issuer, 'jwks.json')),
    issuer: e.AUTH_ISSUER,
    audience: e.AUTH_AUDIENCE,
    internalSigningKey:
      e.INTERNAL_SIGNING_KEY ?? dev(path.join(DEV_KEY_PAIRS.internal, 'private.jwk.json')),
    internalJwks: e.INTERNAL_JWKS ?? dev(path.join(DEV_KEY_PAIRS.internal, 'jwks.json')),
    grantSigningKey: e.GRANT_SIGNING_KEY ?? dev(path.join(DEV_KEY_PAIRS.grant, 'private.jwk.json')),
    grantJwks: e.GRANT_JWKS ?? dev(path.join(DEV_KEY_PAIRS.grant, 'jwks.json')),
    devKeysDir:
      !production &&
      (!e.AUTH_JWKS ||
        !e.INTERNAL_SIGNING_KEY ||
        !e.INTERNAL_JWKS ||
        !e.GRANT_SIGNING_KEY ||
        !e.GRANT_JWKS)
        ? keysDir
        : null,
  };

  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const prefix = name.toUpperCase();
      const ownUrl = e[`${prefix}_DATABASE_URL`] as string | undefined;
      const ownerUrl = e[`${prefix}_OWNER_DATABASE_URL`] as string | undefined;
      const url = ownUrl ?? (e.DATABASE_URL ? databaseUrlFor(e.DATABASE_URL, name) : undefined);
      const database: DatabaseConfig = url
        ? { kind: 'postgres', url, ...(ownerUrl ? { ownerUrl } : {}) }
        : {
            kind: 'embedded',
            clusterDir: embeddedClusterDir(dataDir),
            names: agencyDatabase(name),
          };
      return [name, { name, host: e.HOST, port: e[`${prefix}_PORT`] as number, database }];
    }),
  ) as Record<SubgraphName, SubgraphConfig>;

  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const explicit = e[`${name.toUpperCase()}_URL`] as string | undefined;
      return [name, explicit ?? `http://127.0.0.1:${subgraphs[name].port}/graphql`];
    }),
  ) as Record<SubgraphName, string>;

  return {
    dataDir,
    auth,
    logLevel: e.LOG_LEVEL,
    seed: { seed: e.MASH_SEED, scale: e.MASH_SCALE },
    gateway: {
      host: e.HOST,
      port: e.GATEWAY_PORT,
      subgraphUrls,
      supergraphPath: path.resolve(e.SUPERGRAPH_PATH),
      subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
      production,
      userLimits: {
        maxConcurrent: e.GATEWAY_USER_MAX_CONCURRENT,
        rate: e.GATEWAY_USER_RATE,
        windowSeconds: e.GATEWAY_USER_RATE_WINDOW_SECONDS,
      },
    },
    subgraphs,
    web: {
      host: e.HOST,
      port: e.WEB_PORT,
      gatewayUrl: e.GATEWAY_URL ?? `http://127.0.0.1:${e.GATEWAY_PORT}/graphql`,
    },
  };
}

/**
 * The settings an entrypoint cannot run without, by name; exits with status 2 naming the missing
 * ones (as `loadConfigOrExit` does for invalid ones).
 */
export function requireSettings<T>(settings: Record<string, T | null>): Record<string, T> {
  const missing = Object.keys(settings).filter((k) => settings[k] === null);
  if (missing.length > 0) {
    process.stderr.write(
      `${new ConfigError(missing.map((k) => `${k}: required when NODE_ENV=production`)).message}\n`,
    );
    process.exit(2);
  }
  return settings as Record<string, T>;
}

/** `loadConfig` for entrypoints: prints every problem and exits with status 2 on bad settings. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  return orExit(() => loadConfig(env));
}

/** Runs a settings reader for an entrypoint: on a ConfigError prints it and exits with status 2. */
export function orExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
