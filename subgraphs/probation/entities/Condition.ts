import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A condition of a licence or of a community order (or suspended sentence order). */
@Entity({ name: 'conditions' })
export class Condition {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'offender_id', type: 'text' })
  offenderId: string;

  /**
   * NO_UNSUPERVISED_CONTACT_WITH_CHILDREN, EXCLUSION_ZONE, NON_CONTACT, RESIDENCE, CURFEW or
   * PROGRAMME.
   */
  @Column({ name: 'kind', type: 'text' })
  kind: string;

  /** LICENCE or COMMUNITY_ORDER. */
  @Column({ name: 'imposed_by', type: 'text' })
  imposedBy: string;

  /** The condition as worded, e.g. 'Not to enter the area of Wood Green shown on the map'. */
  @Column({ name: 'detail', type: 'text' })
  detail: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;
}
