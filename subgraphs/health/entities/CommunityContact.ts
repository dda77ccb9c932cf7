import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A health visiting or school nursing contact with a child, kept or missed. */
@Entity({ name: 'community_contacts' })
export class CommunityContact {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'patient_id', type: 'text' })
  patientId: string;

  @Column({ name: 'at', type: 'timestamptz' })
  at: Date;

  /** HEALTH_VISITING or SCHOOL_NURSING. */
  @Column({ name: 'service', type: 'text' })
  service: string;

  /** The service's own word for the contact, e.g. NEW_BIRTH_VISIT, TWO_YEAR_REVIEW, DROP_IN. */
  @Column({ name: 'kind', type: 'text' })
  kind: string;

  /** The appointment was missed because the child was not brought. */
  @Column({ name: 'was_not_brought', type: 'boolean' })
  wasNotBrought: boolean;

  @Column({ name: 'note', type: 'text' })
  note: string;
}
