import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Marks unscheduled-care attendances that are sensitive, by category; null means not sensitive. */
export class AddSensitiveCategory1763900000000 implements MigrationInterface {
  name = 'AddSensitiveCategory1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE unscheduled_care_attendances
        ADD COLUMN sensitive_category text
          CHECK (sensitive_category IN ('SEXUAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unscheduled_care_attendances DROP COLUMN sensitive_category`);
  }
}
