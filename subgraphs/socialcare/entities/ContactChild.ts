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

  /** The deciding user's id. */
  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'rationale', type: 'text', nullable: true })
  rationale: string | null;

  /** GIVEN, NOT_SOUGHT or REFUSED. */
  @Column({ name: 'consent', type: 'text', nullable: true })
  consent: string | null;

  /** Required when consent was not sought or was refused. */
  @Column({ name: 'lawful_basis', type: 'text', nullable: true })
  lawfulBasis: string | null;

  /** The NHS number the referrer gave for the child, as given. */
  @Column({ name: 'reported_nhs_number', type: 'text', nullable: true })
  reportedNhsNumber: string | null;

  /** The UPN the referrer gave for the child, as given. */
  @Column({ name: 'reported_upn', type: 'text', nullable: true })
  reportedUpn: string | null;
}
