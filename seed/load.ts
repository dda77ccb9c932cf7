import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../shared/config';
import * as education from '../subgraphs/education/entities';
import * as health from '../subgraphs/health/entities';
import * as police from '../subgraphs/police/entities';
import * as socialcare from '../subgraphs/socialcare/entities';
import type { World } from './world';

// Rows per INSERT: each column travels as one array parameter, so this bounds message size only.
const CHUNK_ROWS = 20_000;

/**
 * Inserts plain objects into an entity's table, mapping property names to column names and types
 * from the entity's metadata. Each column is sent as one typed array and expanded with `unnest`, so
 * a chunk is one short statement with a handful of parameters: several times faster than
 * multi-row VALUES, and far faster than saving entities one by one.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const meta = manager.connection.getMetadata(entity);
  const first = rows[0] as Record<string, unknown>;
  const columns = meta.columns.filter((c) => first[c.propertyName] !== undefined);
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${String(c.type)}[]`).join(', ');
  const sql = `INSERT INTO "${meta.tableName}" (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await manager.query(
      sql,
      columns.map((c) =>
        chunk.map((row) => (row as Record<string, unknown>)[c.propertyName] ?? null),
      ),
    );
  }
}

type Loader = (manager: EntityManager, world: World) => Promise<void>;

/**
 * Writes each agency's part of the world into that agency's database only, parents first. Instants
 * stay ISO strings: PostgreSQL parses them as timestamptz, with no Date round trip.
 */
export const loaders: Record<SubgraphName, Loader> = {
  async socialcare(m, { socialcare: d }) {
    await bulkInsert(m, socialcare.Household, d.households);
    await bulkInsert(m, socialcare.Child, d.children);
    await bulkInsert(m, socialcare.Adult, d.adults);
    await bulkInsert(m, socialcare.Contact, d.contacts);
    await bulkInsert(m, socialcare.ContactChild, d.contactChildren);
    await bulkInsert(m, socialcare.ContactRating, d.contactRatings);
    await bulkInsert(m, socialcare.PartnerCheck, d.partnerChecks);
    await bulkInsert(m, socialcare.Referral, d.referrals);
    await bulkInsert(m, socialcare.Assessment, d.assessments);
    await bulkInsert(m, socialcare.ChildProtectionPlan, d.childProtectionPlans);
    await bulkInsert(m, socialcare.ChildProtectionVisit, d.childProtectionVisits);
    // The generator writes its own ids; keep the sequences the service numbers new rows from
    // ahead of them.
    await m.query('SELECT sync_number_sequences()');
  },
  async police(m, { police: d }) {
    await bulkInsert(m, police.Person, d.persons);
    await bulkInsert(m, police.Occurrence, d.occurrences);
    await bulkInsert(m, police.OccurrencePerson, d.occurrencePersons);
    await bulkInsert(m, police.IntelligenceItem, d.intelligenceItems);
    await bulkInsert(m, police.IntelligenceClearance, d.intelligenceClearances);
    await bulkInsert(m, police.DaNotification, d.daNotifications);
    await bulkInsert(m, police.MissingEpisode, d.missingEpisodes);
    await bulkInsert(m, police.Arrest, d.arrests);
    await bulkInsert(m, police.MaracReferral, d.maracReferrals);
    await bulkInsert(m, police.CourtOrder, d.courtOrders);
  },
  async health(m, { health: d }) {
    await bulkInsert(m, health.Patient, d.patients);
    await bulkInsert(m, health.UnscheduledCareAttendance, d.attendances);
    await bulkInsert(m, health.GpRegistration, d.gpRegistrations);
    await bulkInsert(m, health.CommunityContact, d.communityContacts);
    await bulkInsert(m, health.CamhsReferral, d.camhsReferrals);
    await bulkInsert(m, health.MaternityEpisode, d.maternityEpisodes);
    await bulkInsert(m, health.SafeguardingFlag, d.safeguardingFlags);
    await bulkInsert(m, health.ParentalConcern, d.parentalConcerns);
  },
  async education(m, { education: d }) {
    await bulkInsert(m, education.School, d.schools);
    await bulkInsert(m, education.Pupil, d.pupils);
    await bulkInsert(m, education.FormerUpn, d.formerUpns);
    await bulkInsert(m, education.Enrolment, d.enrolments);
    await bulkInsert(m, education.TermAttendance, d.attendance);
    await bulkInsert(m, education.Exclusion, d.exclusions);
    await bulkInsert(m, education.SenProvision, d.senProvisions);
    await bulkInsert(m, education.HomeEducation, d.homeEducation);
    await bulkInsert(m, education.MissingEducation, d.missingEducation);
    await bulkInsert(m, education.FreeMeals, d.freeMeals);
  },
};

/** The table whose emptiness says a subgraph's database has not been seeded yet. */
export const SEED_MARKER_TABLE: Record<SubgraphName, string> = {
  socialcare: 'children',
  police: 'persons',
  health: 'patients',
  education: 'pupils',
};

/**
 * Seeds one subgraph's database in one transaction, so a failed seed leaves it empty, then
 * gathers the planner's statistics: straight after a bulk load PostgreSQL knows nothing of the
 * tables' sizes and picks plans for empty ones (a page of 50 children took police 0.6 s instead of
 * tens of milliseconds until autovacuum caught up).
 */
export async function seedSubgraph(
  name: SubgraphName,
  dataSource: DataSource,
  world: World,
): Promise<void> {
  await dataSource.transaction((m) => loaders[name](m, world));
  await dataSource.query('ANALYZE');
}
