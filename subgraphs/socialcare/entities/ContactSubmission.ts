import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One user's submission of a contact under an idempotency key, so a retry returns the first. */
@Entity({ name: 'contact_submissions' })
export class ContactSubmission {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the submission's canonical form: a different payload under the key is refused. */
  @Column({ name: 'payload_hash', type: 'text' })
  payloadHash: string;

  @Column({ name: 'contact_id', type: 'text' })
  contactId: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;
}
