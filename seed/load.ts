import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../shared/config';
import * as education from '../subgraphs/education/entities';
import * as health from '../subgraphs/health/entities';
import * as police from '../subgraphs/police/entities';
import * as socialcare from '../subgraphs/socialcare/entities';
import type { World } from './world';

// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for our widest table.
const CHUNK_ROWS = 2000;

/**
 * Inserts plain objects into an entity's table with multi-row INSERTs, mapping property names to
 * column names from the entity's metadata. Much faster than saving entities one by one.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Partial<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  const meta = manager.connection.getMetadata(entity);
  const columns = meta.columns.filter((c) => rows[0][c.propertyName as keyof T] !== undefined);
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((c) => {
        params.push(row[c.propertyName as keyof T] ?? null);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO "${meta.tableName}" (${names}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}

type Loader = (manager: EntityManager, world: World) => Promise<void>;

/** Writes each agency's part of the world into that agency's database only, parents first. */
export const loaders: Record<SubgraphName, Loader> = {
  async socialcare(ds, { socialcare: d }) {
    await bulkInsert(ds, socialcare.Household, d.households);
    await bulkInsert(
      ds,
      socialcare.Child,
      d.children.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    );
    await bulkInsert(ds, socialcare.Adult, d.adults);
    await bulkInsert(
      ds,
      socialcare.Contact,
      d.contacts.map((c) => ({
        ...c,
        receivedAt: new Date(c.receivedAt),
        screenedAt: c.screenedAt ? new Date(c.screenedAt) : null,
      })),
    );
    await bulkInsert(
      ds,
      socialcare.ContactChild,
      d.contactChildren.map((c) => ({
        ...c,
        decidedAt: c.decidedAt ? new Date(c.decidedAt) : null,
      })),
    );
    await bulkInsert(
      ds,
      socialcare.Referral,
      d.referrals.map((r) => ({
        ...r,
        createdAt: new Date(r.createdAt),
        completedAt: r.completedAt ? new Date(r.completedAt) : null,
      })),
    );
  },
  async police(ds, { police: d }) {
    await bulkInsert(ds, police.Person, d.persons);
    await bulkInsert(
      ds,
      police.Occurrence,
      d.occurrences.map((o) => ({ ...o, occurredAt: new Date(o.occurredAt) })),
    );
    await bulkInsert(ds, police.OccurrencePerson, d.occurrencePersons);
  },
  async health(ds, { health: d }) {
    await bulkInsert(ds, health.Patient, d.patients);
    await bulkInsert(
      ds,
      health.UnscheduledCareAttendance,
      d.attendances.map((a) => ({ ...a, arrivedAt: new Date(a.arrivedAt) })),
    );
  },
  async education(ds, { education: d }) {
    await bulkInsert(ds, education.School, d.schools);
    await bulkInsert(ds, education.Pupil, d.pupils);
    await bulkInsert(ds, education.FormerUpn, d.formerUpns);
    await bulkInsert(ds, education.Enrolment, d.enrolments);
    await bulkInsert(ds, education.TermAttendance, d.attendance);
  },
};

/** The table whose emptiness says a subgraph's database has not been seeded yet. */
export const SEED_MARKER_TABLE: Record<SubgraphName, string> = {
  socialcare: 'children',
  police: 'persons',
  health: 'patients',
  education: 'pupils',
};

/** Seeds one subgraph's database in one transaction, so a failed seed leaves it empty. */
export async function seedSubgraph(
  name: SubgraphName,
  dataSource: DataSource,
  world: World,
): Promise<void> {
  await dataSource.transaction((m) => loaders[name](m, world));
}
