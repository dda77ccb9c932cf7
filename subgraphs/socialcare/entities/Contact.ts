import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A contact: a concern about one or more children received by the MASH. */
@Entity({ name: 'contacts' })
export class Contact {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** DfE contact source code, e.g. '6' police, '3E' A&E. */
  @Column({ name: 'source_code', type: 'text' })
  sourceCode: string;

  @Column({ name: 'referrer', type: 'text' })
  referrer: string;

  @Column({ name: 'concern', type: 'text' })
  concern: string;

  /** RED, AMBER, GREEN or BLUE; null until screened. */
  @Column({ name: 'rag', type: 'text', nullable: true })
  rag: string | null;

  @Column({ name: 'screened_at', type: 'timestamptz', nullable: true })
  screenedAt: Date | null;

  @Column({ name: 'team', type: 'text' })
  team: string;
}
