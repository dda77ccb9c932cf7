import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Early help after step-down: a `STEP_DOWN_TO_EARLY_HELP` decision opens an episode for the child,
 * offered to one of the registered early help teams and providers; the episode records what the
 * family said, the early help assessment, the lead practitioner and how it closed (a step-up back
 * to the MASH names the new contact). The providers are a table, the authority's registered list.
 */
export class AddEarlyHelp1770000000000 implements MigrationInterface {
  name = 'AddEarlyHelp1770000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE early_help_providers (
        id   text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('LOCAL_AUTHORITY', 'SCHOOL', 'HEALTH', 'VOLUNTARY'))
      )`);
    await q.query(`
      INSERT INTO early_help_providers (id, name, kind) VALUES
        ('eh-north', 'Early Help North', 'LOCAL_AUTHORITY'),
        ('eh-south', 'Early Help South', 'LOCAL_AUTHORITY'),
        ('eh-central', 'Early Help Central', 'LOCAL_AUTHORITY'),
        ('family-hub-west', 'West Green Family Hub', 'LOCAL_AUTHORITY'),
        ('school-inclusion', 'Schools Inclusion Service', 'SCHOOL'),
        ('health-visiting-eh', 'Health Visiting Early Help', 'HEALTH'),
        ('parenting-plus', 'Parenting Plus (commissioned)', 'VOLUNTARY')`);
    await q.query(`
      CREATE TABLE early_help_episodes (
        id                      text PRIMARY KEY,
        contact_id              text NOT NULL,
        child_id                text NOT NULL REFERENCES children (id),
        stepped_down_at         timestamptz NOT NULL,
        provider_id             text NOT NULL REFERENCES early_help_providers (id),
        offered_at              timestamptz NOT NULL,
        family_response         text CHECK (family_response IN ('ACCEPTED', 'DECLINED')),
        responded_on            date,
        assessment_started_on   date,
        assessment_completed_on date,
        assessment_organisation text,
        lead_practitioner       text,
        closed_on               date,
        closure_reason          text CHECK (closure_reason IN
          ('NEEDS_MET', 'FAMILY_DECLINED', 'NO_ENGAGEMENT', 'STEPPED_UP', 'MOVED_AWAY', 'OTHER')),
        step_up_contact_id      text REFERENCES contacts (id),
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL,
        UNIQUE (contact_id, child_id),
        FOREIGN KEY (contact_id, child_id) REFERENCES contact_children (contact_id, child_id),
        CHECK ((family_response IS NULL) = (responded_on IS NULL)),
        CHECK ((closed_on IS NULL) = (closure_reason IS NULL)),
        CHECK (assessment_completed_on IS NULL OR assessment_started_on IS NOT NULL),
        CHECK (assessment_completed_on IS NULL OR assessment_completed_on >= assessment_started_on),
        CHECK ((closure_reason = 'STEPPED_UP') = (step_up_contact_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX early_help_episodes_child ON early_help_episodes (child_id)`);
    await q.query(
      `CREATE INDEX early_help_episodes_stepped_down ON early_help_episodes (stepped_down_at)`,
    );
    await q.query(
      `CREATE INDEX early_help_episodes_provider ON early_help_episodes (provider_id, closed_on)`,
    );
    // Episodes are numbered EH000001, ... by the service; the seed and imports write their own, so
    // sync_number_sequences keeps the sequence ahead of them.
    await q.query(`CREATE SEQUENCE early_help_episode_number_seq`);
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
        SELECT setval('early_help_episode_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM early_help_episodes
                        WHERE id ~ '^EH[0-9]+$')),
          EXISTS (SELECT 1 FROM early_help_episodes WHERE id ~ '^EH[0-9]+$'));
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to AddAssessmentsAndPlans's definition before the sequence it would name goes.
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
    await q.query(`DROP SEQUENCE early_help_episode_number_seq`);
    await q.query(`DROP TABLE early_help_episodes, early_help_providers`);
  }
}
