import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config, SubgraphName } from '../shared/config';
import { createDatabase } from '../shared/database';
import { entities as educationEntities } from '../subgraphs/education/entities';
import { migrations as educationMigrations } from '../subgraphs/education/migrations';
import { entities as healthEntities } from '../subgraphs/health/entities';
import { migrations as healthMigrations } from '../subgraphs/health/migrations';
import { entities as policeEntities } from '../subgraphs/police/entities';
import { migrations as policeMigrations } from '../subgraphs/police/migrations';
import { entities as socialcareEntities } from '../subgraphs/socialcare/entities';
import { migrations as socialcareMigrations } from '../subgraphs/socialcare/migrations';
import { generateWorld } from './generate';
import { SEED_MARKER_TABLE, seedSubgraph } from './load';
import type { World } from './world';

/** Each subgraph's entities and migrations, for tools that open every database. */
export const SCHEMAS: Record<
  SubgraphName,
  { entities: (new () => unknown)[]; migrations: (new () => unknown)[] }
> = {
  socialcare: { entities: socialcareEntities, migrations: socialcareMigrations },
  police: { entities: policeEntities, migrations: policeMigrations },
  health: { entities: healthEntities, migrations: healthMigrations },
  education: { entities: educationEntities, migrations: educationMigrations },
};

/** Where the ground truth of a seeded embedded system is written: for tests, never services. */
export function groundTruthPath(config: Config): string {
  return path.join(config.dataDir, 'ground-truth.json');
}

/** Where the demo children (see `pickDemoChildren`) of a seeded system are written. */
export function demoChildrenPath(config: Config): string {
  return path.join(config.dataDir, 'demo-children.json');
}

/** Two children the README and the start script use to show the access rules. */
export interface DemoChildren {
  /** Known to every agency, on an open MASH contact: every MASH practitioner may see it all. */
  withOpenContact: string | null;
  /** Known to every agency, no open contact, no case: its sections need a break-glass reason. */
  withoutRelationship: string | null;
}

/** Picks the demo children from a generated world (the first in id order that qualify). */
export function pickDemoChildren(world: World): DemoChildren {
  const open = new Set(
    world.socialcare.contactChildren.filter((d) => d.decidedAt === null).map((d) => d.childId),
  );
  const withCase = new Set(world.socialcare.referrals.map((r) => r.childId));
  const known = world.truth.people
    .filter(
      (p) =>
        p.kind === 'CHILD' &&
        !p.unborn &&
        p.socialcareId &&
        p.policeId &&
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

function markerPath(config: Config, name: SubgraphName): string {
  return path.join(config.dataDir, `${name}.seeded.json`);
}

/** A fresh PGlite data directory image, so each database skips its own initdb (about 3 s each). */
async function pgliteTemplate(): Promise<Blob> {
  const db = new PGlite('memory://');
  await db.waitReady;
  const dump = await db.dumpDataDir('none');
  await db.close();
  return dump;
}

/**
 * Subgraphs that may need seeding: on PGlite those without a marker file (checked without opening
 * the database); on PostgreSQL all of them, since only the database can say whether it is empty.
 */
export function unseededSubgraphs(config: Config): SubgraphName[] {
  return (Object.keys(config.subgraphs) as SubgraphName[]).filter(
    (name) =>
      config.subgraphs[name].database.kind !== 'pglite' || !fs.existsSync(markerPath(config, name)),
  );
}

/**
 * The instant to generate the world as of: that of an earlier, partly finished seeding when there
 * is one (so every agency's data comes from the same world), else now.
 */
export function seedDate(config: Config): Date {
  const file = groundTruthPath(config);
  return fs.existsSync(file)
    ? new Date((JSON.parse(fs.readFileSync(file, 'utf8')) as { asOf: string }).asOf)
    : new Date();
}

export interface SeedReport {
  seeded: SubgraphName[];
  skipped: SubgraphName[];
  asOf: string;
  ms: number;
}

/**
 * Makes sure every subgraph's database holds the synthetic borough: creates it, runs migrations
 * and loads that agency's part of the world into it, unless it is already seeded. On PGlite a
 * marker file next to the data directory says so without opening it; on PostgreSQL the database
 * is asked. The world is generated once for all of them from the configured seed and scale, as
 * of `asOf`, and its ground truth is written to `ground-truth.json` in the data directory.
 */
export async function seedDatabases(
  config: Config,
  options: { asOf?: Date; only?: SubgraphName[]; log?: (line: string) => void } = {},
): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const names = options.only ?? (Object.keys(config.subgraphs) as SubgraphName[]);
  const pending = unseededSubgraphs(config).filter((n) => names.includes(n));
  let world: World | undefined;
  let template: Blob | undefined;
  const seeded: SubgraphName[] = [];
  for (const name of pending) {
    const dbConfig = config.subgraphs[name].database;
    if (dbConfig.kind === 'pglite') {
      // A half-made directory from an interrupted first start is started over.
      fs.rmSync(dbConfig.dataDir, { recursive: true, force: true });
      template ??= await pgliteTemplate();
    }
    const database = await createDatabase({
      database: dbConfig,
      ...SCHEMAS[name],
      pgliteTemplate: dbConfig.kind === 'pglite' ? template : undefined,
    });
    try {
      const [{ count }] = await database.dataSource.query(
        `SELECT count(*) AS count FROM ${SEED_MARKER_TABLE[name]}`,
      );
      if (count === 0) {
        if (!world) {
          const asOf = options.asOf ?? seedDate(config);
          log(
            `generating synthetic data (seed ${config.seed.seed}, scale ${config.seed.scale}, as of ${asOf.toISOString()})`,
          );
          world = generateWorld({ seed: config.seed.seed, scale: config.seed.scale, asOf });
          fs.mkdirSync(config.dataDir, { recursive: true });
          // Parallel seeders write the same truth; the rename keeps any reader from a half file.
          const tmp = `${groundTruthPath(config)}.${process.pid}`;
          fs.writeFileSync(tmp, JSON.stringify(world.truth));
          fs.renameSync(tmp, groundTruthPath(config));
          fs.writeFileSync(`${tmp}.demo`, JSON.stringify(pickDemoChildren(world)));
          fs.renameSync(`${tmp}.demo`, demoChildrenPath(config));
        }
        log(`loading ${name}`);
        await seedSubgraph(name, database.dataSource, world as World);
        seeded.push(name);
      }
    } finally {
      await database.close();
    }
    if (dbConfig.kind === 'pglite') {
      fs.writeFileSync(
        markerPath(config, name),
        JSON.stringify({ seed: config.seed.seed, scale: config.seed.scale }),
      );
    }
  }
  return {
    seeded,
    skipped: names.filter((n) => !seeded.includes(n)),
    asOf: world?.truth.asOf ?? '',
    ms: Date.now() - started,
  };
}
