import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A court order police hold: whom it is against and whom it protects. */
@Entity({ name: 'court_orders' })
export class CourtOrder {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /**
   * NON_MOLESTATION_ORDER, OCCUPATION_ORDER, RESTRAINING_ORDER,
   * DOMESTIC_VIOLENCE_PROTECTION_ORDER or CHILD_ARRANGEMENTS_PROHIBITED_STEPS.
   */
  @Column({ name: 'kind', type: 'text' })
  kind: string;

  /** The person the order is against. */
  @Column({ name: 'respondent_person_id', type: 'text' })
  respondentPersonId: string;

  /** The person it protects, when police hold them. */
  @Column({ name: 'protected_person_id', type: 'text', nullable: true })
  protectedPersonId: string | null;

  /** Local date it was made. */
  @Column({ name: 'made_on', type: 'date' })
  madeOn: string;

  /** Local date it expires; null when it runs until further order. */
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;
}
