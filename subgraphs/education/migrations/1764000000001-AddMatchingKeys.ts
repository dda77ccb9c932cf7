import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameKeySql } from '../../../shared/partner/matching';

/**
 * A comparable family-name key (shared/matching.ts `nameKey`), kept by the database, and an index on
 * it with the date of birth: demographic matching finds namesakes born within about a year of the
 * person asked about, which catches a mistyped date of birth.
 */
export class AddMatchingKeys1764000000001 implements MigrationInterface {
  name = 'AddMatchingKeys1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE pupils ADD COLUMN family_name_key text
         GENERATED ALWAYS AS (${nameKeySql('family_name')}) STORED`,
    );
    await q.query(`CREATE INDEX pupils_family_name_key ON pupils (family_name_key, date_of_birth)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pupils DROP COLUMN family_name_key`);
  }
}
