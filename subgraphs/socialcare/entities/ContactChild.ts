import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One child on a contact, with the threshold decision made for that child. */
@Entity({ name: 'contact_children' })
export class ContactChild {
  @PrimaryColumn({ name: 'contact_id', type: 'text' })
  contactId: string;

  @PrimaryColumn({ name: 'child_id', type: 'text' })
  childId: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Continuum-of-need level 1-4. */
  @Column({ name: 'level', type: 'smallint', nullable: true })
  level: number | null;

  @Column({ name: 'outcome', type: 'text', nullable: true })
  outcome: string | null;
}
