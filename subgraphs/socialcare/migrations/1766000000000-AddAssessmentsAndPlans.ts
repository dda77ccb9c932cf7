import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What follows a referral: child and family assessments (at most one per referral, of its child,
 * authorised with an outcome), child protection plans (from the initial conference to the end,
 * each naming the assessment it followed when known, of the same child) and the visits to children
 * on them. Indexed for the analytics: assessments by authorisation instant and by child, a
 * referral's assessment by its referral, plans by child, visits by plan in time order. The number
 * sequences gain assessments (AS000001) and plans (CP00001).
 */
export class AddAssessmentsAndPlans1766000000000 implements MigrationInterface {
  name = 'AddAssessmentsAndPlans1766000000000';

  async up(q: QueryRunner): Promise<void> {
    // The target of the assessments' (referral_id, child_id) key: an assessment is of its
    // referral's child.
    await q.query(`ALTER TABLE referrals ADD CONSTRAINT referrals_id_child UNIQUE (id, child_id)`);
    await q.query(`
      CREATE TABLE assessments (
        id text PRIMARY KEY,
        referral_id text NOT NULL REFERENCES referrals (id),
        child_id text NOT NULL REFERENCES children (id),
        started_at timestamptz NOT NULL,
        authorised_at timestamptz,
        outcome text CHECK (outcome IN ('NO_FURTHER_ACTION', 'CHILD_IN_NEED_PLAN', 'SECTION_47',
          'STEP_DOWN_TO_EARLY_HELP', 'OTHER')),
        authorised_by text,
        CONSTRAINT assessments_one_per_referral UNIQUE (referral_id),
        CONSTRAINT assessments_id_child UNIQUE (id, child_id),
        FOREIGN KEY (referral_id, child_id) REFERENCES referrals (id, child_id),
        CHECK (authorised_at >= started_at),
        CHECK ((authorised_at IS NULL) = (outcome IS NULL)),
        CHECK (authorised_by IS NULL OR authorised_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX assessments_authorised_at ON assessments (authorised_at)`);
    await q.query(`CREATE INDEX assessments_child ON assessments (child_id)`);
    await q.query(`
      CREATE TABLE child_protection_plans (
        id text PRIMARY KEY,
        child_id text NOT NULL REFERENCES children (id),
        assessment_id text REFERENCES assessments (id),
        started_on date NOT NULL,
        ended_on date,
        category text NOT NULL
          CHECK (category IN ('EMOTIONAL', 'NEGLECT', 'PHYSICAL', 'SEXUAL', 'MULTIPLE')),
        CONSTRAINT child_protection_plans_one_per_assessment UNIQUE (assessment_id),
        -- Checked only when assessment_id is set (MATCH SIMPLE).
        FOREIGN KEY (assessment_id, child_id) REFERENCES assessments (id, child_id),
        CHECK (ended_on >= started_on)
      )`);
    await q.query(
      `CREATE INDEX child_protection_plans_child ON child_protection_plans (child_id, started_on)`,
    );
    await q.query(`
      CREATE TABLE child_protection_visits (
        id bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES child_protection_plans (id),
        visited_at timestamptz NOT NULL,
        visited_by text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX child_protection_visits_plan ON child_protection_visits (plan_id, visited_at)`,
    );
    await q.query(`CREATE SEQUENCE assessment_number_seq`);
    await q.query(`CREATE SEQUENCE child_protection_plan_number_seq`);
    await q.query(`
      CREATE OR REPLACE FUNCTION sync_number_sequences() RETURNS void LANGUAGE sql AS $$
        SELECT setval('contact_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM contacts WHERE id ~ '^CT[0-9]+$')),
          EXISTS (SELECT 1 FROM contacts WHERE id ~ '^CT[0-9]+$'));
        SELECT setval('child_number_seq',
          greatest(100000, (SELECT max(substr(id, 3)::bigint) FROM children WHERE id ~ '^SC[0-9]+$')),
          true);
        SELECT setval('household_number_seq',
          greatest(1, (SELECT max(substr(id, 2)::bigint) FROM households WHERE id ~ '^H[0-9]+$')),
          EXISTS (SELECT 1 FROM households WHERE id ~ '^H[0-9]+$'));
        SELECT setval('referral_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM referrals WHERE id ~ '^RF[0-9]+$')),
          EXISTS (SELECT 1 FROM referrals WHERE id ~ '^RF[0-9]+$'));
        SELECT setval('assessment_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM assessments WHERE id ~ '^AS[0-9]+$')),
          EXISTS (SELECT 1 FROM assessments WHERE id ~ '^AS[0-9]+$'));
        SELECT setval('child_protection_plan_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM child_protection_plans
                        WHERE id ~ '^CP[0-9]+$')),
          EXISTS (SELECT 1 FROM child_protection_plans WHERE id ~ '^CP[0-9]+$'));
      $$`);
    await q.query(`SELECT sync_number_sequences()`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to AddFrontDoor's definition before the sequences it would name go.
    await q.query(`
      CREATE OR REPLACE FUNCTION sync_number_sequences() RETURNS void LANGUAGE sql AS $$
        SELECT setval('contact_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM contacts WHERE id ~ '^CT[0-9]+$')),
          EXISTS (SELECT 1 FROM contacts WHERE id ~ '^CT[0-9]+$'));
        SELECT setval('child_number_seq',
          greatest(100000, (SELECT max(substr(id, 3)::bigint) FROM children WHERE id ~ '^SC[0-9]+$')),
          true);
        SELECT setval('household_number_seq',
          greatest(1, (SELECT max(substr(id, 2)::bigint) FROM households WHERE id ~ '^H[0-9]+$')),
          EXISTS (SELECT 1 FROM households WHERE id ~ '^H[0-9]+$'));
        SELECT setval('referral_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM referrals WHERE id ~ '^RF[0-9]+$')),
          EXISTS (SELECT 1 FROM referrals WHERE id ~ '^RF[0-9]+$'));
      $$`);
    await q.query(`DROP SEQUENCE assessment_number_seq, child_protection_plan_number_seq`);
    await q.query(`DROP TABLE child_protection_visits, child_protection_plans, assessments`);
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_id_child`);
  }
}
