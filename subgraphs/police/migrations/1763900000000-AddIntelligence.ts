import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Police intelligence graded 3x5x2 (source 1-3, information A-E, handling P or C) and the
 * clearances officers record when the conditions of a C item are met for disclosure to an agency.
 */
export class AddIntelligence1763900000000 implements MigrationInterface {
  name = 'AddIntelligence1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE intelligence_items (
        id text PRIMARY KEY,
        person_id text NOT NULL REFERENCES persons (id),
        recorded_at timestamptz NOT NULL,
        source_grade smallint NOT NULL CHECK (source_grade BETWEEN 1 AND 3),
        information_grade text NOT NULL CHECK (information_grade IN ('A', 'B', 'C', 'D', 'E')),
        handling_code text NOT NULL CHECK (handling_code IN ('P', 'C')),
        handling_conditions text,
        content text NOT NULL,
        CHECK (handling_code = 'P' OR handling_conditions IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX intelligence_items_person ON intelligence_items (person_id, recorded_at)`,
    );
    await q.query(`
      CREATE TABLE intelligence_clearances (
        item_id text NOT NULL REFERENCES intelligence_items (id),
        agency text NOT NULL CHECK (agency IN ('SOCIALCARE', 'POLICE', 'HEALTH', 'EDUCATION')),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        note text NOT NULL,
        PRIMARY KEY (item_id, agency)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intelligence_clearances, intelligence_items`);
  }
}
