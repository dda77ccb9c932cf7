// Where a seeded system's files are, without loading the generator: the launcher reads them.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../shared/config';

/** Where the ground truth of a seeded embedded system is written: for tests, never services. */
export function groundTruthPath(config: Config): string {
  return path.join(config.dataDir, 'ground-truth.json');
}

/** Where the demo children (see `pickDemoChildren`) of a seeded system are written. */
export function demoChildrenPath(config: Config): string {
  return path.join(config.dataDir, 'demo-children.json');
}

/** Two children the start script and docs/access-and-audit.md use to show the access rules. */
export interface DemoChildren {
  /** Known to every agency, on an open MASH contact: every MASH practitioner may see it all. */
  withOpenContact: string | null;
  /** Known to every agency, no open contact, no case: its sections need a break-glass reason. */
  withoutRelationship: string | null;
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
