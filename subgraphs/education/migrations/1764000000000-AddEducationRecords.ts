import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Education's safeguarding records beside the roll: suspensions and exclusions, SEN provision,
 * elective home education, children missing education and free school meals; and the invariants
 * termly attendance always had but the first migration did not state.
 *
 * The code lists are spelled out, not imported from ../codes.ts: a migration is history, and must
 * create the same tables tomorrow as today. A later change to a list is a new migration.
 */
export class AddEducationRecords1764000000000 implements MigrationInterface {
  name = 'AddEducationRecords1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exclusions (
        id text PRIMARY KEY,
        pupil_id text NOT NULL REFERENCES pupils (id),
        school_urn text NOT NULL REFERENCES schools (urn),
        kind text NOT NULL CHECK (kind IN ('SUSPENSION', 'PERMANENT_EXCLUSION')),
        start_date date NOT NULL,
        sessions integer NOT NULL CHECK (sessions >= 0),
        reason_code text NOT NULL CHECK (reason_code IN (
          'PP', 'PA', 'VP', 'VA', 'OW', 'BW', 'WP', 'BU', 'TB', 'RA', 'LG', 'DS', 'SM', 'SB',
          'MB', 'AB', 'DA', 'DR', 'AR', 'SR', 'VR', 'DM', 'TH', 'PD', 'LD', 'CB', 'DB', 'MT',
          'MP', 'OS', 'PH', 'OT'))
      )`);
    await q.query(`CREATE INDEX exclusions_pupil ON exclusions (pupil_id, start_date)`);
    // The primary key leads with pupil_id: it is also the index the pupil's loader uses.
    await q.query(`
      CREATE TABLE sen_provisions (
        pupil_id text NOT NULL REFERENCES pupils (id),
        provision text NOT NULL CHECK (provision IN ('SEN_SUPPORT', 'EHC_PLAN')),
        start_date date NOT NULL,
        primary_need text NOT NULL CHECK (primary_need IN (
          'SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH',
          'NSA')),
        end_date date,
        PRIMARY KEY (pupil_id, provision, start_date),
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`
      CREATE TABLE home_education (
        pupil_id text NOT NULL REFERENCES pupils (id),
        start_date date NOT NULL,
        end_date date,
        PRIMARY KEY (pupil_id, start_date),
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`
      CREATE TABLE missing_education (
        id text PRIMARY KEY,
        pupil_id text NOT NULL REFERENCES pupils (id),
        reported_on date NOT NULL,
        resolved_on date,
        reason text NOT NULL CHECK (reason <> ''),
        CHECK (resolved_on IS NULL OR resolved_on >= reported_on)
      )`);
    await q.query(`CREATE INDEX missing_education_pupil ON missing_education (pupil_id)`);
    await q.query(`
      CREATE TABLE free_meals (
        pupil_id text NOT NULL REFERENCES pupils (id),
        start_date date NOT NULL,
        end_date date,
        PRIMARY KEY (pupil_id, start_date),
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    // Possible sessions are exactly those attended plus those missed (DfE); a year is '2025/26'.
    // CASE, not AND: SQL does not promise to test the pattern before casting the digits.
    await q.query(`
      ALTER TABLE attendance_records
        ADD CONSTRAINT attendance_records_sessions_add_up CHECK (
          attended_sessions + authorised_absences + unauthorised_absences = possible_sessions),
        ADD CONSTRAINT attendance_records_academic_year CHECK (
          CASE WHEN academic_year ~ '^[0-9]{4}/[0-9]{2}$'
            THEN (substr(academic_year, 1, 4)::integer + 1) % 100
              = substr(academic_year, 6, 2)::integer
            ELSE false
          END)
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attendance_records
        DROP CONSTRAINT attendance_records_academic_year,
        DROP CONSTRAINT attendance_records_sessions_add_up`);
    await q.query(
      `DROP TABLE free_meals, missing_education, home_education, sen_provisions, exclusions`,
    );
  }
}
