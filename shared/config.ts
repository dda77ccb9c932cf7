import path from 'node:path';
import { z } from 'zod';

/** The four agency subgraphs, in the order the gateway lists them. One name everywhere. */
export const SUBGRAPH_NAMES = ['socialcare', 'police', 'health', 'education'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default ports: the gateway on 4000, the subgraphs from 4001 in `SUBGRAPH_NAMES` order. */
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  socialcare: 4001,
  police: 4002,
  health: 4003,
  education: 4004,
};

/**
 * Where a subgraph keeps its data: an embedded PGlite data directory (`memory://` for a throwaway
 * in-memory database) or a PostgreSQL server reached through `pg`.
 */
export type DatabaseConfig =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; schema?: string };

export interface SubgraphConfig {
  name: SubgraphName;
  host: string;
  port: number;
  database: DatabaseConfig;
}

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
}

export interface SeedConfig {
  seed: number;
  /** 1 is one London borough's MASH; tests use a small fraction. */
  scale: number;
}

export interface Config {
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  seed: SeedConfig;
  gateway: GatewayConfig;
  subgraphs: Record<SubgraphName, SubgraphConfig>;
}

/** Raised when the environment is invalid; `problems` lists every bad setting, not only the first. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const REPO_ROOT = path.resolve(__dirname, '..');

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
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SUPERGRAPH_PATH: z.string().min(1).default(path.join(REPO_ROOT, 'supergraph.graphql')),
});

// Per subgraph: <NAME>_PORT, <NAME>_DATABASE_URL and <NAME>_URL (where the gateway finds it).
const envSchema = baseSchema.extend(
  Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name) => {
      const prefix = name.toUpperCase();
      return [
        [`${prefix}_PORT`, port.default(DEFAULT_PORTS[name])],
        [`${prefix}_DATABASE_URL`, postgresUrl.optional()],
        [`${prefix}_URL`, z.string().url().optional()],
      ];
    }),
  ) as Record<string, z.ZodType>,
);

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
 * Reads and validates every setting from `env` at once. This is the only module that reads the
 * environment: entrypoints call it and pass the result into factories; tests build their own.
 * Throws `ConfigError` naming every problem.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const e = parsed.data as z.infer<typeof baseSchema> & Record<string, unknown>;
  const dataDir = path.resolve(e.MASH_DATA_DIR);

  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const prefix = name.toUpperCase();
      const ownUrl = e[`${prefix}_DATABASE_URL`] as string | undefined;
      const url = ownUrl ?? (e.DATABASE_URL ? databaseUrlFor(e.DATABASE_URL, name) : undefined);
      const database: DatabaseConfig = url
        ? { kind: 'postgres', url }
        : { kind: 'pglite', dataDir: path.join(dataDir, name) };
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
    logLevel: e.LOG_LEVEL,
    seed: { seed: e.MASH_SEED, scale: e.MASH_SCALE },
    gateway: {
      host: e.HOST,
      port: e.GATEWAY_PORT,
      subgraphUrls,
      supergraphPath: path.resolve(e.SUPERGRAPH_PATH),
      subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
      production: e.NODE_ENV === 'production',
    },
    subgraphs,
  };
}

/** `loadConfig` for entrypoints: prints every problem and exits with status 2 on bad settings. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
