import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GP registration history, health visiting and school nursing contacts, CAMHS referrals,
 * maternity episodes, coded safeguarding flags and parental health concerns, each keyed to the
 * patient index and indexed by the key its loader batches on.
 */
export class AddHealthRecords1764000000000 implements MigrationInterface {
  name = 'AddHealthRecords1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // The source holds no id for a registration, and one patient may leave and rejoin the same
    // practice, so no natural key is safe: a surrogate.
    await q.query(`
      CREATE TABLE gp_registrations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        patient_id text NOT NULL REFERENCES patients (id),
        practice_code text NOT NULL,
        practice_name text NOT NULL,
        registered_from date NOT NULL,
        registered_to date,
        CHECK (registered_to IS NULL OR registered_to >= registered_from)
      )`);
    await q.query(
      `CREATE INDEX gp_registrations_patient ON gp_registrations (patient_id, registered_from)`,
    );
    // A patient is registered with one practice at a time.
    await q.query(`
      CREATE UNIQUE INDEX gp_registrations_current ON gp_registrations (patient_id)
        WHERE registered_to IS NULL`);

    await q.query(`
      CREATE TABLE community_contacts (
        id text PRIMARY KEY,
        patient_id text NOT NULL REFERENCES patients (id),
        at timestamptz NOT NULL,
        service text NOT NULL CHECK (service IN ('HEALTH_VISITING', 'SCHOOL_NURSING')),
        kind text NOT NULL,
        was_not_brought boolean NOT NULL,
        note text NOT NULL
      )`);
    await q.query(`CREATE INDEX community_contacts_patient ON community_contacts (patient_id, at)`);

    await q.query(`
      CREATE TABLE camhs_referrals (
        id text PRIMARY KEY,
        patient_id text NOT NULL REFERENCES patients (id),
        referred_on date NOT NULL,
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('WAITING', 'ACCEPTED', 'DECLINED', 'DISCHARGED'))
      )`);
    await q.query(
      `CREATE INDEX camhs_referrals_patient ON camhs_referrals (patient_id, referred_on)`,
    );

    await q.query(`
      CREATE TABLE maternity_episodes (
        id text PRIMARY KEY,
        mother_patient_id text NOT NULL REFERENCES patients (id),
        booked_on date NOT NULL,
        expected_delivery_date date NOT NULL,
        delivered_on date,
        baby_patient_id text REFERENCES patients (id),
        concerns text,
        CHECK (baby_patient_id IS NULL OR delivered_on IS NOT NULL),
        CHECK (baby_patient_id IS NULL OR baby_patient_id <> mother_patient_id)
      )`);
    await q.query(
      `CREATE INDEX maternity_episodes_mother ON maternity_episodes (mother_patient_id, booked_on)`,
    );
    // A baby is born of one pregnancy; the index also serves the child's look-up.
    await q.query(`
      CREATE UNIQUE INDEX maternity_episodes_baby ON maternity_episodes (baby_patient_id)
        WHERE baby_patient_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE safeguarding_flags (
        id text PRIMARY KEY,
        patient_id text NOT NULL REFERENCES patients (id),
        code text NOT NULL CHECK (code IN ('CP_PLAN', 'LOOKED_AFTER', 'SAFEGUARDING_CONCERN')),
        starts_on date NOT NULL,
        ends_on date,
        note text NOT NULL,
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(
      `CREATE INDEX safeguarding_flags_patient ON safeguarding_flags (patient_id, starts_on)`,
    );

    await q.query(`
      CREATE TABLE parental_concerns (
        id text PRIMARY KEY,
        patient_id text NOT NULL REFERENCES patients (id),
        kind text NOT NULL CHECK (kind IN ('MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'ALCOHOL_MISUSE')),
        recorded_on date NOT NULL,
        note text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX parental_concerns_patient ON parental_concerns (patient_id, recorded_on)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE parental_concerns, safeguarding_flags, maternity_episodes, camhs_referrals,
        community_contacts, gp_registrations`);
  }
}
