import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `('POLICE', 'HEALTH', 'EDUCATION')`;
const AFTER = `('POLICE', 'HEALTH', 'EDUCATION', 'PROBATION')`;

/**
 * Probation joins the partners: practitioners' match decisions and the front door's partner
 * checks may name it. The agency lists stay CHECK constraints, the database's own guard, so a
 * new partner agency is one migration like this one.
 */
export class AddProbationPartner1768000000000 implements MigrationInterface {
  name = 'AddProbationPartner1768000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['match_decisions', 'partner_checks']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_agency_check`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_agency_check CHECK (agency IN ${AFTER})`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['match_decisions', 'partner_checks']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_agency_check`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_agency_check CHECK (agency IN ${BEFORE})`,
      );
    }
  }
}
