import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError, DEFAULT_PORTS, SUBGRAPH_NAMES, loadConfig } from '../../shared/config';

// The compose file is the deployment's copy of the settings in shared/config.ts. These tests feed
// each service's environment through `loadConfig`, so a renamed or mistyped variable fails here
// instead of silently falling back to a default inside a container.

const REPO_ROOT = path.resolve(__dirname, '../..');

interface ComposeService {
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | Record<string, unknown>)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  profiles?: string[];
  volumes?: (string | Record<string, unknown>)[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(
  fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'),
) as ComposeFile;

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service named ${name}`);
  return found;
}

/** A service's environment as the container sees it: compose allows a map or `KEY=value` list. */
function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** The command as an argument list; a string command is split on whitespace as compose does. */
function commandOf(name: string): string[] {
  const command = service(name).command ?? [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

/** Names of the services `name` depends on, with the condition each waits for. */
function dependenciesOf(name: string): Record<string, string | undefined> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([d, spec]) => [d, spec.condition]));
}

/** A service's health check command as one string, whichever form compose was given. */
function healthcheckOf(name: string): string {
  const test = service(name).healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

/**
 * Whether `loadConfig` reads the variable `name`. Unknown variables are ignored without complaint,
 * so a name counts as read only if some nonsense value for it makes `loadConfig` name it in its
 * `ConfigError`. The two values between them are invalid for every kind of setting it has.
 */
function loadConfigReads(env: Record<string, string>, name: string): boolean {
  return ['', 'not a valid value'].some((value) => {
    try {
      loadConfig({ ...env, [name]: value });
      return false;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems.some((problem) => problem.startsWith(`${name}:`));
    }
  });
}

const OUR_SERVICES = [...SUBGRAPH_NAMES, 'gateway'] as const;

test('the compose file defines the gateway, every subgraph, a database for each and the demo seeder', () => {
  const expected = [...OUR_SERVICES, 'seed', ...SUBGRAPH_NAMES.map((name) => `${name}-db`)];
  expect(Object.keys(compose.services).sort()).toEqual(expected.sort());
});

test('only the gateway publishes a port to the host', () => {
  const publishing = Object.keys(compose.services).filter(
    (name) => (service(name).ports ?? []).length > 0,
  );
  expect(publishing).toEqual(['gateway']);
});

test.each([...OUR_SERVICES, 'seed'])(
  'every environment variable the %s service sets is one loadConfig reads',
  (name) => {
    const env = environmentOf(name);
    const ignored = Object.keys(env).filter((variable) => !loadConfigReads(env, variable));
    expect(ignored).toEqual([]);
  },
);

describe.each(SUBGRAPH_NAMES)('the %s subgraph service', (name) => {
  const prefix = name.toUpperCase();
  const databaseUrl = `postgres://mash:mash@${name}-db:5432/${name}`;

  test('sets its port variable to its default port from shared/config.ts', () => {
    expect(environmentOf(name)[`${prefix}_PORT`]).toBe(String(DEFAULT_PORTS[name]));
  });

  test('loads a config listening on all interfaces with its own postgres database', () => {
    expect(loadConfig(environmentOf(name)).subgraphs[name]).toEqual({
      name,
      host: '0.0.0.0',
      port: DEFAULT_PORTS[name],
      database: { kind: 'postgres', url: databaseUrl },
    });
  });

  test('runs in production mode', () => {
    expect(environmentOf(name).NODE_ENV).toBe('production');
  });

  test('connects to a database service whose database, user and password match its URL', () => {
    const url = new URL(environmentOf(name)[`${prefix}_DATABASE_URL`]);
    const db = environmentOf(url.hostname);
    expect({
      host: url.hostname,
      port: url.port,
      POSTGRES_DB: url.pathname.slice(1),
      POSTGRES_USER: url.username,
      POSTGRES_PASSWORD: url.password,
    }).toEqual({
      host: `${name}-db`,
      port: '5432',
      POSTGRES_DB: db.POSTGRES_DB,
      POSTGRES_USER: db.POSTGRES_USER,
      POSTGRES_PASSWORD: db.POSTGRES_PASSWORD,
    });
  });

  test('waits for its own database, and only that, to be healthy', () => {
    expect(dependenciesOf(name)).toEqual({ [`${name}-db`]: 'service_healthy' });
  });

  test('runs its entrypoint under tsx', () => {
    expect(commandOf(name)).toEqual(['node', '--import', 'tsx', `subgraphs/${name}/index.ts`]);
  });

  test('runs an entrypoint that exists in the repository', () => {
    const entrypoint = commandOf(name).at(-1) ?? '';
    const exists = fs.existsSync(path.join(REPO_ROOT, entrypoint));
    expect({ entrypoint, exists }).toEqual({ entrypoint, exists: true });
  });

  test('checks its health at /ready on the port it listens on', () => {
    const { port } = loadConfig(environmentOf(name)).subgraphs[name];
    expect(healthcheckOf(name)).toContain(`http://127.0.0.1:${port}/ready`);
  });
});

describe.each(SUBGRAPH_NAMES)('the %s database service', (name) => {
  test('names its database after the subgraph', () => {
    expect(environmentOf(`${name}-db`).POSTGRES_DB).toBe(name);
  });

  test('has a pg_isready health check', () => {
    expect(healthcheckOf(`${name}-db`)).toContain('pg_isready');
  });

  test('keeps its data in its own named volume', () => {
    const volume = `${name}-db-data`;
    expect({
      mounts: service(`${name}-db`).volumes,
      declared: Object.keys(compose.volumes ?? {}).includes(volume),
    }).toEqual({ mounts: [`${volume}:/var/lib/postgresql/data`], declared: true });
  });
});

describe('the gateway service', () => {
  test('loads a config listening on all interfaces on its default port in production mode', () => {
    const { host, port, production } = loadConfig(environmentOf('gateway')).gateway;
    expect({ host, port, production }).toEqual({
      host: '0.0.0.0',
      port: DEFAULT_PORTS.gateway,
      production: true,
    });
  });

  test('publishes the port it listens on', () => {
    const { port } = loadConfig(environmentOf('gateway')).gateway;
    expect(service('gateway').ports).toEqual([`${port}:${port}`]);
  });

  test('reaches each subgraph by its compose service name on the port that subgraph listens on', () => {
    const expected = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => {
        const { port } = loadConfig(environmentOf(name)).subgraphs[name];
        return [name, `http://${name}:${port}/graphql`];
      }),
    );
    expect(loadConfig(environmentOf('gateway')).gateway.subgraphUrls).toEqual(expected);
  });

  test('waits for every subgraph to be healthy', () => {
    expect(dependenciesOf('gateway')).toEqual(
      Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'service_healthy'])),
    );
  });

  test('runs its entrypoint under tsx', () => {
    expect(commandOf('gateway')).toEqual(['node', '--import', 'tsx', 'gateway/index.ts']);
  });

  test('runs an entrypoint that exists in the repository', () => {
    const entrypoint = commandOf('gateway').at(-1) ?? '';
    const exists = fs.existsSync(path.join(REPO_ROOT, entrypoint));
    expect({ entrypoint, exists }).toEqual({ entrypoint, exists: true });
  });

  test('checks its health at /ready on the port it listens on', () => {
    const { port } = loadConfig(environmentOf('gateway')).gateway;
    expect(healthcheckOf('gateway')).toContain(`http://127.0.0.1:${port}/ready`);
  });
});

describe('the demo seed service', () => {
  it('runs only when the demo profile is asked for', () => {
    expect(service('seed').profiles).toEqual(['demo']);
  });

  it('seeds the same database each subgraph service uses', () => {
    const seed = loadConfig(environmentOf('seed'));
    const subgraphs = SUBGRAPH_NAMES.map(
      (name) => loadConfig(environmentOf(name)).subgraphs[name].database,
    );
    expect(SUBGRAPH_NAMES.map((name) => seed.subgraphs[name].database)).toEqual(subgraphs);
  });

  it('runs the seed script, which exists', () => {
    expect(commandOf('seed')).toEqual(['node', '--import', 'tsx', 'scripts/seed.ts']);
    expect(fs.existsSync(path.join(REPO_ROOT, 'scripts/seed.ts'))).toBe(true);
  });
});

describe('the deployment file', () => {
  // A child process: the generator formats with prettier, which loads as an ES module.
  it('is what the agency registry gives (npm run deployment writes it)', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'deployment.ts'), '--check'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  }, 60_000);
});
