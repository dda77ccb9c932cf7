import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Break-glass is for one child at a time and counted: each row is a child a user broke glass for
 * on a day (Europe/London), so a daily allowance can be kept. Breaking glass again for the same
 * child on the same day uses no more of it.
 */
export class AddBreakGlassUses1769000000000 implements MigrationInterface {
  name = 'AddBreakGlassUses1769000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE break_glass_uses (
        user_id    text        NOT NULL,
        day        date        NOT NULL,
        child_id   text        NOT NULL REFERENCES children(id),
        request_id text        NOT NULL,
        reason     text        NOT NULL,
        used_at    timestamptz NOT NULL,
        PRIMARY KEY (user_id, day, child_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE break_glass_uses`);
  }
}
