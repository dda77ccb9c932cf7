import type { MigrationInterface, QueryRunner } from 'typeorm';
import { decisionDueOneWorkingDay } from '../clocks';

/**
 * The MASH front door: each contact's stages with their instants and authors (recording,
 * screening with a RAG history, partner checks, threshold decisions with rationale and consent,
 * referral completion), a version for optimistic concurrency, the idempotency keys of
 * submissions, the due instants of its clocks (computed by shared/clocks.ts when each is set, and
 * frozen once it stops, so a later re-rating or a new RAG profile never rewrites a clock already
 * met or missed; stored so the queue and the analytics order and count in SQL), and the views of
 * the child each decision-maker had when deciding. Contacts already stored are brought forward:
 * their stage and decision due instants are derived, their authors stay unknown (null).
 */
export class AddFrontDoor1765000000000 implements MigrationInterface {
  name = 'AddFrontDoor1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contacts
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        ADD COLUMN stage text NOT NULL DEFAULT 'RECEIVED'
          CHECK (stage IN ('RECEIVED', 'SCREENED', 'CHECKS_REQUESTED', 'CHECKS_ANSWERED', 'DECIDED')),
        ADD COLUMN recorded_at timestamptz,
        ADD COLUMN recorded_by text,
        ADD COLUMN rag_reason text,
        ADD COLUMN rated_since timestamptz,
        ADD COLUMN screened_by text,
        ADD COLUMN rag_started_at timestamptz,
        ADD COLUMN rag_due_at timestamptz,
        ADD COLUMN rag_stopped_at timestamptz,
        ADD COLUMN decision_due_working_day_at timestamptz,
        ADD COLUMN closed_at timestamptz`);
    await q.query(`
      CREATE TABLE contact_ratings (
        id bigserial PRIMARY KEY,
        contact_id text NOT NULL REFERENCES contacts (id),
        rag text NOT NULL CHECK (rag IN ('RED', 'AMBER', 'GREEN', 'BLUE')),
        reason text NOT NULL,
        rated_by text,
        rated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX contact_ratings_contact ON contact_ratings (contact_id, rated_at)`);
    await q.query(`
      CREATE TABLE partner_checks (
        contact_id text NOT NULL REFERENCES contacts (id),
        agency text NOT NULL CHECK (agency IN ('POLICE', 'HEALTH', 'EDUCATION')),
        requested_at timestamptz NOT NULL,
        requested_by text,
        due_at timestamptz,
        answered_at timestamptz,
        answered_by text,
        outcome text CHECK (outcome IN ('INFORMATION_SHARED', 'NO_RECORD', 'NOTHING_OF_CONCERN')),
        withdrawn_at timestamptz,
        PRIMARY KEY (contact_id, agency),
        CHECK ((answered_at IS NULL) = (outcome IS NULL)),
        CHECK (answered_at IS NULL OR withdrawn_at IS NULL)
      )`);
    await q.query(`
      CREATE INDEX partner_checks_outstanding ON partner_checks (contact_id)
        WHERE answered_at IS NULL AND withdrawn_at IS NULL`);
    await q.query(`
      ALTER TABLE contact_children
        ADD COLUMN decided_by text,
        ADD COLUMN rationale text,
        ADD COLUMN consent text CHECK (consent IN ('GIVEN', 'NOT_SOUGHT', 'REFUSED')),
        ADD COLUMN lawful_basis text,
        ADD COLUMN reported_nhs_number text,
        ADD COLUMN reported_upn text,
        ADD CONSTRAINT contact_children_lawful_basis
          CHECK (consent IS NULL OR consent = 'GIVEN' OR lawful_basis IS NOT NULL)`);
    await q.query(`
      ALTER TABLE referrals
        ADD COLUMN created_by text,
        ADD COLUMN completed_by text`);
    await q.query(`CREATE INDEX referrals_contact ON referrals (contact_id)`);
    await q.query(`
      CREATE TABLE contact_submissions (
        user_id text NOT NULL,
        idempotency_key text NOT NULL,
        payload_hash text NOT NULL,
        -- Deferred: the submission row is written first, so a concurrent retry under the same key
        -- waits on it before doing any work.
        contact_id text NOT NULL REFERENCES contacts (id) DEFERRABLE INITIALLY DEFERRED,
        submitted_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, idempotency_key)
      )`);
    // The decision-maker's own views of the child between receipt and decision: each request id
    // keys the disclosures every agency recorded in its own audit log for that request.
    await q.query(`
      CREATE TABLE decision_views (
        contact_id text NOT NULL,
        child_id text NOT NULL,
        request_id text NOT NULL,
        viewed_at timestamptz NOT NULL,
        PRIMARY KEY (contact_id, child_id, request_id),
        FOREIGN KEY (contact_id, child_id) REFERENCES contact_children (contact_id, child_id)
      )`);
    // Numbers for ids the service creates (CT0000001, SC100001, H000001, RF000001), kept ahead of
    // every id already stored, whoever wrote it (the generator writes its own).
    for (const name of ['contact', 'child', 'household', 'referral']) {
      await q.query(`CREATE SEQUENCE ${name}_number_seq`);
    }
    await q.query(`
      CREATE FUNCTION sync_number_sequences() RETURNS void LANGUAGE sql AS $$
        SELECT setval('contact_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM contacts WHERE id ~ '^CT[0-9]+$')),
          EXISTS (SELECT 1 FROM contacts WHERE id ~ '^CT[0-9]+$'));
        SELECT setval('child_number_seq',
          greatest(100000, (SELECT max(substr(id, 3)::bigint) FROM children WHERE id ~ '^SC[0-9]+$')),
          true);
        SELECT setval('household_number_seq',
          greatest(1, (SELECT max(substr(id, 2)::bigint) FROM households WHERE id ~ '^H[0-9]+$')),
          EXISTS (SELECT 1 FROM households WHERE id ~ '^H[0-9]+$'));
        SELECT setval('referral_number_seq',
          greatest(1, (SELECT max(substr(id, 3)::bigint) FROM referrals WHERE id ~ '^RF[0-9]+$')),
          EXISTS (SELECT 1 FROM referrals WHERE id ~ '^RF[0-9]+$'));
      $$`);
    await q.query(`SELECT sync_number_sequences()`);

    // Bring stored contacts forward.
    await q.query(`
      INSERT INTO contact_ratings (contact_id, rag, reason, rated_at)
      SELECT id, rag, 'Recorded before ratings were kept with reasons', screened_at
        FROM contacts WHERE rag IS NOT NULL AND screened_at IS NOT NULL`);
    await q.query(`
      UPDATE contacts c SET
        recorded_at = received_at,
        rated_since = screened_at,
        closed_at = (SELECT max(cc.decided_at) FROM contact_children cc WHERE cc.contact_id = c.id
                      HAVING bool_and(cc.decided_at IS NOT NULL)),
        stage = CASE
          WHEN NOT EXISTS (SELECT 1 FROM contact_children cc
                            WHERE cc.contact_id = c.id AND cc.decided_at IS NULL) THEN 'DECIDED'
          WHEN screened_at IS NOT NULL THEN 'SCREENED'
          ELSE 'RECEIVED' END`);
    const rows = (await q.query(`SELECT id, received_at FROM contacts`)) as {
      id: string;
      received_at: Date;
    }[];
    for (let start = 0; start < rows.length; start += 10_000) {
      const chunk = rows.slice(start, start + 10_000);
      await q.query(
        `UPDATE contacts c SET decision_due_working_day_at = d.due
           FROM unnest($1::text[], $2::timestamptz[]) AS d(id, due)
          WHERE c.id = d.id`,
        [
          chunk.map((r) => r.id),
          chunk.map((r) => decisionDueOneWorkingDay(new Date(r.received_at))),
        ],
      );
    }
    await q.query(`
      ALTER TABLE contacts
        ALTER COLUMN recorded_at SET NOT NULL,
        ALTER COLUMN decision_due_working_day_at SET NOT NULL,
        ALTER COLUMN stage DROP DEFAULT`);
    await q.query(`
      CREATE INDEX contacts_open ON contacts (received_at, id) WHERE closed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sync_number_sequences()`);
    for (const name of ['contact', 'child', 'household', 'referral']) {
      await q.query(`DROP SEQUENCE ${name}_number_seq`);
    }
    await q.query(
      `DROP TABLE decision_views, contact_submissions, partner_checks, contact_ratings`,
    );
    await q.query(`DROP INDEX referrals_contact`);
    await q.query(`ALTER TABLE referrals DROP COLUMN created_by, DROP COLUMN completed_by`);
    await q.query(`
      ALTER TABLE contact_children
        DROP CONSTRAINT contact_children_lawful_basis,
        DROP COLUMN decided_by, DROP COLUMN rationale, DROP COLUMN consent,
        DROP COLUMN lawful_basis, DROP COLUMN reported_nhs_number, DROP COLUMN reported_upn`);
    await q.query(`DROP INDEX contacts_open`);
    await q.query(`
      ALTER TABLE contacts
        DROP COLUMN version, DROP COLUMN stage, DROP COLUMN recorded_at, DROP COLUMN recorded_by,
        DROP COLUMN rag_reason, DROP COLUMN rated_since, DROP COLUMN screened_by,
        DROP COLUMN rag_started_at, DROP COLUMN rag_due_at, DROP COLUMN rag_stopped_at,
        DROP COLUMN decision_due_working_day_at, DROP COLUMN closed_at`);
  }
}
