import { Column, Entity, PrimaryColumn } from 'typeorm';

/** That a known child lives with, or is in contact with, a person on probation. */
@Entity({ name: 'known_child_links' })
export class KnownChildLink {
  @PrimaryColumn({ name: 'child_id', type: 'text' })
  childId: string;

  @PrimaryColumn({ name: 'offender_id', type: 'text' })
  offenderId: string;

  /** The adult's relationship to the child as recorded, e.g. FATHER, MOTHERS_PARTNER. */
  @Column({ name: 'relationship', type: 'text' })
  relationship: string;

  /** True when they live at the same address; false for contact only. */
  @Column({ name: 'same_household', type: 'boolean' })
  sameHousehold: boolean;

  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn: string;
}
