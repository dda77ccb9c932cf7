import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Children, households and adults, contacts with per-child decisions, and referrals. */
export class CreateSocialcare1763800000000 implements MigrationInterface {
  name = 'CreateSocialcare1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE households (
        id text PRIMARY KEY,
        address_line text NOT NULL,
        postcode text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE children (
        id text PRIMARY KEY,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date,
        expected_date_of_birth date,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'UNKNOWN')),
        ethnicity text,
        nhs_number text,
        upn text,
        upn_unknown_reason text CHECK (upn_unknown_reason IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')),
        household_id text REFERENCES households (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (date_of_birth IS NOT NULL OR expected_date_of_birth IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX children_family_name_dob ON children (lower(family_name), date_of_birth)`,
    );
    await q.query(`CREATE INDEX children_given_name ON children (lower(given_name))`);
    await q.query(`CREATE INDEX children_dob ON children (date_of_birth)`);
    await q.query(`CREATE INDEX children_nhs_number ON children (nhs_number)`);
    await q.query(`CREATE INDEX children_upn ON children (upn)`);
    await q.query(`CREATE INDEX children_household ON children (household_id)`);
    await q.query(`
      CREATE TABLE adults (
        id text PRIMARY KEY,
        household_id text NOT NULL REFERENCES households (id),
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'UNKNOWN')),
        relationship text NOT NULL
      )`);
    await q.query(`CREATE INDEX adults_household ON adults (household_id)`);
    await q.query(`
      CREATE TABLE contacts (
        id text PRIMARY KEY,
        received_at timestamptz NOT NULL,
        source_code text NOT NULL,
        referrer text NOT NULL,
        concern text NOT NULL,
        rag text CHECK (rag IN ('RED', 'AMBER', 'GREEN', 'BLUE')),
        screened_at timestamptz,
        team text NOT NULL
      )`);
    await q.query(`CREATE INDEX contacts_received_at ON contacts (received_at)`);
    await q.query(`
      CREATE TABLE contact_children (
        contact_id text NOT NULL REFERENCES contacts (id),
        child_id text NOT NULL REFERENCES children (id),
        decided_at timestamptz,
        level smallint CHECK (level BETWEEN 1 AND 4),
        outcome text,
        PRIMARY KEY (contact_id, child_id),
        CHECK ((decided_at IS NULL) = (outcome IS NULL))
      )`);
    await q.query(`CREATE INDEX contact_children_child ON contact_children (child_id)`);
    await q.query(`
      CREATE TABLE referrals (
        id text PRIMARY KEY,
        contact_id text NOT NULL REFERENCES contacts (id),
        child_id text NOT NULL REFERENCES children (id),
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX referrals_child ON referrals (child_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referrals, contact_children, contacts, adults, children, households`);
  }
}
