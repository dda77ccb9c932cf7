import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Police's records beyond occurrences: domestic abuse notifications (DASH), missing episodes,
 * arrests, MARAC referrals and court orders. Each table is indexed on the key its loader batches
 * by (a person, an occurrence), so a page of children costs one statement per table.
 */
export class AddPoliceRecords1764000000000 implements MigrationInterface {
  name = 'AddPoliceRecords1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // UNIQUE: one notification per DOMESTIC_ABUSE occurrence; its index serves the occurrence join.
    await q.query(`
      CREATE TABLE da_notifications (
        id text PRIMARY KEY,
        occurrence_id text NOT NULL UNIQUE REFERENCES occurrences (id),
        assessed_at timestamptz NOT NULL,
        dash_risk text NOT NULL CHECK (dash_risk IN ('STANDARD', 'MEDIUM', 'HIGH')),
        children_present boolean NOT NULL,
        previous_incidents integer NOT NULL CHECK (previous_incidents >= 0)
      )`);
    await q.query(`
      CREATE TABLE missing_episodes (
        id text PRIMARY KEY,
        person_id text NOT NULL REFERENCES persons (id),
        occurrence_id text REFERENCES occurrences (id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        return_interview_offered boolean NOT NULL,
        return_interview_done boolean NOT NULL,
        CHECK (ended_at IS NULL OR ended_at >= started_at),
        CHECK (NOT return_interview_done OR return_interview_offered)
      )`);
    await q.query(
      `CREATE INDEX missing_episodes_person ON missing_episodes (person_id, started_at)`,
    );
    await q.query(`CREATE INDEX missing_episodes_occurrence ON missing_episodes (occurrence_id)`);
    await q.query(`
      CREATE TABLE arrests (
        id text PRIMARY KEY,
        person_id text NOT NULL REFERENCES persons (id),
        arrested_at timestamptz NOT NULL,
        offence_category text NOT NULL CHECK (offence_category IN
          ('VIOLENCE', 'DOMESTIC_ABUSE', 'SEXUAL', 'DRUGS', 'WEAPONS', 'THEFT', 'PUBLIC_ORDER')),
        offence text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('CHARGED', 'CAUTIONED',
          'RELEASED_UNDER_INVESTIGATION', 'NO_FURTHER_ACTION', 'CONVICTED'))
      )`);
    await q.query(`CREATE INDEX arrests_person ON arrests (person_id, arrested_at)`);
    await q.query(`
      CREATE TABLE marac_referrals (
        id text PRIMARY KEY,
        person_id text NOT NULL REFERENCES persons (id),
        da_notification_id text REFERENCES da_notifications (id),
        referred_at timestamptz NOT NULL,
        conference_date date
      )`);
    await q.query(
      `CREATE INDEX marac_referrals_person ON marac_referrals (person_id, referred_at)`,
    );
    await q.query(
      `CREATE INDEX marac_referrals_da_notification ON marac_referrals (da_notification_id)`,
    );
    await q.query(`
      CREATE TABLE court_orders (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('NON_MOLESTATION_ORDER', 'OCCUPATION_ORDER',
          'RESTRAINING_ORDER', 'DOMESTIC_VIOLENCE_PROTECTION_ORDER',
          'CHILD_ARRANGEMENTS_PROHIBITED_STEPS')),
        respondent_person_id text NOT NULL REFERENCES persons (id),
        protected_person_id text REFERENCES persons (id),
        made_on date NOT NULL,
        expires_on date,
        CHECK (expires_on IS NULL OR expires_on >= made_on),
        CHECK (protected_person_id IS DISTINCT FROM respondent_person_id)
      )`);
    await q.query(
      `CREATE INDEX court_orders_respondent ON court_orders (respondent_person_id, made_on)`,
    );
    await q.query(
      `CREATE INDEX court_orders_protected ON court_orders (protected_person_id, made_on)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE court_orders, marac_referrals, arrests, missing_episodes, da_notifications`,
    );
  }
}
