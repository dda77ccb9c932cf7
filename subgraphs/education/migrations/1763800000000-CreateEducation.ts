import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The pupil index with former UPNs, schools, enrolments and termly attendance. */
export class CreateEducation1763800000000 implements MigrationInterface {
  name = 'CreateEducation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pupils (
        id text PRIMARY KEY,
        upn text UNIQUE,
        upn_unknown_reason text CHECK (upn_unknown_reason IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')),
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'UNKNOWN')),
        postcode text
      )`);
    await q.query(`CREATE INDEX pupils_dob ON pupils (date_of_birth)`);
    await q.query(`
      CREATE TABLE pupil_former_upns (
        pupil_id text NOT NULL REFERENCES pupils (id),
        upn text NOT NULL,
        PRIMARY KEY (pupil_id, upn)
      )`);
    await q.query(`CREATE INDEX pupil_former_upns_upn ON pupil_former_upns (upn)`);
    await q.query(`
      CREATE TABLE schools (
        urn text PRIMARY KEY,
        name text NOT NULL,
        phase text NOT NULL
          CHECK (phase IN ('PRIMARY', 'SECONDARY', 'SPECIAL', 'ALTERNATIVE_PROVISION'))
      )`);
    await q.query(`
      CREATE TABLE enrolments (
        id text PRIMARY KEY,
        pupil_id text NOT NULL REFERENCES pupils (id),
        school_urn text NOT NULL REFERENCES schools (urn),
        start_date date NOT NULL,
        end_date date,
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX enrolments_pupil ON enrolments (pupil_id)`);
    await q.query(`
      CREATE TABLE attendance_records (
        enrolment_id text NOT NULL REFERENCES enrolments (id),
        academic_year text NOT NULL,
        term text NOT NULL CHECK (term IN ('AUTUMN', 'SPRING', 'SUMMER')),
        possible_sessions integer NOT NULL CHECK (possible_sessions >= 0),
        attended_sessions integer NOT NULL CHECK (attended_sessions >= 0),
        authorised_absences integer NOT NULL CHECK (authorised_absences >= 0),
        unauthorised_absences integer NOT NULL CHECK (unauthorised_absences >= 0),
        PRIMARY KEY (enrolment_id, academic_year, term)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attendance_records, enrolments, schools, pupil_former_upns, pupils`);
  }
}
