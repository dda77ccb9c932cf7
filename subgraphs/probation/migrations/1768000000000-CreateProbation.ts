import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameKeySql } from '../../../shared/partner/matching';

const LEVEL = `('LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH')`;

/**
 * Probation's person index (with the case's offender manager and MAPPA management), offences,
 * risk of serious harm assessments, licence and order conditions, and the children recorded on
 * cases. Both indexes keep a comparable family-name key (shared/partner/matching.ts `nameKey`)
 * beside the date of birth, for the partner kit's blocked candidate query.
 */
export class CreateProbation1768000000000 implements MigrationInterface {
  name = 'CreateProbation1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offenders (
        id text PRIMARY KEY,
        crn text NOT NULL,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'UNKNOWN')),
        postcode text,
        supervision text NOT NULL CHECK (supervision IN
          ('LICENCE', 'COMMUNITY_ORDER', 'SUSPENDED_SENTENCE_ORDER', 'PREVIOUSLY_KNOWN')),
        supervision_starts_on date,
        supervision_ends_on date,
        offender_manager text,
        offender_manager_team text,
        mappa_category integer CHECK (mappa_category BETWEEN 1 AND 3),
        mappa_level integer CHECK (mappa_level BETWEEN 1 AND 3),
        mappa_reviewed_on date,
        family_name_key text GENERATED ALWAYS AS (${nameKeySql('family_name')}) STORED
      )`);
    await q.query(`CREATE INDEX offenders_dob ON offenders (date_of_birth)`);
    await q.query(`CREATE INDEX offenders_crn ON offenders (crn)`);
    await q.query(
      `CREATE INDEX offenders_family_name_key ON offenders (family_name_key, date_of_birth)`,
    );
    await q.query(`
      CREATE TABLE offences (
        id text PRIMARY KEY,
        offender_id text NOT NULL REFERENCES offenders (id),
        category text NOT NULL CHECK (category IN
          ('DOMESTIC_ABUSE', 'VIOLENCE', 'SEXUAL', 'CHILD_RELATED', 'OTHER')),
        description text NOT NULL,
        convicted_on date NOT NULL
      )`);
    await q.query(`CREATE INDEX offences_offender ON offences (offender_id)`);
    await q.query(`
      CREATE TABLE risk_assessments (
        id text PRIMARY KEY,
        offender_id text NOT NULL REFERENCES offenders (id),
        assessed_on date NOT NULL,
        risk_to_children text NOT NULL CHECK (risk_to_children IN ${LEVEL}),
        risk_to_known_adult text NOT NULL CHECK (risk_to_known_adult IN ${LEVEL}),
        risk_to_public text NOT NULL CHECK (risk_to_public IN ${LEVEL})
      )`);
    await q.query(`CREATE INDEX risk_assessments_offender ON risk_assessments (offender_id)`);
    await q.query(`
      CREATE TABLE conditions (
        id text PRIMARY KEY,
        offender_id text NOT NULL REFERENCES offenders (id),
        kind text NOT NULL CHECK (kind IN ('NO_UNSUPERVISED_CONTACT_WITH_CHILDREN',
          'EXCLUSION_ZONE', 'NON_CONTACT', 'RESIDENCE', 'CURFEW', 'PROGRAMME')),
        imposed_by text NOT NULL CHECK (imposed_by IN ('LICENCE', 'COMMUNITY_ORDER')),
        detail text NOT NULL,
        starts_on date NOT NULL,
        ends_on date
      )`);
    await q.query(`CREATE INDEX conditions_offender ON conditions (offender_id)`);
    await q.query(`
      CREATE TABLE known_children (
        id text PRIMARY KEY,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'UNKNOWN')),
        postcode text,
        family_name_key text GENERATED ALWAYS AS (${nameKeySql('family_name')}) STORED
      )`);
    await q.query(`CREATE INDEX known_children_dob ON known_children (date_of_birth)`);
    await q.query(
      `CREATE INDEX known_children_family_name_key ON known_children (family_name_key, date_of_birth)`,
    );
    await q.query(`
      CREATE TABLE known_child_links (
        child_id text NOT NULL REFERENCES known_children (id),
        offender_id text NOT NULL REFERENCES offenders (id),
        relationship text NOT NULL,
        same_household boolean NOT NULL,
        recorded_on date NOT NULL,
        PRIMARY KEY (child_id, offender_id)
      )`);
    await q.query(`CREATE INDEX known_child_links_offender ON known_child_links (offender_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE known_child_links, known_children, conditions, risk_assessments, offences, offenders`,
    );
  }
}
