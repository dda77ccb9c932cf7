import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practitioners' decisions on partner agencies' possible matches. At most one current decision per
 * child and record, at most one current confirmed record per child and agency, and a record
 * confirmed for at most one child, enforced by the database so two practitioners deciding at once
 * cannot both succeed.
 */
export class AddMatchDecisions1764000000000 implements MigrationInterface {
  name = 'AddMatchDecisions1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_decisions (
        id bigserial PRIMARY KEY,
        child_id text NOT NULL REFERENCES children (id),
        agency text NOT NULL CHECK (agency IN ('POLICE', 'HEALTH', 'EDUCATION')),
        agency_reference text NOT NULL CHECK (length(agency_reference) BETWEEN 1 AND 64),
        decision text NOT NULL CHECK (decision IN ('CONFIRMED', 'REJECTED')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 1000),
        decided_by text NOT NULL,
        decided_by_agency text NOT NULL,
        decided_at timestamptz NOT NULL,
        superseded_at timestamptz
      )`);
    await q.query(`
      CREATE UNIQUE INDEX match_decisions_current
        ON match_decisions (child_id, agency, agency_reference) WHERE superseded_at IS NULL`);
    await q.query(`
      CREATE UNIQUE INDEX match_decisions_one_confirmed
        ON match_decisions (child_id, agency)
        WHERE decision = 'CONFIRMED' AND superseded_at IS NULL`);
    // One partner record is one person: it cannot be confirmed as two children (twins included).
    await q.query(`
      CREATE UNIQUE INDEX match_decisions_record_once
        ON match_decisions (agency, agency_reference)
        WHERE decision = 'CONFIRMED' AND superseded_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE match_decisions`);
  }
}
