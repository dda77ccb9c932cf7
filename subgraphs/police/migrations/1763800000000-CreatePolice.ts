import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The police person index, occurrences and each person's role in them. */
export class CreatePolice1763800000000 implements MigrationInterface {
  name = 'CreatePolice1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE persons (
        id text PRIMARY KEY,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'UNKNOWN')),
        postcode text,
        pnc_id text
      )`);
    await q.query(`CREATE INDEX persons_dob ON persons (date_of_birth)`);
    await q.query(`CREATE INDEX persons_pnc_id ON persons (pnc_id)`);
    await q.query(`
      CREATE TABLE occurrences (
        id text PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        category text NOT NULL,
        summary text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE occurrence_persons (
        occurrence_id text NOT NULL REFERENCES occurrences (id),
        person_id text NOT NULL REFERENCES persons (id),
        role text NOT NULL,
        PRIMARY KEY (occurrence_id, person_id, role)
      )`);
    await q.query(`CREATE INDEX occurrence_persons_person ON occurrence_persons (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE occurrence_persons, occurrences, persons`);
  }
}
