import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../shared/config';
import * as education from '../subgraphs/education/entities';
import * as health from '../subgraphs/health/entities';
import * as police from '../subgraphs/police/entities';
import * as probation from '../subgraphs/probation/entities';
import * as socialcare from '../subgraphs/socialcare/entities';
import type { World } from './world';

/** One table's rows, as plain objects keyed by the entity's property names. */
interface TableLoad {
  entity: EntityTarget<ObjectLiteral>;
  rows: readonly object[];
}

/** Rows per chunk written to the COPY stream: bounds memory, not round trips. */
const CHUNK_ROWS = 5_000;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One value in COPY's text format: `\N` for null; backslash, tab, newline and carriage return
 * escaped. Instants stay ISO strings and dates `YYYY-MM-DD`, which PostgreSQL parses as they are.
 */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') {
    return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c]) : value;
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Loads one table with `COPY ... FROM STDIN` in a transaction of its own: the table's secondary
 * indexes (those no constraint needs) and its foreign keys are dropped first and made again after
 * the rows are in, as building an index or checking a key once is cheaper than row by row; a
 * failure rolls all of it back. Columns are the entity's, from its metadata; those the first row
 * leaves undefined take their defaults.
 */
async function copyTable(
  client: PoolClient,
  dataSource: DataSource,
  load: TableLoad,
): Promise<void> {
  if (load.rows.length === 0) return;
  const meta = dataSource.getMetadata(load.entity);
  const first = load.rows[0] as Record<string, unknown>;
  const columns = meta.columns.filter((c) => first[c.propertyName] !== undefined);
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  await client.query('BEGIN');
  try {
    // Secondary indexes, and foreign keys: checked row by row during the COPY they cost as much as
    // the COPY itself; added back after it, each is validated in one join.
    const { rows: deferred } = await client.query<{ drop: string; restore: string }>(
      `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop,
              pg_get_indexdef(i.indexrelid) AS restore
         FROM pg_index i
        WHERE i.indrelid = $1::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
       UNION ALL
       SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
              format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
                     pg_get_constraintdef(oid))
         FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
      [meta.tableName],
    );
    for (const d of deferred) await client.query(d.drop);
    const rows = load.rows as Record<string, unknown>[];
    function* chunks(): Generator<string> {
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        let text = '';
        for (const row of rows.slice(start, start + CHUNK_ROWS)) {
          text += `${columns.map((c) => copyValue(row[c.propertyName])).join('\t')}\n`;
        }
        yield text;
      }
    }
    await pipeline(
      Readable.from(chunks()),
      client.query(copyFrom(`COPY "${meta.tableName}" (${names}) FROM STDIN`)),
    );
    for (const d of deferred) await client.query(d.restore);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Each agency's part of the world, table by table, parents first: each agency's database gets its
 * own part only. Instants stay ISO strings: PostgreSQL parses them as timestamptz.
 */
export const tables: Record<SubgraphName, (world: World) => TableLoad[]> = {
  socialcare: ({ socialcare: d }) => [
    { entity: socialcare.Household, rows: d.households },
    { entity: socialcare.Child, rows: d.children },
    { entity: socialcare.Adult, rows: d.adults },
    { entity: socialcare.Contact, rows: d.contacts },
    { entity: socialcare.ContactChild, rows: d.contactChildren },
    { entity: socialcare.ContactRating, rows: d.contactRatings },
    { entity: socialcare.PartnerCheck, rows: d.partnerChecks },
    { entity: socialcare.Referral, rows: d.referrals },
    { entity: socialcare.Assessment, rows: d.assessments },
    { entity: socialcare.ChildProtectionPlan, rows: d.childProtectionPlans },
    { entity: socialcare.ChildProtectionVisit, rows: d.childProtectionVisits },
    { entity: socialcare.EarlyHelpEpisode, rows: d.earlyHelpEpisodes },
  ],
  police: ({ police: d }) => [
    { entity: police.Person, rows: d.persons },
    { entity: police.Occurrence, rows: d.occurrences },
    { entity: police.OccurrencePerson, rows: d.occurrencePersons },
    { entity: police.IntelligenceItem, rows: d.intelligenceItems },
    { entity: police.IntelligenceClearance, rows: d.intelligenceClearances },
    { entity: police.DaNotification, rows: d.daNotifications },
    { entity: police.MissingEpisode, rows: d.missingEpisodes },
    { entity: police.Arrest, rows: d.arrests },
    { entity: police.MaracReferral, rows: d.maracReferrals },
    { entity: police.CourtOrder, rows: d.courtOrders },
  ],
  health: ({ health: d }) => [
    { entity: health.Patient, rows: d.patients },
    { entity: health.UnscheduledCareAttendance, rows: d.attendances },
    { entity: health.GpRegistration, rows: d.gpRegistrations },
    { entity: health.CommunityContact, rows: d.communityContacts },
    { entity: health.CamhsReferral, rows: d.camhsReferrals },
    { entity: health.MaternityEpisode, rows: d.maternityEpisodes },
    { entity: health.SafeguardingFlag, rows: d.safeguardingFlags },
    { entity: health.ParentalConcern, rows: d.parentalConcerns },
  ],
  education: ({ education: d }) => [
    { entity: education.School, rows: d.schools },
    { entity: education.Pupil, rows: d.pupils },
    { entity: education.FormerUpn, rows: d.formerUpns },
    { entity: education.Enrolment, rows: d.enrolments },
    { entity: education.TermAttendance, rows: d.attendance },
    { entity: education.Exclusion, rows: d.exclusions },
    { entity: education.SenProvision, rows: d.senProvisions },
    { entity: education.HomeEducation, rows: d.homeEducation },
    { entity: education.MissingEducation, rows: d.missingEducation },
    { entity: education.FreeMeals, rows: d.freeMeals },
  ],
  probation: ({ probation: d }) => [
    { entity: probation.Offender, rows: d.offenders },
    { entity: probation.Offence, rows: d.offences },
    { entity: probation.RiskAssessment, rows: d.riskAssessments },
    { entity: probation.Condition, rows: d.conditions },
    { entity: probation.KnownChild, rows: d.knownChildren },
    { entity: probation.KnownChildLink, rows: d.knownChildLinks },
  ],
};

/** The table whose emptiness says a subgraph's database has not been seeded yet. */
export const SEED_MARKER_TABLE: Record<SubgraphName, string> = {
  socialcare: 'children',
  police: 'persons',
  health: 'patients',
  education: 'pupils',
  probation: 'offenders',
};

/**
 * What has been seeded, kept in the database itself as the comment on the agency's marker table:
 * set to `loading` before the first row goes in and to `done` (with the seed and scale) after
 * the last, so a load cut off half way is known for what it is and started over.
 */
export type SeedState = 'empty' | 'loading' | 'done' | 'foreign';

const LOADING = 'mash-seed:loading';
const DONE = 'mash-seed:done';

/**
 * The seed state of a database: `done`, `loading` (cut off: to be started over), `empty`, or
 * `foreign` when the marker table holds rows no seeder wrote (an import): never overwritten.
 */
export async function seedState(
  query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>,
  name: SubgraphName,
): Promise<SeedState> {
  const [row] = await query(
    `SELECT obj_description(to_regclass($1), 'pg_class') AS comment,
            EXISTS (SELECT 1 FROM ${SEED_MARKER_TABLE[name]}) AS rows`,
    [SEED_MARKER_TABLE[name]],
  );
  const comment = (row.comment as string | null) ?? '';
  if (comment.startsWith(DONE)) return 'done';
  if (comment === LOADING) return 'loading';
  return row.rows ? 'foreign' : 'empty';
}

/**
 * Seeds one subgraph's (migrated) database from the world with `COPY`, one transaction per
 * table, as the database's owner: a database whose earlier load was cut off is emptied first.
 * Then it gathers the planner's statistics: straight after a bulk load PostgreSQL knows nothing of
 * the tables' sizes and picks plans for empty ones (a page of 50 children took police 0.6 s instead
 * of tens of milliseconds until autovacuum caught up).
 */
export async function seedSubgraph(
  name: SubgraphName,
  dataSource: DataSource,
  world: World,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    const loads = tables[name](world);
    const marker = SEED_MARKER_TABLE[name];
    const state = await seedState(
      async (sql, params) => (await client.query(sql, params)).rows,
      name,
    );
    if (state === 'loading') {
      const names = loads.map((l) => `"${dataSource.getMetadata(l.entity).tableName}"`);
      await client.query(`TRUNCATE ${names.join(', ')} CASCADE`);
    }
    await client.query(`COMMENT ON TABLE ${marker} IS '${LOADING}'`);
    for (const load of loads) await copyTable(client, dataSource, load);
    // The generator writes its own ids; keep the sequences the service numbers new rows from
    // ahead of them.
    if (name === 'socialcare') await client.query('SELECT sync_number_sequences()');
    await client.query('ANALYZE');
    const done = `${DONE} ${JSON.stringify({ seed: world.truth.seed, scale: world.truth.scale, asOf: world.truth.asOf })}`;
    await client.query(`COMMENT ON TABLE ${marker} IS ${client.escapeLiteral(done)}`);
  } finally {
    await runner.release();
  }
}
