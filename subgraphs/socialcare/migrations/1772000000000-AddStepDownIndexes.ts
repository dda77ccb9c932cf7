import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes re-contact after step-down reads (analytics/stepDowns.ts `reContactSql`):
 * - `contact_children_step_downs`: the step-down decisions by their instant, holding the child, so
 *   a period's step-downs are found without reading every decision. Partial: nothing for the nine
 *   decisions in ten that are not step-downs.
 * - `contact_children_child` now also holds each row's contact and decision instant, so a child's
 *   other contacts are looked up, and the earlier ones left out, from the index alone. Same key as
 *   before: every query it served, it still serves.
 * Measured with `npm run bench:analytics` (1,000,000 contacts, 10% of decisions stepping down, 12
 * months of them): see BENCHMARKS.md.
 */
export class AddStepDownIndexes1772000000000 implements MigrationInterface {
  name = 'AddStepDownIndexes1772000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX contact_children_step_downs ON contact_children (decided_at)
        INCLUDE (child_id) WHERE outcome = 'STEP_DOWN_TO_EARLY_HELP'`);
    await q.query(`DROP INDEX contact_children_child`);
    await q.query(`
      CREATE INDEX contact_children_child ON contact_children (child_id)
        INCLUDE (contact_id, decided_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contact_children_child`);
    await q.query(`CREATE INDEX contact_children_child ON contact_children (child_id)`);
    await q.query(`DROP INDEX contact_children_step_downs`);
  }
}
