import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One RAG rating given to a contact; the latest is current and the earlier ones are its history. */
@Entity({ name: 'contact_ratings' })
export class ContactRating {
  @PrimaryColumn({ name: 'id', type: 'bigint' })
  id: string;

  @Column({ name: 'contact_id', type: 'text' })
  contactId: string;

  /** RED, AMBER, GREEN or BLUE. */
  @Column({ name: 'rag', type: 'text' })
  rag: string;

  @Column({ name: 'reason', type: 'text' })
  reason: string;

  /** Null for ratings recorded before authors were kept. */
  @Column({ name: 'rated_by', type: 'text', nullable: true })
  ratedBy: string | null;

  @Column({ name: 'rated_at', type: 'timestamptz' })
  ratedAt: Date;
}
