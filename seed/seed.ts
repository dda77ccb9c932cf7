import fs from 'node:fs';
import type { Config, SubgraphName } from '../shared/config';
import { migrateDatabase, openOwnerDataSource } from '../shared/database';
import { superuserUrl } from '../shared/embedded-postgres';
import { provisionAgencyDatabase } from '../shared/roles';
import { entities as educationEntities } from '../subgraphs/education/entities';
import { migrations as educationMigrations } from '../subgraphs/education/migrations';
import { entities as healthEntities } from '../subgraphs/health/entities';
import { migrations as healthMigrations } from '../subgraphs/health/migrations';
import { entities as policeEntities } from '../subgraphs/police/entities';
import { migrations as policeMigrations } from '../subgraphs/police/migrations';
import { entities as probationEntities } from '../subgraphs/probation/entities';
import { migrations as probationMigrations } from '../subgraphs/probation/migrations';
import { entities as socialcareEntities } from '../subgraphs/socialcare/entities';
import { migrations as socialcareMigrations } from '../subgraphs/socialcare/migrations';
import { demoChildrenPath, groundTruthPath, seedDate, type DemoChildren } from './files';
import { seedState, seedSubgraph } from './load';
import { generateWorld, type World } from './world';

/** Each subgraph's entities and migrations, for tools that open every database. */
export const SCHEMAS: Record<
  SubgraphName,
  { entities: (new () => unknown)[]; migrations: (new () => unknown)[] }
> = {
  socialcare: { entities: socialcareEntities, migrations: socialcareMigrations },
  police: { entities: policeEntities, migrations: policeMigrations },
  health: { entities: healthEntities, migrations: healthMigrations },
  education: { entities: educationEntities, migrations: educationMigrations },
  probation: { entities: probationEntities, migrations: probationMigrations },
};

/** Picks the demo children from a generated world (the first in id order that qualify). */
export function pickDemoChildren(world: World): DemoChildren {
  const open = new Set(
    world.socialcare.contactChildren.filter((d) => d.decidedAt === null).map((d) => d.childId),
  );
  const withCase = new Set(world.socialcare.referrals.map((r) => r.childId));
  // Police may hold a person without a date of birth; name, sex and postcode alone match POSSIBLE
  // at best, which discloses nothing. A demo child is one every agency shows.
  const policeWithDob = new Set(world.police.persons.filter((p) => p.dateOfBirth).map((p) => p.id));
  const known = world.truth.people
    .filter(
      (p) =>
        p.kind === 'CHILD' &&
        !p.unborn &&
        p.socialcareId &&
        p.policeId &&
        policeWithDob.has(p.policeId) &&
        p.healthId &&
        p.educationId &&
        Object.values(p.discrepancies).every((d) => !d || d.length === 0),
    )
    .map((p) => p.socialcareId as string)
    .sort();
  return {
    withOpenContact: known.find((id) => open.has(id)) ?? null,
    withoutRelationship: known.find((id) => !open.has(id) && !withCase.has(id)) ?? null,
  };
}

export interface SeedReport {
  seeded: SubgraphName[];
  skipped: SubgraphName[];
  asOf: string;
  ms: number;
}

/**
 * Makes every agency's database ready: on the embedded cluster (which must be running) its
 * database and roles are provisioned first; then its migrations run as its owner. Agencies are
 * prepared side by side.
 */
export async function prepareDatabases(config: Config, names: SubgraphName[]): Promise<void> {
  await Promise.all(
    names.map(async (name) => {
      const database = config.subgraphs[name].database;
      if (database.kind === 'embedded') {
        await provisionAgencyDatabase(
          (db) => superuserUrl(database.clusterDir, db),
          database.names,
        );
      }
      await migrateDatabase({ database, ...SCHEMAS[name], applicationName: 'mash-seed' });
    }),
  );
}

/** Generates the configured borough as of `asOf`, saying so. */
export function generateSeedWorld(config: Config, asOf: Date, log: (line: string) => void): World {
  log(
    `generating synthetic data (seed ${config.seed.seed}, scale ${config.seed.scale}, as of ${asOf.toISOString()})`,
  );
  return generateWorld({ seed: config.seed.seed, scale: config.seed.scale, asOf });
}

/**
 * Makes sure every subgraph's database is migrated and holds the synthetic borough: prepares each
 * (`prepareDatabases`), and loads each
 * agency's part of the world into those not seeded yet, side by side, as their owners. The world
 * is generated once from the configured seed and scale, as of `asOf`, and its ground truth is
 * written to `ground-truth.json` in the data directory. A database whose load was cut off is
 * loaded afresh; one holding data no seeder wrote is left alone.
 */
export async function seedDatabases(
  config: Config,
  options: {
    asOf?: Date;
    only?: SubgraphName[];
    log?: (line: string) => void;
    /** The world, when the caller generated it already (`npm start` does, on a fresh cluster). */
    world?: World;
  } = {},
): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const names = options.only ?? (Object.keys(config.subgraphs) as SubgraphName[]);
  await prepareDatabases(config, names);
  log(`databases made and migrated (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const sources = await Promise.all(
    names.map((name) =>
      openOwnerDataSource({
        database: config.subgraphs[name].database,
        ...SCHEMAS[name],
        applicationName: 'mash-seed',
      }),
    ),
  );
  const seeded: SubgraphName[] = [];
  let world: World | undefined = options.world;
  try {
    const states = await Promise.all(
      names.map((name, i) => seedState((sql, params) => sources[i].query(sql, params), name)),
    );
    const pending = names.filter((_, i) => states[i] === 'empty' || states[i] === 'loading');
    for (const name of names.filter((_, i) => states[i] === 'foreign')) {
      log(`${name} holds data no seeder wrote; left as it is`);
    }
    if (pending.length > 0) {
      world ??= generateSeedWorld(config, options.asOf ?? seedDate(config), log);
      fs.mkdirSync(config.dataDir, { recursive: true });
      // The rename keeps any reader from a half-written file.
      const tmp = `${groundTruthPath(config)}.${process.pid}`;
      fs.writeFileSync(tmp, JSON.stringify(world.truth));
      fs.renameSync(tmp, groundTruthPath(config));
      fs.writeFileSync(`${tmp}.demo`, JSON.stringify(pickDemoChildren(world)));
      fs.renameSync(`${tmp}.demo`, demoChildrenPath(config));
      log(`loading ${pending.join(', ')}`);
      await Promise.all(
        pending.map(async (name) => {
          await seedSubgraph(name, sources[names.indexOf(name)], world as World);
          seeded.push(name);
        }),
      );
    }
  } finally {
    await Promise.all(sources.map((s) => s.destroy()));
  }
  return {
    seeded,
    skipped: names.filter((n) => !seeded.includes(n)),
    asOf: world?.truth.asOf ?? '',
    ms: Date.now() - started,
  };
}
