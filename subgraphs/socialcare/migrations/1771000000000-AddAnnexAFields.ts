import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Annex A lists 3 and 4 need that socialcare did not keep: a child's disability (yes, no or
 * unknown; null is not recorded, which the lists write as unknown), the team and worker a
 * referral and an assessment are allocated to, and whether the child was seen during the
 * assessment (null: not recorded).
 */
export class AddAnnexAFields1771000000000 implements MigrationInterface {
  name = 'AddAnnexAFields1771000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE children
        ADD COLUMN disability text CHECK (disability IN ('YES', 'NO', 'UNKNOWN'))`);
    await q.query(`
      ALTER TABLE referrals
        ADD COLUMN allocated_team text,
        ADD COLUMN allocated_worker text`);
    await q.query(`
      ALTER TABLE assessments
        ADD COLUMN allocated_team text,
        ADD COLUMN allocated_worker text,
        ADD COLUMN child_seen boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE assessments DROP COLUMN child_seen, DROP COLUMN allocated_worker,
         DROP COLUMN allocated_team`,
    );
    await q.query(`ALTER TABLE referrals DROP COLUMN allocated_worker, DROP COLUMN allocated_team`);
    await q.query(`ALTER TABLE children DROP COLUMN disability`);
  }
}
