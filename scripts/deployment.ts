// Writes docker-compose.yml, the distributed deployment, from the agency registry
// (shared/agencies.json): a PostgreSQL and a subgraph per agency, the gateway, the optional seeder.
//   npm run deployment            writes docker-compose.yml
//   npm run deployment -- --check fails if docker-compose.yml is not what the registry gives
import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { stringify } from 'yaml';
import { AGENCY_REGISTRY, type AgencyEntry } from '../shared/agencies';
import { DEFAULT_PORTS } from '../shared/config';

export const DEPLOYMENT_FILE = path.resolve(__dirname, '..', 'docker-compose.yml');

const HEADER = `# The distributed deployment: each agency's subgraph with its own PostgreSQL, and the gateway that
# joins them. Every Node service runs the one image built from the Dockerfile. Only the gateway
# publishes a port to the host: clients reach the agencies through it, never directly.
# Generated from the agency registry (shared/agencies.json) by \`npm run deployment\`: edit that,
# not this file.
#
#   npm run --silent token -- sc-practitioner   (creates ./data/keys on first use)
#   docker compose up --build    then query http://localhost:4000/graphql with that token
#
# Keys: the gateway verifies users' tokens against the development issuer's public JWKS and signs
# internal tokens with its private key; each subgraph gets only the public internal JWKS, and the
# public JWKS of socialcare's relationship grants (socialcare alone gets the grant key). A real
# deployment points AUTH_JWKS at its identity provider and mounts keys from its secret store.
#
# Node as PID 1 gets no default signal handling: on every Node service a tiny init (init: true)
# forwards SIGTERM, so \`docker stop\` shuts down cleanly. Every Node service's health check asks
# /ready, which answers 200 only once the service can serve (a subgraph: its database answers).
#
# Optional demo data: \`docker compose --profile demo run --rm seed\` loads the synthetic borough
# into every agency's database (each is migrated and seeded only while empty). Without it the
# deployment starts with empty, migrated databases, as an agency's real one would.
#
# Setting names are those read by shared/config.ts; tests/unit/compose.unit.test.ts checks that
# this file and the config agree. The database password is a demo credential: the databases
# publish no port, so they are reachable only on the compose network.
`;

const INTERNAL_JWKS = '/run/keys/internal/jwks.json';
const JWKS_VOLUME = `./data/keys/internal/jwks.json:${INTERNAL_JWKS}:ro`;
// Socialcare's relationship grants: every subgraph reads the public JWKS, the lead alone its key.
const GRANT_JWKS = '/run/keys/relationship-grant/jwks.json';
const GRANT_SIGNING_KEY = '/run/keys/relationship-grant/private.jwk.json';
const GRANT_JWKS_VOLUME = `./data/keys/relationship-grant/jwks.json:${GRANT_JWKS}:ro`;
const GRANT_KEY_VOLUME = `./data/keys/relationship-grant/private.jwk.json:${GRANT_SIGNING_KEY}:ro`;

const prefix = (a: AgencyEntry) => a.name.toUpperCase();
const databaseUrl = (a: AgencyEntry) => `postgres://mash:mash@${a.name}-db:5432/${a.name}`;

function readyCheck(port: number) {
  return {
    test: [
      'CMD',
      'node',
      '-e',
      `fetch('http://127.0.0.1:${port}/ready').then((r) => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1))`,
    ],
    interval: '5s',
    timeout: '3s',
    retries: 12,
    start_period: '30s',
  };
}

const healthy = (names: string[]) =>
  Object.fromEntries(names.map((n) => [n, { condition: 'service_healthy' }]));

function database(a: AgencyEntry) {
  return {
    image: 'postgres:16',
    restart: 'unless-stopped',
    environment: { POSTGRES_DB: a.name, POSTGRES_USER: 'mash', POSTGRES_PASSWORD: 'mash' },
    volumes: [`${a.name}-db-data:/var/lib/postgresql/data`],
    healthcheck: {
      test: ['CMD', 'pg_isready', '-U', 'mash', '-d', a.name],
      interval: '5s',
      timeout: '3s',
      retries: 12,
      start_period: '10s',
    },
  };
}

function subgraph(a: AgencyEntry) {
  return {
    build: '.',
    command: ['node', '--import', 'tsx', `subgraphs/${a.name}/index.ts`],
    init: true,
    restart: 'unless-stopped',
    environment: {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      [`${prefix(a)}_PORT`]: String(a.port),
      [`${prefix(a)}_DATABASE_URL`]: databaseUrl(a),
      INTERNAL_JWKS,
      GRANT_JWKS,
      ...(a.role === 'lead' ? { GRANT_SIGNING_KEY } : {}),
    },
    volumes: [JWKS_VOLUME, GRANT_JWKS_VOLUME, ...(a.role === 'lead' ? [GRANT_KEY_VOLUME] : [])],
    depends_on: healthy([`${a.name}-db`]),
    healthcheck: readyCheck(a.port),
  };
}

function gateway() {
  const port = DEFAULT_PORTS.gateway;
  return {
    build: '.',
    command: ['node', '--import', 'tsx', 'gateway/index.ts'],
    init: true,
    restart: 'unless-stopped',
    environment: {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      GATEWAY_PORT: String(port),
      ...Object.fromEntries(
        AGENCY_REGISTRY.map((a) => [`${prefix(a)}_URL`, `http://${a.name}:${a.port}/graphql`]),
      ),
      AUTH_JWKS: '/run/keys/dev-issuer/jwks.json',
      INTERNAL_SIGNING_KEY: '/run/keys/internal/private.jwk.json',
    },
    volumes: [
      './data/keys/dev-issuer/jwks.json:/run/keys/dev-issuer/jwks.json:ro',
      './data/keys/internal/private.jwk.json:/run/keys/internal/private.jwk.json:ro',
    ],
    ports: [`${port}:${port}`],
    depends_on: healthy(AGENCY_REGISTRY.map((a) => a.name)),
    healthcheck: readyCheck(port),
  };
}

function seeder() {
  return {
    build: '.',
    profiles: ['demo'],
    command: ['node', '--import', 'tsx', 'scripts/seed.ts'],
    environment: {
      NODE_ENV: 'production',
      MASH_SCALE: '1',
      ...Object.fromEntries(
        AGENCY_REGISTRY.map((a) => [`${prefix(a)}_DATABASE_URL`, databaseUrl(a)]),
      ),
      INTERNAL_JWKS,
    },
    volumes: [JWKS_VOLUME],
    depends_on: healthy(AGENCY_REGISTRY.map((a) => `${a.name}-db`)),
  };
}

/** docker-compose.yml as the registry gives it, formatted as the repository's prettier does. */
export async function deploymentCompose(): Promise<string> {
  const services = {
    ...Object.fromEntries(AGENCY_REGISTRY.map((a) => [`${a.name}-db`, database(a)])),
    ...Object.fromEntries(AGENCY_REGISTRY.map((a) => [a.name, subgraph(a)])),
    gateway: gateway(),
    seed: seeder(),
  };
  const volumes = Object.fromEntries(AGENCY_REGISTRY.map((a) => [`${a.name}-db-data`, null]));
  const body = stringify({ name: 'mash', services, volumes }, { lineWidth: 0 });
  const options = await prettier.resolveConfig(DEPLOYMENT_FILE);
  return prettier.format(`${HEADER}${body}`, { ...options, parser: 'yaml' });
}

async function main(): Promise<void> {
  const wanted = await deploymentCompose();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(DEPLOYMENT_FILE) ? fs.readFileSync(DEPLOYMENT_FILE, 'utf8') : '';
    if (current !== wanted) {
      process.stderr.write(
        'docker-compose.yml is not what the agency registry gives: run npm run deployment\n',
      );
      process.exit(1);
    }
    process.stdout.write('docker-compose.yml matches the agency registry\n');
  } else {
    fs.writeFileSync(DEPLOYMENT_FILE, wanted);
    process.stdout.write(`wrote ${DEPLOYMENT_FILE}\n`);
  }
}

if (require.main === module) void main();
