import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A police officer's record that the handling conditions of a C-coded intelligence item are met
 * for disclosure to one agency. One per item and agency; the seed creates none.
 */
@Entity({ name: 'intelligence_clearances' })
export class IntelligenceClearance {
  @PrimaryColumn({ name: 'item_id', type: 'text' })
  itemId: string;

  /** SOCIALCARE, POLICE, HEALTH or EDUCATION. */
  @PrimaryColumn({ name: 'agency', type: 'text' })
  agency: string;

  /** The officer who confirmed the conditions are met. */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** Why the conditions are met, in the officer's words. */
  @Column({ name: 'note', type: 'text' })
  note: string;
}
