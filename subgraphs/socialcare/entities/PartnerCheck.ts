import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A request to one partner agency to check its own records for a contact's children and
 * household, and the agency's answer. The answer says only whether the agency shared anything:
 * what it shared stays in its own records, disclosed by its own subgraph.
 */
@Entity({ name: 'partner_checks' })
export class PartnerCheck {
  @PrimaryColumn({ name: 'contact_id', type: 'text' })
  contactId: string;

  /** POLICE, HEALTH or EDUCATION. */
  @PrimaryColumn({ name: 'agency', type: 'text' })
  agency: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy: string | null;

  /**
   * Due by the RAG target from the later of the request and the current rating's start; follows a
   * re-rating while outstanding, fixed once answered. Null for a rating without a target.
   */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  /** INFORMATION_SHARED, NO_RECORD or NOTHING_OF_CONCERN; null until answered. */
  @Column({ name: 'outcome', type: 'text', nullable: true })
  outcome: string | null;

  /** Set when the contact was decided before the agency answered: the check is no longer needed. */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
