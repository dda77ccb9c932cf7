import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The patient index and unscheduled-care attendances. */
export class CreateHealth1763800000000 implements MigrationInterface {
  name = 'CreateHealth1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE patients (
        id text PRIMARY KEY,
        nhs_number text,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'UNKNOWN')),
        postcode text,
        gp_practice_code text,
        gp_practice_name text
      )`);
    await q.query(`CREATE INDEX patients_nhs_number ON patients (nhs_number)`);
    await q.query(`CREATE INDEX patients_dob ON patients (date_of_birth)`);
    await q.query(`
      CREATE TABLE unscheduled_care_attendances (
        id text PRIMARY KEY,
        patient_id text NOT NULL REFERENCES patients (id),
        arrived_at timestamptz NOT NULL,
        setting text NOT NULL
          CHECK (setting IN ('EMERGENCY_DEPARTMENT', 'WALK_IN', 'OUT_OF_HOURS', 'MATERNITY')),
        presenting_reason text NOT NULL,
        site text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX attendances_patient ON unscheduled_care_attendances (patient_id, arrived_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unscheduled_care_attendances, patients`);
  }
}
