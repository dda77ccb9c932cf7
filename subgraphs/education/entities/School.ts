import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A school or alternative provision in the area. */
@Entity({ name: 'schools' })
export class School {
  /** Unique reference number, six digits. */
  @PrimaryColumn({ name: 'urn', type: 'text' })
  urn: string;

  @Column({ name: 'name', type: 'text' })
  name: string;

  /** PRIMARY, SECONDARY, SPECIAL or ALTERNATIVE_PROVISION. */
  @Column({ name: 'phase', type: 'text' })
  phase: string;
}
