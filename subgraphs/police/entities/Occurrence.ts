import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A police occurrence: an incident or report recorded by the force. */
@Entity({ name: 'occurrences' })
export class Occurrence {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /** The force's own reference, e.g. OCC/2025/012345. */
  @Column({ name: 'reference', type: 'text' })
  reference: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'category', type: 'text' })
  category: string;

  @Column({ name: 'summary', type: 'text' })
  summary: string;
}
