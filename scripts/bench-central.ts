// What a central copy would cost: the four agencies' seeded tables copied into ONE PostgreSQL
// schema, with a person link table standing in for a central copy's master index, and the child
// view answered by ONE SQL statement. Built only for `npm run bench` to compare against; the
// project has no central copy and never should (README: "There is no central copy of anyone's
// records"). The copy does less than the federation: no access rules, no audit, no matching at
// query time, no summaries; bench.ts says so beside its figures.
import pg from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import type { World } from '../seed/world';

/** The tables each agency's copy is made of (audit logs, migrations and calendars left behind). */
// The agencies of issue 7's comparison; a later agency's tables are not copied (the central
// answer holds no section of theirs).
const TABLES: Partial<Record<SubgraphName, string[]>> = {
  socialcare: ['children', 'adults', 'households', 'contacts', 'contact_children', 'referrals'],
  police: [
    'persons',
    'occurrences',
    'occurrence_persons',
    'da_notifications',
    'missing_episodes',
    'arrests',
    'marac_referrals',
    'court_orders',
    'intelligence_items',
  ],
  health: [
    'patients',
    'unscheduled_care_attendances',
    'gp_registrations',
    'community_contacts',
    'camhs_referrals',
    'safeguarding_flags',
    'maternity_episodes',
    'parental_concerns',
  ],
  education: [
    'pupils',
    'schools',
    'enrolments',
    'attendance_records',
    'exclusions',
    'sen_provisions',
    'home_education',
    'missing_education',
    'free_meals',
  ],
};

/** Indexes on the join keys of the one statement (the primary keys are not copied by AS SELECT). */
const INDEXES: [string, string][] = [
  ['socialcare_children', 'id'],
  ['socialcare_adults', 'household_id'],
  ['socialcare_households', 'id'],
  ['socialcare_contacts', 'id'],
  ['socialcare_contact_children', 'child_id'],
  ['socialcare_referrals', 'child_id'],
  ['police_persons', 'id'],
  ['police_occurrences', 'id'],
  ['police_occurrence_persons', 'person_id'],
  ['police_da_notifications', 'occurrence_id'],
  ['police_missing_episodes', 'person_id'],
  ['police_arrests', 'person_id'],
  ['police_marac_referrals', 'person_id'],
  ['police_court_orders', 'respondent_person_id'],
  ['police_court_orders', 'protected_person_id'],
  ['police_intelligence_items', 'person_id'],
  ['health_patients', 'id'],
  ['health_unscheduled_care_attendances', 'patient_id'],
  ['health_gp_registrations', 'patient_id'],
  ['health_community_contacts', 'patient_id'],
  ['health_camhs_referrals', 'patient_id'],
  ['health_safeguarding_flags', 'patient_id'],
  ['health_maternity_episodes', 'baby_patient_id'],
  ['health_parental_concerns', 'patient_id'],
  ['education_pupils', 'id'],
  ['education_schools', 'urn'],
  ['education_enrolments', 'pupil_id'],
  ['education_attendance_records', 'enrolment_id'],
  ['education_exclusions', 'pupil_id'],
  ['education_sen_provisions', 'pupil_id'],
  ['education_home_education', 'pupil_id'],
  ['education_missing_education', 'pupil_id'],
  ['education_free_meals', 'pupil_id'],
  ['person_links', 'socialcare_id'],
];

/** `json_agg` of `expr` over `from`, ordered, as an empty array when there are no rows. */
const agg = (expr: string, from: string, order: string) =>
  `coalesce((SELECT json_agg(${expr} ORDER BY ${order}) FROM ${from}), '[]'::json)`;

/** A police section for the person id `p`: the records the gateway's police section is made of. */
function policeSection(c: string, p: string): string {
  return `json_build_object(
    'person', (SELECT json_build_object('id', x.id, 'givenName', x.given_name, 'familyName', x.family_name, 'dateOfBirth', x.date_of_birth, 'pncId', x.pnc_id) FROM ${c}.police_persons x WHERE x.id = ${p}),
    'domesticAbuse', ${agg(
      `json_build_object('id', d.id, 'occurredAt', d.occurred_at, 'dashRisk', d.dash_risk, 'role', d.role, 'childrenPresent', d.children_present)`,
      `(SELECT DISTINCT ON (d.id) d.id, o.occurred_at, d.dash_risk, op.role, d.children_present
          FROM ${c}.police_occurrence_persons op
          JOIN ${c}.police_da_notifications d ON d.occurrence_id = op.occurrence_id
          JOIN ${c}.police_occurrences o ON o.id = d.occurrence_id
         WHERE op.person_id = ${p} ORDER BY d.id, op.role) d`,
      'd.occurred_at DESC',
    )},
    'missingEpisodes', ${agg(`json_build_object('id', m.id, 'startedAt', m.started_at, 'endedAt', m.ended_at)`, `${c}.police_missing_episodes m WHERE m.person_id = ${p}`, 'm.started_at DESC')},
    'arrests', ${agg(`json_build_object('id', a.id, 'arrestedAt', a.arrested_at, 'offenceCategory', a.offence_category, 'outcome', a.outcome)`, `${c}.police_arrests a WHERE a.person_id = ${p}`, 'a.arrested_at DESC')},
    'maracReferrals', ${agg(`json_build_object('id', r.id, 'referredAt', r.referred_at)`, `${c}.police_marac_referrals r WHERE r.person_id = ${p}`, 'r.referred_at DESC')},
    'courtOrders', ${agg(
      `json_build_object('id', o.id, 'kind', o.kind, 'madeOn', o.made_on, 'expiresOn', o.expires_on, 'party', CASE WHEN o.respondent_person_id = ${p} THEN 'RESPONDENT' ELSE 'PROTECTED' END)`,
      `${c}.police_court_orders o WHERE o.respondent_person_id = ${p} OR o.protected_person_id = ${p}`,
      'o.made_on DESC',
    )},
    'occurrences', ${agg(
      `json_build_object('id', o.id, 'occurredAt', o.occurred_at, 'category', o.category, 'role', op.role)`,
      `${c}.police_occurrence_persons op JOIN ${c}.police_occurrences o ON o.id = op.occurrence_id WHERE op.person_id = ${p}`,
      'o.occurred_at DESC',
    )},
    'intelligence', ${agg(
      `json_build_object('id', i.id, 'recordedAt', i.recorded_at, 'grading', i.source_grade || i.information_grade || i.handling_code, 'content', i.content)`,
      `${c}.police_intelligence_items i WHERE i.person_id = ${p}`,
      'i.recorded_at DESC',
    )})`;
}

/** A health section for the patient id `h`. */
function healthSection(c: string, h: string): string {
  return `json_build_object(
    'patient', (SELECT json_build_object('id', x.id, 'nhsNumber', x.nhs_number, 'gpPractice', x.gp_practice_name) FROM ${c}.health_patients x WHERE x.id = ${h}),
    'attendances', ${agg(`json_build_object('id', a.id, 'arrivedAt', a.arrived_at, 'setting', a.setting, 'sensitiveCategory', a.sensitive_category)`, `${c}.health_unscheduled_care_attendances a WHERE a.patient_id = ${h}`, 'a.arrived_at DESC')},
    'gpRegistrations', ${agg(`json_build_object('practice', g.practice_name, 'from', g.registered_from, 'to', g.registered_to)`, `${c}.health_gp_registrations g WHERE g.patient_id = ${h}`, 'g.registered_from DESC')},
    'communityContacts', ${agg(`json_build_object('id', k.id, 'at', k.at, 'service', k.service, 'wasNotBrought', k.was_not_brought)`, `${c}.health_community_contacts k WHERE k.patient_id = ${h}`, 'k.at DESC')},
    'camhsReferrals', ${agg(`json_build_object('id', r.id, 'referredOn', r.referred_on, 'status', r.status)`, `${c}.health_camhs_referrals r WHERE r.patient_id = ${h}`, 'r.referred_on DESC')},
    'safeguardingFlags', ${agg(`json_build_object('id', f.id, 'code', f.code, 'startsOn', f.starts_on, 'endsOn', f.ends_on)`, `${c}.health_safeguarding_flags f WHERE f.patient_id = ${h}`, 'f.starts_on DESC')},
    'maternity', (SELECT json_build_object('id', m.id, 'bookedOn', m.booked_on, 'concerns', m.concerns) FROM ${c}.health_maternity_episodes m WHERE m.baby_patient_id = ${h} LIMIT 1),
    'parentalConcerns', ${agg(`json_build_object('id', q.id, 'kind', q.kind, 'recordedOn', q.recorded_on)`, `${c}.health_parental_concerns q WHERE q.patient_id = ${h}`, 'q.recorded_on DESC')})`;
}

/** An education section for the pupil id `e`. */
function educationSection(c: string, e: string): string {
  return `json_build_object(
    'pupil', (SELECT json_build_object('id', x.id, 'upn', x.upn) FROM ${c}.education_pupils x WHERE x.id = ${e}),
    'enrolments', ${agg(
      `json_build_object('id', n.id, 'school', s.name, 'startDate', n.start_date, 'endDate', n.end_date)`,
      `${c}.education_enrolments n JOIN ${c}.education_schools s ON s.urn = n.school_urn WHERE n.pupil_id = ${e}`,
      'n.start_date DESC',
    )},
    'attendance', ${agg(
      `json_build_object('academicYear', t.academic_year, 'term', t.term, 'possible', t.possible_sessions, 'attended', t.attended_sessions)`,
      `${c}.education_enrolments n JOIN ${c}.education_attendance_records t ON t.enrolment_id = n.id WHERE n.pupil_id = ${e}`,
      't.academic_year DESC, t.term',
    )},
    'exclusions', ${agg(`json_build_object('id', x.id, 'kind', x.kind, 'startDate', x.start_date, 'sessions', x.sessions)`, `${c}.education_exclusions x WHERE x.pupil_id = ${e}`, 'x.start_date DESC')},
    'senProvision', ${agg(`json_build_object('provision', p.provision, 'startDate', p.start_date, 'endDate', p.end_date)`, `${c}.education_sen_provisions p WHERE p.pupil_id = ${e}`, 'p.start_date DESC')},
    'homeEducation', ${agg(`json_build_object('startDate', h.start_date, 'endDate', h.end_date)`, `${c}.education_home_education h WHERE h.pupil_id = ${e}`, 'h.start_date DESC')},
    'missingEducation', ${agg(`json_build_object('id', m.id, 'reportedOn', m.reported_on, 'resolvedOn', m.resolved_on)`, `${c}.education_missing_education m WHERE m.pupil_id = ${e}`, 'm.reported_on DESC')},
    'freeSchoolMeals', ${agg(`json_build_object('startDate', f.start_date, 'endDate', f.end_date)`, `${c}.education_free_meals f WHERE f.pupil_id = ${e}`, 'f.start_date DESC')})`;
}

/**
 * The merged chronology in SQL: socialcare's contacts and referrals and each agency's dated
 * records, oldest first, one line each (the federation's chronology is built from the same kinds
 * of record, with each agency's own wording and rules).
 */
function chronology(c: string): string {
  const events = [
    `SELECT k.received_at AS at, 'SOCIALCARE' AS agency, 'CONTACT' AS kind, k.concern AS summary FROM ${c}.socialcare_contact_children d JOIN ${c}.socialcare_contacts k ON k.id = d.contact_id WHERE d.child_id = $1`,
    `SELECT d.decided_at, 'SOCIALCARE', 'DECISION', d.outcome FROM ${c}.socialcare_contact_children d WHERE d.child_id = $1 AND d.decided_at IS NOT NULL`,
    `SELECT r.created_at, 'SOCIALCARE', 'REFERRAL', r.id FROM ${c}.socialcare_referrals r WHERE r.child_id = $1`,
    `SELECT o.occurred_at, 'POLICE', o.category, o.summary FROM link l JOIN ${c}.police_occurrence_persons op ON op.person_id = l.police_id JOIN ${c}.police_occurrences o ON o.id = op.occurrence_id`,
    `SELECT a.arrested_at, 'POLICE', 'ARREST', a.offence FROM link l JOIN ${c}.police_arrests a ON a.person_id = l.police_id`,
    `SELECT i.recorded_at, 'POLICE', 'INTELLIGENCE', i.content FROM link l JOIN ${c}.police_intelligence_items i ON i.person_id = l.police_id`,
    `SELECT a.arrived_at, 'HEALTH', a.setting || '_ATTENDANCE', a.presenting_reason FROM link l JOIN ${c}.health_unscheduled_care_attendances a ON a.patient_id = l.health_id`,
    `SELECT k.at, 'HEALTH', k.service, k.kind FROM link l JOIN ${c}.health_community_contacts k ON k.patient_id = l.health_id`,
    `SELECT f.starts_on::timestamptz, 'HEALTH', 'SAFEGUARDING_FLAG', f.code FROM link l JOIN ${c}.health_safeguarding_flags f ON f.patient_id = l.health_id`,
    `SELECT x.start_date::timestamptz, 'EDUCATION', x.kind, x.reason_code FROM link l JOIN ${c}.education_exclusions x ON x.pupil_id = l.education_id`,
    `SELECT m.reported_on::timestamptz, 'EDUCATION', 'MISSING_EDUCATION', m.reason FROM link l JOIN ${c}.education_missing_education m ON m.pupil_id = l.education_id`,
  ];
  return `coalesce((SELECT json_agg(json_build_object('at', e.at, 'agency', e.agency, 'kind', e.kind, 'summary', e.summary) ORDER BY e.at, e.kind)
    FROM (${events.join('\n      UNION ALL ')}) e), '[]'::json)`;
}

/** The one statement: the child view for socialcare child `$1`. */
function childViewSql(c: string): string {
  return `WITH link AS (SELECT * FROM ${c}.person_links WHERE socialcare_id = $1)
SELECT json_build_object(
  'child', (SELECT json_build_object('id', k.id, 'givenName', k.given_name, 'familyName', k.family_name, 'dateOfBirth', k.date_of_birth, 'sex', k.sex, 'nhsNumber', k.nhs_number, 'upn', k.upn)
              FROM ${c}.socialcare_children k WHERE k.id = $1),
  'household', (SELECT json_build_object('postcode', h.postcode, 'adults', ${agg(
    `json_build_object('id', a.id, 'givenName', a.given_name, 'familyName', a.family_name, 'relationship', a.relationship,
       'police', CASE WHEN al.police_id IS NULL THEN NULL ELSE ${policeSection(c, 'al.police_id')} END,
       'health', CASE WHEN al.health_id IS NULL THEN NULL ELSE ${healthSection(c, 'al.health_id')} END)`,
    `${c}.socialcare_adults a LEFT JOIN ${c}.person_links al ON al.socialcare_id = a.id WHERE a.household_id = h.id`,
    'a.id',
  )})
     FROM ${c}.socialcare_children k JOIN ${c}.socialcare_households h ON h.id = k.household_id WHERE k.id = $1),
  'police', (SELECT ${policeSection(c, 'l.police_id')} FROM link l WHERE l.police_id IS NOT NULL),
  'health', (SELECT ${healthSection(c, 'l.health_id')} FROM link l WHERE l.health_id IS NOT NULL),
  'education', (SELECT ${educationSection(c, 'l.education_id')} FROM link l WHERE l.education_id IS NOT NULL),
  'chronology', ${chronology(c)}
) AS view`;
}

/** One agency's records in the central answer, as counts per list (what the check compares). */
export type CentralCounts = Record<string, number>;

/** The central copy: one schema, one statement per child view. */
export interface CentralCopy {
  schema: string;
  /** Rows copied, all tables together. */
  rows: number;
  /** Seconds it took to copy and index. */
  buildSeconds: number;
  /** The child view in one statement; the elapsed milliseconds (sent to parsed JSON) and the answer. */
  childView(childId: string): Promise<{ ms: number; view: Record<string, unknown> }>;
  /** Drops the schema and closes the connection. */
  close(): Promise<void>;
}

/**
 * Copies the agencies' tables (from the schemas `createBenchBed` seeded on `url`) into one schema
 * `central_<pid>`, adds a person link table built from the world's ground truth (who is who
 * across agencies: what a central copy's master index would have resolved once, at load), indexes
 * the join keys and ANALYZEs. Uses one connection, so the statement is timed alone.
 */
export async function createCentralCopy(
  url: string,
  agencySchemas: Record<SubgraphName, string>,
  world: World,
): Promise<CentralCopy> {
  const started = Date.now();
  const schema = `central_${process.pid}`;
  const c = pg.escapeIdentifier(schema);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${c} CASCADE`);
  await client.query(`CREATE SCHEMA ${c}`);
  let rows = 0;
  for (const agency of SUBGRAPH_NAMES) {
    for (const table of TABLES[agency] ?? []) {
      const result = await client.query(
        `CREATE TABLE ${c}.${agency}_${table} AS SELECT * FROM ${pg.escapeIdentifier(agencySchemas[agency])}.${table}`,
      );
      rows += result.rowCount ?? 0;
    }
  }
  await client.query(
    `CREATE TABLE ${c}.person_links (person_key text PRIMARY KEY, kind text NOT NULL,
       socialcare_id text, police_id text, health_id text, education_id text)`,
  );
  const people = world.truth.people.filter((p) => p.socialcareId !== null);
  for (let i = 0; i < people.length; i += 5000) {
    const batch = people.slice(i, i + 5000);
    await client.query(
      `INSERT INTO ${c}.person_links
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        batch.map((p) => p.key),
        batch.map((p) => p.kind),
        batch.map((p) => p.socialcareId),
        batch.map((p) => p.policeId),
        batch.map((p) => p.healthId),
        batch.map((p) => p.educationId),
      ],
    );
  }
  rows += people.length;
  for (const [table, column] of INDEXES) {
    await client.query(`CREATE INDEX ON ${c}.${table} (${column})`);
  }
  const tables = [...new Set(INDEXES.map(([table]) => table))];
  for (const table of tables) await client.query(`ANALYZE ${c}.${table}`);
  const sql = childViewSql(c);
  // Prepared once, as a central service would.
  const name = 'central_child_view';
  return {
    schema,
    rows,
    buildSeconds: (Date.now() - started) / 1000,
    async childView(childId) {
      const t = process.hrtime.bigint();
      const result = await client.query<{ view: Record<string, unknown> }>({
        name,
        text: sql,
        values: [childId],
      });
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, view: result.rows[0].view };
    },
    async close() {
      await client.query(`DROP SCHEMA IF EXISTS ${c} CASCADE`);
      await client.end();
    },
  };
}
